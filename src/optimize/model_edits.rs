//! Edits of a HiGHS model between runs through the C API calls that the `highs` crate does not
//! wrap: column bounds and integrality, bool options, the objective sense. Each edit reports a
//! refusal as [`Error::Solver`]; the `unsafe` calls of the neighbourhood searches are all here.

use highs_sys::HighsInt;

use super::solve::Run;
use crate::error::{Error, Result};

/// HiGHS variable types (`kHighsVarTypeContinuous`, `kHighsVarTypeInteger`).
pub(crate) const CONTINUOUS: HighsInt = 0;
pub(crate) const INTEGER: HighsInt = 1;

/// Runs `solve` with the HiGHS option `name` off, and turns it back on afterwards (a kept model
/// goes on to other runs).
pub(crate) fn with_option_off(
    mut model: highs::Model,
    name: &str,
    solve: impl FnOnce(highs::Model) -> Result<(Run, highs::Model)>,
) -> Result<(Run, highs::Model)> {
    switch(&mut model, name, false)?;
    let (run, mut model) = solve(model)?;
    switch(&mut model, name, true)?;
    Ok((run, model))
}

/// Sets the HiGHS bool option `name`.
fn switch(model: &mut highs::Model, name: &str, on: bool) -> Result<()> {
    model.try_set_option(name, on).map_err(|_| Error::Solver(format!("HiGHS refused {name} = {on}")))
}

/// Whether the model maximises.
pub(crate) fn maximises(model: &highs::Model) -> Result<bool> {
    let mut sense: HighsInt = 0;
    // SAFETY: a live HiGHS instance and a valid out pointer.
    let status = unsafe { highs_sys::Highs_getObjectiveSense(model.as_ptr(), &mut sense) };
    if status < 0 {
        return Err(Error::Solver("HiGHS refused to report the objective sense".into()));
    }
    Ok(sense < 0)
}

/// Runs `solve` on the model with the columns of `set` fixed at `values`, and restores their
/// bounds afterwards.
pub(crate) fn with_fixed(
    mut model: highs::Model,
    set: &[HighsInt],
    values: &[f64],
    solve: impl FnOnce(highs::Model) -> Result<(Run, highs::Model)>,
) -> Result<(Run, highs::Model)> {
    let (lower, upper) = bounds_of(&mut model, set)?;
    change_bounds(&mut model, set, values, values)?;
    let (run, mut model) = solve(model)?;
    change_bounds(&mut model, set, &lower, &upper)?;
    Ok((run, model))
}

/// The model with the columns of `set` made `kind` ([`CONTINUOUS`] or [`INTEGER`]).
pub(crate) fn with_integrality(mut model: highs::Model, set: &[HighsInt], kind: HighsInt) -> Result<highs::Model> {
    let kinds = vec![kind; set.len()];
    // SAFETY: `set` holds column indices of the live model and `kinds` has one entry per index.
    let status = unsafe {
        highs_sys::Highs_changeColsIntegralityBySet(model.as_mut_ptr(), set.len() as _, set.as_ptr(), kinds.as_ptr())
    };
    if status < 0 {
        return Err(Error::Solver("HiGHS refused to change column integrality".into()));
    }
    Ok(model)
}

/// The (lower, upper) bounds of the columns in `set`.
pub(crate) fn bounds_of(model: &mut highs::Model, set: &[HighsInt]) -> Result<(Vec<f64>, Vec<f64>)> {
    let (mut lower, mut upper) = (vec![0.0; set.len()], vec![0.0; set.len()]);
    if set.is_empty() {
        return Ok((lower, upper));
    }
    let (mut count, mut nonzeros): (HighsInt, HighsInt) = (0, 0);
    let null = std::ptr::null_mut();
    // SAFETY: the output arrays have one entry per index of `set`; HiGHS skips null outputs.
    let status = unsafe {
        highs_sys::Highs_getColsBySet(
            model.as_mut_ptr(),
            set.len() as _,
            set.as_ptr(),
            &mut count,
            null,
            lower.as_mut_ptr(),
            upper.as_mut_ptr(),
            &mut nonzeros,
            null as *mut HighsInt,
            null as *mut HighsInt,
            null,
        )
    };
    if status < 0 || count as usize != set.len() {
        return Err(Error::Solver("HiGHS refused to report column bounds".into()));
    }
    Ok((lower, upper))
}

/// Sets the (lower, upper) bounds of the columns in `set`, one pair per column.
pub(crate) fn change_bounds(model: &mut highs::Model, set: &[HighsInt], lower: &[f64], upper: &[f64]) -> Result<()> {
    if set.is_empty() {
        return Ok(());
    }
    // SAFETY: `set`, `lower` and `upper` have the same length; the indices are columns of the model.
    let status = unsafe {
        highs_sys::Highs_changeColsBoundsBySet(
            model.as_mut_ptr(),
            set.len() as _,
            set.as_ptr(),
            lower.as_ptr(),
            upper.as_ptr(),
        )
    };
    if status < 0 {
        return Err(Error::Solver("HiGHS refused new column bounds".into()));
    }
    Ok(())
}
