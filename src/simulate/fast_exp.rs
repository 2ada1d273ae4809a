//! glibc's `exp` without its `errno` wrapper.
//!
//! On x86-64, glibc (2.29 and later; 2.36 on Debian 12) exports `exp` as a wrapper: it calls the real
//! `exp` (`__ieee754_exp`, FMA version when the CPU has it) through the PLT, then tests the
//! argument and result to set `errno` on overflow. In the Monte Carlo loop, where a cell takes
//! one or two `exp`s, that wrapper is 7% of the time. The real function is still exported, as
//! the compatibility symbol `__exp_finite@GLIBC_2.15`: the same code, so the same bits, without
//! the `errno` checks, which the loop never reads (its arguments are finite and far from the
//! overflow range). [`Exp::resolve`] looks it up once per run with `dlvsym`, and falls back on
//! Rust's `f64::exp` (the C library's `exp`) when it is missing (other C libraries, other
//! systems).

/// An `exp` function: `__exp_finite` when glibc has it, else `f64::exp`.
#[derive(Clone, Copy)]
pub(crate) struct Exp {
    function: unsafe extern "C" fn(f64) -> f64,
}

impl std::fmt::Debug for Exp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_unwrapped() { "Exp(__exp_finite)" } else { "Exp(f64::exp)" })
    }
}

extern "C" fn library_exp(x: f64) -> f64 {
    x.exp()
}

impl Exp {
    /// The unwrapped glibc `exp` when the process has it, else `f64::exp`.
    pub(crate) fn resolve() -> Exp {
        Exp { function: unwrapped_glibc_exp().unwrap_or(library_exp) }
    }

    /// e^x.
    #[inline(always)]
    pub(crate) fn exp(self, x: f64) -> f64 {
        // SAFETY: `function` is `library_exp` or glibc's `__exp_finite`, both of which take and
        // return a double and are defined for every double.
        unsafe { (self.function)(x) }
    }

    /// Whether glibc's unwrapped `exp` is used.
    pub(crate) fn is_unwrapped(self) -> bool {
        self.function as usize != library_exp as *const () as usize
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu", target_arch = "x86_64"))]
fn unwrapped_glibc_exp() -> Option<unsafe extern "C" fn(f64) -> f64> {
    // SAFETY: dlvsym with RTLD_DEFAULT only reads the loaded objects' symbol tables; the names
    // are NUL-terminated literals. A non-null result is the address of glibc's `__exp_finite`
    // (an IFUNC, which dlvsym resolves), whose C signature is `double (double)`.
    unsafe {
        let symbol = libc::dlvsym(libc::RTLD_DEFAULT, c"__exp_finite".as_ptr(), c"GLIBC_2.15".as_ptr());
        if symbol.is_null() {
            None
        } else {
            Some(std::mem::transmute::<*mut libc::c_void, unsafe extern "C" fn(f64) -> f64>(symbol))
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu", target_arch = "x86_64")))]
fn unwrapped_glibc_exp() -> Option<unsafe extern "C" fn(f64) -> f64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resolved_exp_gives_the_bits_of_f64_exp() {
        let exp = Exp::resolve();
        let mut x = -40.0f64;
        while x < 40.0 {
            assert_eq!(exp.exp(x).to_bits(), x.exp().to_bits(), "exp({x})");
            x += 0.000_913;
        }
        for x in [0.0, -0.0, 1e-300, -745.2, 709.7, 710.0, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(exp.exp(x).to_bits(), x.exp().to_bits(), "exp({x})");
        }
        assert!(exp.exp(f64::NAN).is_nan());
    }

    #[cfg(all(target_os = "linux", target_env = "gnu", target_arch = "x86_64"))]
    #[test]
    fn glibc_on_x86_64_has_the_unwrapped_exp() {
        assert!(Exp::resolve().is_unwrapped(), "{:?}", Exp::resolve());
    }
}
