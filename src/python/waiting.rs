//! Running core work from Python: the GIL released, panics caught, Ctrl-C honoured and, for long
//! studies, progress reported to a Python callable.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use pyo3::prelude::*;

use super::fork;
use crate::scenario::Control;

/// How often the waiting thread takes the GIL to handle signals and report progress.
const POLL: Duration = Duration::from_millis(50);

/// Runs core work with the GIL released; a core error becomes the mapped exception, and a panic
/// (a bug) becomes a `SolverError` instead of crossing into Python.
pub(crate) fn guarded<T: Send>(py: Python<'_>, work: impl FnOnce() -> crate::Result<T> + Send) -> PyResult<T> {
    let outcome = py.detach(|| std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fork::on_live_pool(work))));
    outcome.unwrap_or_else(|panic| Err(internal_error(&panic))).map_err(PyErr::from)
}

/// Runs `work` on a worker thread while this thread waits for its result, and at least every
/// 50 ms lets Python handle signals: on Ctrl-C the stop flag is raised, the work ends early, and
/// the KeyboardInterrupt propagates. The result is returned as soon as the work ends (the wait is
/// on a channel, not a sleep, so a short call takes no longer than its work).
pub(crate) fn interruptible<T: Send>(
    py: Python<'_>,
    work: impl FnOnce(&AtomicBool) -> crate::Result<T> + Send,
) -> PyResult<T> {
    study(py, None, move |control| work(control.stop))
}

/// [`interruptible`] for a study that ticks as its steps (solves, scenarios) finish: `progress`,
/// when given, is called with the number of finished steps each time it has grown (at most every
/// 50 ms, and once more at the end). An exception in `progress` stops the work and propagates.
pub(crate) fn study<T: Send>(
    py: Python<'_>,
    progress: Option<&Bound<'_, PyAny>>,
    work: impl FnOnce(Control<'_>) -> crate::Result<T> + Send,
) -> PyResult<T> {
    let stop = AtomicBool::new(false);
    let finished = AtomicUsize::new(0);
    let (stop_flag, finished_count) = (&stop, &finished);
    std::thread::scope(|scope| {
        let (done, mut receiver) = std::sync::mpsc::channel();
        scope.spawn(move || {
            let tick = |n: usize| {
                finished_count.fetch_add(n, Ordering::Relaxed);
            };
            let control = Control { stop: stop_flag, tick: &tick };
            let run = || fork::on_live_pool(|| work(control));
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run));
            // The receiver lives until this thread is joined: sending cannot fail.
            let _ = done.send(result);
        });
        let mut reporter = Reporter { progress, reported: 0 };
        let mut failure: Option<PyErr> = None;
        let outcome = loop {
            // The receiver is moved into the GIL-free wait and back (a `&Receiver` cannot cross).
            let (back, received) = py.detach(move || {
                let received = receiver.recv_timeout(POLL);
                (receiver, received)
            });
            receiver = back;
            match received {
                Ok(result) => break result,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    break Err(Box::new("the worker thread ended without a result") as Box<dyn std::any::Any + Send>)
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) if failure.is_none() => {
                    let checked = py.check_signals().and_then(|()| reporter.report(finished.load(Ordering::Relaxed)));
                    if let Err(e) = checked {
                        stop.store(true, Ordering::Relaxed);
                        failure = Some(e);
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            }
        };
        if let Some(e) = failure {
            return Err(e);
        }
        let value = outcome.unwrap_or_else(|panic| Err(internal_error(&panic))).map_err(PyErr::from)?;
        reporter.report(finished.load(Ordering::Relaxed))?;
        Ok(value)
    })
}

/// Calls the progress callable when the count of finished steps has grown.
struct Reporter<'a, 'py> {
    progress: Option<&'a Bound<'py, PyAny>>,
    reported: usize,
}

impl Reporter<'_, '_> {
    fn report(&mut self, finished: usize) -> PyResult<()> {
        match self.progress {
            Some(callable) if finished != self.reported => {
                self.reported = finished;
                callable.call1((finished,)).map(drop)
            }
            _ => Ok(()),
        }
    }
}

/// The error of a panic (a bug in stratfund), with its message when it has one.
fn internal_error(panic: &Box<dyn std::any::Any + Send>) -> crate::Error {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    crate::Error::Solver(format!("internal error in stratfund (please report it): {what}"))
}
