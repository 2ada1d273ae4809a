//! Parallel work in forked children.
//!
//! rayon's global pool is created once per process, and its worker threads do not survive
//! `fork()`: a child forked after the parent used the pool (`multiprocessing` with the `fork`
//! start method, the default on Linux before Python 3.14) would wait forever on threads that do
//! not exist. A `pthread_atfork` handler marks forked children; there, parallel work runs on a
//! fresh pool built for the call. Results do not depend on the pool (scenarios use their own random
//! streams and fixed blocks), so children compute exactly what the parent would.

use std::sync::atomic::{AtomicBool, Ordering};

/// Set in a child process after `fork()`.
static FORKED: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
extern "C" fn mark_forked_child() {
    // Async-signal-safe: a single atomic store.
    FORKED.store(true, Ordering::Relaxed);
}

/// Registers the fork handler (once per process; the module init calls it).
pub(super) fn register() {
    #[cfg(unix)]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        // SAFETY: the handler only stores to an atomic, which is allowed in a forked child.
        ONCE.call_once(|| unsafe {
            libc::pthread_atfork(None, None, Some(mark_forked_child));
        });
    }
}

/// Runs `work` where its rayon calls can make progress: the global pool in the process that
/// created it, a fresh pool (sized like the global one) in a forked child.
pub(super) fn on_live_pool<T: Send>(work: impl FnOnce() -> crate::Result<T> + Send) -> crate::Result<T> {
    if !FORKED.load(Ordering::Relaxed) {
        return work();
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .build()
        .map_err(|e| crate::Error::Solver(format!("cannot start worker threads in a forked process: {e}")))?;
    pool.install(work)
}
