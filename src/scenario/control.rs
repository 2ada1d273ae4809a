//! How a long run reports progress and learns that it should stop, and how it runs its
//! independent steps (scenarios, solves) in parallel.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::{Error, Result};

/// How a long run reports progress and learns that it should stop.
///
/// ```
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// let done = AtomicUsize::new(0);
/// let tick = |_: usize| { done.fetch_add(1, Ordering::Relaxed); };
/// let control = stratfund::scenario::Control { tick: &tick, ..Default::default() };
/// (control.tick)(1);
/// assert_eq!(done.load(Ordering::Relaxed), 1);
/// ```
#[derive(Clone, Copy)]
pub struct Control<'a> {
    /// Becomes true when the caller wants the run to stop ([`crate::Error::Interrupted`]).
    pub stop: &'a AtomicBool,
    /// Called with the number of finished steps (solves or scenarios) each time some finish.
    pub tick: &'a (dyn Fn(usize) + Sync),
}

static NEVER: AtomicBool = AtomicBool::new(false);

impl Default for Control<'_> {
    fn default() -> Self {
        Control { stop: &NEVER, tick: &|_| {} }
    }
}

impl Control<'_> {
    /// Returns [`crate::Error::Interrupted`] once `stop` is set.
    ///
    /// # Errors
    ///
    /// [`Error::Interrupted`](crate::Error::Interrupted) once `stop` is set.
    pub fn check(&self) -> Result<()> {
        if self.stop.load(Ordering::Relaxed) {
            Err(Error::Interrupted)
        } else {
            Ok(())
        }
    }

    /// Runs `step` on every index of `indexes` in parallel, checking [`Control::check`] before
    /// each step and ticking once after each. Returns the results in index order or, of several
    /// errors, the first index's, whatever the thread count: once a step fails, the steps after
    /// it are skipped; those before it still run.
    ///
    /// Each index is its own rayon job, as steps differ in length and an idle core should take
    /// the next one: with rayon's default pieces (a quarter of 200 robustness scenarios on two
    /// threads), one core sat idle for the last 17% of a run (BENCHMARKS.md, session 46).
    pub(crate) fn in_parallel<T: Send>(
        &self,
        indexes: Range<usize>,
        step: impl Fn(usize) -> Result<T> + Sync,
    ) -> Result<Vec<T>> {
        self.in_parallel_parts(indexes, |k, _| {
            let done = step(k)?;
            (self.tick)(1);
            Ok(done)
        })
    }

    /// As [`Control::in_parallel`], for steps made of parts that tick for themselves (a block of
    /// frontier levels): `step` gets a check to call before each part, which also fails once an
    /// earlier index has failed, so that a step under way stops at its next part rather than run
    /// to its end for nothing. Nothing ticks here.
    pub(crate) fn in_parallel_parts<T: Send>(
        &self,
        indexes: Range<usize>,
        step: impl Fn(usize, &dyn Fn() -> Result<()>) -> Result<T> + Sync,
    ) -> Result<Vec<T>> {
        let first_failed = AtomicUsize::new(usize::MAX);
        let results: Vec<Result<T>> = indexes
            .into_par_iter()
            .with_max_len(1)
            .map(|k| {
                let go_on = || {
                    self.check()?;
                    if k > first_failed.load(Ordering::Relaxed) {
                        // Never returned: the error of the step that failed comes before it.
                        return Err(Error::Interrupted);
                    }
                    Ok(())
                };
                go_on()?;
                step(k, &go_on).inspect_err(|_| {
                    first_failed.fetch_min(k, Ordering::Relaxed);
                })
            })
            .collect();
        results.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    fn on_threads<R: Send>(threads: usize, run: impl FnOnce() -> R + Send) -> R {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(run)
    }

    #[test]
    fn steps_in_parallel_come_back_in_order_with_one_tick_each() {
        let ticks = AtomicUsize::new(0);
        let tick = |n: usize| {
            ticks.fetch_add(n, Ordering::Relaxed);
        };
        let control = Control { tick: &tick, ..Default::default() };
        let squares = on_threads(2, || control.in_parallel(3..9, |k| Ok(k * k))).unwrap();
        assert_eq!(squares, [9, 16, 25, 36, 49, 64]);
        assert_eq!(ticks.load(Ordering::Relaxed), 6);
    }

    #[test]
    fn of_several_failed_steps_the_first_is_returned_and_every_step_before_it_runs() {
        for threads in [1, 2, 4] {
            for _ in 0..20 {
                let ran = Mutex::new(Vec::new());
                let step = |k: usize| {
                    ran.lock().unwrap().push(k);
                    if k == 5 || k == 11 {
                        Err(Error::Solver(format!("step {k} failed")))
                    } else {
                        Ok(k)
                    }
                };
                let failed = on_threads(threads, || Control::default().in_parallel(0..40, step));
                assert_eq!(failed.unwrap_err().to_string(), "solver error: step 5 failed", "{threads} threads");
                let ran = ran.into_inner().unwrap();
                assert!((0..=5).all(|k| ran.contains(&k)), "{threads} threads ran {ran:?}");
                if threads == 1 {
                    assert_eq!(ran, (0..=5).collect::<Vec<_>>(), "one thread stops at the failure");
                }
            }
        }
    }

    #[test]
    fn a_step_under_way_stops_at_its_next_part_once_an_earlier_step_fails() {
        for threads in [2, 4] {
            let (started, parts) = (AtomicBool::new(false), AtomicUsize::new(0));
            let step = |k: usize, go_on: &dyn Fn() -> Result<()>| {
                if k == 0 {
                    // Fails once step 1 is under way (another thread runs it).
                    while !started.load(Ordering::Relaxed) {
                        std::thread::yield_now();
                    }
                    return Err(Error::Solver("step 0 failed".into()));
                }
                started.store(true, Ordering::Relaxed);
                for _ in 0..2_000 {
                    go_on()?;
                    parts.fetch_add(1, Ordering::Relaxed);
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                Ok(())
            };
            let failed = on_threads(threads, || Control::default().in_parallel_parts(0..2, step));
            assert_eq!(failed.unwrap_err().to_string(), "solver error: step 0 failed");
            let parts = parts.load(Ordering::Relaxed);
            assert!(parts < 2_000, "{threads} threads: step 1 ran all its {parts} parts after step 0 failed");
        }
    }

    #[test]
    fn a_stop_request_interrupts_the_steps_not_yet_started() {
        let stop = AtomicBool::new(true);
        let control = Control { stop: &stop, ..Default::default() };
        let ran = AtomicUsize::new(0);
        let result = control.in_parallel(0..10, |k| {
            ran.fetch_add(1, Ordering::Relaxed);
            Ok(k)
        });
        assert!(matches!(result, Err(Error::Interrupted)));
        assert_eq!(ran.load(Ordering::Relaxed), 0);
    }
}
