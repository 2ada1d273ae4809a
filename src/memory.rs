//! Whether what a count asks for fits in this machine's memory, so that a mistyped count (10^13
//! scenarios, 10^12 projects) is an error naming it rather than an abort: a failed allocation
//! cannot be caught, and in Python it ends the session.

/// `None` when `count` items of `bytes_each` bytes fit in this machine's physical memory (or the
/// system does not say how much it has); otherwise how much they need, in words: "2669.0 GB,
/// more than this machine's 25.3 GB".
pub(crate) fn beyond_memory(count: usize, bytes_each: usize) -> Option<String> {
    let needed = count.checked_mul(bytes_each);
    let memory = physical_memory();
    let fits = match (needed, memory) {
        (Some(needed), Some(memory)) => needed <= memory,
        // The system does not say: the allocation decides.
        (Some(_), None) => true,
        (None, _) => false,
    };
    if fits {
        return None;
    }
    let needed = needed.map_or_else(|| "more bytes than a computer can address".to_string(), gigabytes);
    Some(memory.map_or(needed.clone(), |m| format!("{needed}, more than this machine's {}", gigabytes(m))))
}

fn gigabytes(bytes: usize) -> String {
    format!("{:.1} GB", bytes as f64 / 1e9)
}

/// The machine's physical memory in bytes, where the system says.
#[cfg(unix)]
fn physical_memory() -> Option<usize> {
    // SAFETY: sysconf only reads system configuration values.
    let (pages, page_size) = unsafe { (libc::sysconf(libc::_SC_PHYS_PAGES), libc::sysconf(libc::_SC_PAGESIZE)) };
    let (pages, page_size) = (usize::try_from(pages).ok()?, usize::try_from(page_size).ok()?);
    pages.checked_mul(page_size)
}

#[cfg(not(unix))]
fn physical_memory() -> Option<usize> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_fit_and_absurd_ones_say_what_they_need() {
        assert_eq!(beyond_memory(10_000, 1_000), None);
        let needed = beyond_memory(10_000_000_000_000, 17).expect("beyond any machine");
        assert!(needed.starts_with("170000.0 GB"), "{needed}");
        let overflow = beyond_memory(usize::MAX, 2).expect("beyond any machine");
        assert!(overflow.starts_with("more bytes than a computer can address"), "{overflow}");
    }
}
