//! Large zeroed matrices that the kernel may back with huge pages.
//!
//! The draw matrices of [`super::draw`] are written once, cell by cell, right after they are
//! allocated; at 10,000 x 525 cells that is two 42 MB matrices, and with 4 KiB pages the first
//! write of each page is a page fault (about 20,000 of them, a quarter of a one-thread draw). Like
//! numpy for its large arrays, stratfund asks Linux for transparent huge pages on them
//! (`madvise(MADV_HUGEPAGE)`); the kernel may ignore the advice, and other systems get plain pages.

use ndarray::Array2;

/// Below this size the advice cannot cover a whole 2 MiB huge page.
const HUGE_PAGE: usize = 2 << 20;

/// A `rows x cols` matrix of zeros, its memory advised for huge pages (before any page is touched).
pub(super) fn zeroed_matrix(rows: usize, cols: usize) -> Array2<f64> {
    let matrix = Array2::<f64>::zeros((rows, cols));
    if let Some(cells) = matrix.as_slice_memory_order() {
        advise_huge_pages(cells.as_ptr() as usize, std::mem::size_of_val(cells));
    }
    matrix
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
        for (rows, cols) in [(0, 0), (3, 2), (1_000, 600)] {
            let m = zeroed_matrix(rows, cols);
            assert_eq!(m.dim(), (rows, cols));
            assert!(m.iter().all(|x| *x == 0.0));
        }
    }
}
