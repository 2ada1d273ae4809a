//! Figures as text: fixed decimals where they show the figure, significant digits where they
//! would not (money in VND, shadow prices per dong, values of a millionth).

/// `x` with `decimals` decimals, or with 4 significant digits in scientific notation when it is
/// not zero but smaller than the last decimal (fixed decimals would show it as zero, or as one
/// digit).
///
/// ```
/// use stratfund::report::fixed;
/// assert_eq!(fixed(1561.16667, 1), "1561.2");
/// assert_eq!(fixed(0.0, 4), "0.0000");
/// assert_eq!(fixed(6.28368e-9, 4), "6.284e-9"); // a shadow price per dong
/// assert_eq!(fixed(-0.042, 1), "-4.200e-2");
/// ```
pub fn fixed(x: f64, decimals: usize) -> String {
    let last_decimal = 10f64.powi(-i32::try_from(decimals).unwrap_or(i32::MAX));
    if x != 0.0 && x.abs() < last_decimal {
        format!("{x:.3e}")
    } else {
        format!("{x:.decimals$}")
    }
}

/// [`fixed`] for a column `width` characters wide: 5 significant digits in scientific notation
/// when the fixed form is wider (money in VND rather than billions of VND).
///
/// ```
/// use stratfund::report::column;
/// assert_eq!(column(335.7, 1, 10), "335.7");
/// assert_eq!(column(335_700_000_002.8, 1, 10), "3.3570e11");
/// ```
pub fn column(x: f64, decimals: usize, width: usize) -> String {
    let text = fixed(x, decimals);
    if text.chars().count() > width {
        format!("{x:.4e}")
    } else {
        text
    }
}
