//! Large zeroed matrices that the kernel may back with huge pages.
//!
//! The draw matrices of [`super::draw`] are written once, cell by cell, right after they are
//! allocated; at 10,000 x 525 cells that is two 42 MB matrices, and with 4 KiB pages the first
//! write of each page is a page fault (about 20,000 of them, a quarter of a one-thread draw). Like
//! numpy for its large arrays, stratfund asks Linux for transparent huge pages on them
//! (`madvise(MADV_HUGEPAGE)`); the kernel may ignore the advice, and other systems get plain pages.

use std::alloc::Layout;

use ndarray::Array2;

use crate::error::{Error, Problem, Result};

/// Below this size the advice cannot cover a whole 2 MiB huge page.
const HUGE_PAGE: usize = 2 << 20;

/// Bytes per cell of a draw: value and extra state money (`f64`) and success (`bool`).
const BYTES_PER_CELL: usize = 17;

/// Checks that the draw matrices of `rows` scenarios x `cols` funded projects fit in this
/// machine's memory, so that a mistyped scenario count is an error naming `scenarios` rather
/// than an abort (an allocation that fails cannot be caught) or a machine swapping for hours.
pub(super) fn check_room(rows: usize, cols: usize) -> Result<()> {
    // A saturated cell count overflows in `beyond_memory`, which says so.
    match crate::memory::beyond_memory(rows.saturating_mul(cols), BYTES_PER_CELL) {
        None => Ok(()),
        Some(needed) => Err(too_large(rows, cols, &needed)),
    }
}

fn too_large(rows: usize, cols: usize, needed: &str) -> Error {
    Error::Validation(vec![Problem::plan(
        "simulate.scenarios",
        "out_of_range",
        format!(
            "{rows} scenarios x {cols} funded projects need {needed} for the draw matrices: use fewer scenarios, or \
             draw them in ranges of scenario indices and merge the results (`simulate::evaluate_range`, Python's \
             `stratfund.distributed`)"
        ),
    )])
}

/// A `rows x cols` matrix of zeros, its memory advised for huge pages (before any page is touched).
///
/// # Errors
///
/// [`Error::Validation`] on `simulate.scenarios` when the memory cannot be allocated (the
/// allocation is fallible: an aborting one would end a Python session).
pub(super) fn zeroed_matrix(rows: usize, cols: usize) -> Result<Array2<f64>> {
    let unaddressable = || too_large(rows, cols, "more bytes than a computer can address");
    let cells = rows.checked_mul(cols).ok_or_else(unaddressable)?;
    let layout = Layout::array::<f64>(cells).map_err(|_| unaddressable())?;
    let storage = if layout.size() == 0 {
        Vec::new()
    } else {
        // SAFETY: the layout has a non-zero size. A null pointer (allocation failure) is checked
        // before use; otherwise the block holds `cells` zeroed f64 (all-zero bits are 0.0) and was
        // allocated by the global allocator with the layout of a `Vec<f64>` of capacity `cells`,
        // which the Vec then owns and frees.
        unsafe {
            let pointer = std::alloc::alloc_zeroed(layout).cast::<f64>();
            if pointer.is_null() {
                return Err(too_large(rows, cols, "more memory than is free"));
            }
            Vec::from_raw_parts(pointer, cells, cells)
        }
    };
    let matrix = Array2::from_shape_vec((rows, cols), storage).map_err(|e| Error::usage(e.to_string()))?;
    if let Some(cells) = matrix.as_slice_memory_order() {
        advise_huge_pages(cells.as_ptr() as usize, std::mem::size_of_val(cells));
    }
    Ok(matrix)
}

/// Advises the whole 2 MiB pages inside `[start, start + len)` for transparent huge pages.
#[cfg(target_os = "linux")]
fn advise_huge_pages(start: usize, len: usize) {
    let first = start.div_ceil(HUGE_PAGE) * HUGE_PAGE;
    let end = (start + len) / HUGE_PAGE * HUGE_PAGE;
    if end > first {
        // SAFETY: [first, end) lies inside one live allocation owned by the caller's matrix;
        // MADV_HUGEPAGE is advice about how to back those pages and never changes their contents.
        // A refusal (for example huge pages disabled) is harmless, so the result is ignored.
        unsafe {
            libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_start: usize, _len: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_is_zeros_of_the_shape_asked_whatever_its_size() {
        for (rows, cols) in [(0, 0), (3, 2), (1_000, 600), (4, 0)] {
            let m = zeroed_matrix(rows, cols).expect("small enough");
            assert_eq!(m.dim(), (rows, cols));
            assert!(m.iter().all(|x| *x == 0.0));
        }
    }

    #[test]
    fn matrices_beyond_memory_are_errors_naming_scenarios() {
        assert!(check_room(10_000, 1_000).is_ok());
        for (rows, cols) in [(10_000_000_000_000, 157), (usize::MAX, 2)] {
            let error = check_room(rows, cols).unwrap_err();
            assert_eq!(error.problems()[0].field, "simulate.scenarios");
            assert!(error.to_string().contains(&format!("{rows} scenarios x {cols} funded projects need")), "{error}");
            assert!(zeroed_matrix(rows, cols).is_err());
        }
    }
}
