//! Reading one cell of a table (a CSV file, a DataFrame column): numbers, whole numbers, lists and
//! cost profiles, with errors that name the text and the reading rule it breaks.

use std::collections::BTreeMap;

use crate::error::ReadRule;
use crate::model::validate::given;
use crate::model::{CostProfile, Year};

/// Why a cell cannot be read: the rule it breaks and a message naming its text.
///
/// ```
/// use stratfund::io::cells::whole_cell;
/// use stratfund::ReadRule;
/// let error = whole_cell("300", 0, 255).unwrap_err();
/// assert_eq!(error.rule, ReadRule::OutOfRange);
/// assert_eq!(error.to_string(), "`300` is out of range: it must be at most 255");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// The rule the cell breaks.
    pub rule: ReadRule,
    /// What is wrong, naming the cell's text.
    pub message: String,
}

impl CellError {
    /// A cell that breaks `rule`.
    pub fn new(rule: ReadRule, message: impl Into<String>) -> Self {
        CellError { rule, message: message.into() }
    }

    /// A cell of the wrong kind (text where a number is expected).
    pub fn wrong_type(message: impl Into<String>) -> Self {
        CellError::new(ReadRule::WrongType, message)
    }

    /// A cell of the right kind that its field does not take (an unknown class or status, a year
    /// that is not a year).
    pub fn invalid_value(message: impl Into<String>) -> Self {
        CellError::new(ReadRule::InvalidValue, message)
    }

    /// A required cell left empty.
    pub(crate) fn empty_required() -> Self {
        CellError::new(ReadRule::MissingField, "the required field is empty")
    }

    /// The same error with its message behind `prefix` (`cannot read the profile ...: `).
    pub(crate) fn after(self, prefix: &str) -> Self {
        CellError { message: format!("{prefix}{}", self.message), ..self }
    }
}

impl std::fmt::Display for CellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The names of a list cell (`requires`, `enterprises`, `academia`) written as text:
/// `;`-separated as FORMATS.md writes them, or a bracketed list as pandas writes a column of
/// Python lists to CSV (`['A', 'B']`, `[]`); names are trimmed and empty ones dropped.
///
/// ```
/// use stratfund::io::cells::list_cell;
/// assert_eq!(list_cell("P-001; P-002"), ["P-001", "P-002"]);
/// assert_eq!(list_cell("['P-001', \"P-002\"]"), ["P-001", "P-002"]);
/// assert!(list_cell("[]").is_empty() && list_cell(" ").is_empty());
/// ```
pub fn list_cell(text: &str) -> Vec<String> {
    let unquote = |name: &str| {
        let name = name.trim();
        let quoted = name.len() >= 2
            && ((name.starts_with('\'') && name.ends_with('\'')) || (name.starts_with('"') && name.ends_with('"')));
        if quoted {
            name[1..name.len() - 1].trim().to_string()
        } else {
            name.to_string()
        }
    };
    cell_items(text).map(unquote).filter(|name| !name.is_empty()).collect()
}

/// The items of a list written as text: `a;b` (FORMATS.md) or `[a, b]` (a Python list).
fn cell_items(text: &str) -> std::str::Split<'_, char> {
    let text = text.trim();
    match text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        Some(inner) => inner.split(','),
        None => text.split(';'),
    }
}

/// A number written as text (surrounding blanks allowed), or a message naming the text and, for
/// a decimal comma or thousands separators, the number as it must be written.
///
/// ```
/// use stratfund::io::cells::number_cell;
/// assert_eq!(number_cell(" 33.1 "), Ok(33.1));
/// assert_eq!(number_cell("1,5").unwrap_err().message, "cannot read `1,5` as a number: decimals take a dot (`1.5`)");
/// assert_eq!(
///     number_cell("1.250,5").unwrap_err().message,
///     "cannot read `1.250,5` as a number: write it without thousands separators, decimals with a dot (`1250.5`)"
/// );
/// ```
///
/// # Errors
///
/// Text that is not a number ([`ReadRule::WrongType`]), with a message naming it.
pub fn number_cell(text: &str) -> std::result::Result<f64, CellError> {
    let text = text.trim();
    text.parse::<f64>().map_err(|_| {
        CellError::wrong_type(match number_hint(text) {
            Some(hint) => format!("cannot read `{text}` as a number: {hint}"),
            None => format!("cannot read `{text}` as a number"),
        })
    })
}

/// How to write a number given with a decimal comma or thousands separators, when it is one.
fn number_hint(text: &str) -> Option<String> {
    let (sign, digits) = text.strip_prefix('-').map_or(("", text), |rest| ("-", rest));
    let readable = |s: &str| s.parse::<f64>().is_ok().then(|| format!("{sign}{s}"));
    // 1,000.5 (thousands commas) and 1.000,5 (thousands dots, a decimal comma, as in Vietnamese).
    let english = digits.split_once('.').map_or((digits, None), |(whole, decimals)| (whole, Some(decimals)));
    let vietnamese = digits.split_once(',').map_or((digits, None), |(whole, decimals)| (whole, Some(decimals)));
    let thousands = |(whole, decimals): (&str, Option<&str>), separator: char| {
        let whole = grouped_by_thousands(whole, separator)?;
        readable(&decimals.map_or(whole.clone(), |d| format!("{whole}.{d}")))
    };
    let single_comma = (digits.matches(',').count() == 1).then(|| readable(&digits.replacen(',', ".", 1))).flatten();
    match (thousands(english, ','), thousands(vietnamese, '.'), single_comma) {
        (Some(whole), _, Some(decimal)) => {
            Some(format!("write it without thousands separators (`{whole}`), or decimals with a dot (`{decimal}`)"))
        }
        (Some(number), _, None) | (None, Some(number), _) => {
            Some(format!("write it without thousands separators, decimals with a dot (`{number}`)"))
        }
        (_, _, Some(decimal)) => Some(format!("decimals take a dot (`{decimal}`)")),
        _ => None,
    }
}

/// `1,234,567` with `separator` `,` as `1234567`: groups of three digits after a first of one to
/// three, or None.
fn grouped_by_thousands(whole: &str, separator: char) -> Option<String> {
    let mut groups = whole.split(separator);
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let digits = |g: &str| g.chars().all(|c| c.is_ascii_digit());
    let valid = !rest.is_empty()
        && (1..=3).contains(&first.len())
        && digits(first)
        && rest.iter().all(|g| g.len() == 3 && digits(g));
    valid.then(|| format!("{first}{}", rest.concat()))
}

/// A whole number from `min` to `max` written as text (surrounding blanks allowed), or a message
/// naming the text.
///
/// ```
/// use stratfund::io::cells::whole_cell;
/// assert_eq!(whole_cell(" 4 ", 0, 255), Ok(4));
/// assert_eq!(whole_cell("2.5", 0, 255).unwrap_err().message, "`2.5` is not a whole number");
/// assert_eq!(whole_cell("-1", 0, 255).unwrap_err().message, "`-1` is out of range: it must be at least 0");
/// assert_eq!(whole_cell("x", 0, 255).unwrap_err().message, "cannot read `x` as a whole number");
/// ```
///
/// # Errors
///
/// Text that is not a whole number ([`ReadRule::WrongType`]), or one out of range
/// ([`ReadRule::OutOfRange`]), with a message naming it.
pub fn whole_cell(text: &str, min: i64, max: i64) -> std::result::Result<i64, CellError> {
    let text = text.trim();
    match text.parse::<i64>() {
        Ok(n) => in_range(n, text, min, max),
        Err(_) if text.parse::<f64>().is_ok_and(f64::is_finite) => {
            Err(CellError::wrong_type(format!("`{text}` is not a whole number")))
        }
        Err(_) => Err(CellError::wrong_type(format!("cannot read `{text}` as a whole number"))),
    }
}

/// A whole number from `min` to `max` given as a float (a DataFrame's number column), or the
/// message [`whole_cell`] gives for the same value written as text.
///
/// ```
/// use stratfund::io::cells::whole_number;
/// assert_eq!(whole_number(4.0, 0, 255), Ok(4));
/// assert_eq!(whole_number(4.5, 0, 255).unwrap_err().message, "`4.5` is not a whole number");
/// assert_eq!(whole_number(300.0, 0, 255).unwrap_err().message, "`300` is out of range: it must be at most 255");
/// assert!(whole_number(-1e300, 0, 255).unwrap_err().message.ends_with("it must be at least 0"));
/// ```
///
/// # Errors
///
/// A value with a fraction or an infinity ([`ReadRule::WrongType`]), or one out of range
/// ([`ReadRule::OutOfRange`]), with a message naming it.
pub fn whole_number(x: f64, min: i64, max: i64) -> std::result::Result<i64, CellError> {
    if x.fract() != 0.0 || !x.is_finite() {
        return Err(CellError::wrong_type(format!("`{}` is not a whole number", given(x))));
    }
    // `as` is exact for a whole float within i64 and saturates beyond, which is out of every range.
    in_range(x as i64, &given(x), min, max)
}

fn in_range(n: i64, text: &str, min: i64, max: i64) -> std::result::Result<i64, CellError> {
    let out = |bound: String| Err(CellError::new(ReadRule::OutOfRange, format!("`{text}` is out of range: {bound}")));
    if n < min {
        out(format!("it must be at least {min}"))
    } else if n > max {
        out(format!("it must be at most {max}"))
    } else {
        Ok(n)
    }
}

/// A `cost_profile` cell written as text: shares `;`-separated as FORMATS.md writes them, or as
/// pandas writes a column of Python lists or dicts to CSV (`[0.5, 0.5]`, `{2026: 10.0, 2027: 5.0}`,
/// amounts by year).
///
/// # Errors
///
/// A share, amount or year that is not a number ([`ReadRule::WrongType`]) or a year that is not
/// a year ([`ReadRule::InvalidValue`]), with a message naming it.
///
/// ```
/// use stratfund::io::cells::profile_cell;
/// use stratfund::CostProfile;
/// assert_eq!(profile_cell("0.5;0.5"), Ok(CostProfile::Shares(vec![0.5, 0.5])));
/// assert_eq!(profile_cell("[0.25, 0.75]"), Ok(CostProfile::Shares(vec![0.25, 0.75])));
/// let amounts = CostProfile::Amounts([(2026, 10.0), (2027, 5.0)].into());
/// assert_eq!(profile_cell("{2026: 10.0, '2027': 5}"), Ok(amounts));
/// assert!(profile_cell("half;half").unwrap_err().message.contains("`half`"));
/// ```
pub fn profile_cell(text: &str) -> std::result::Result<CostProfile, CellError> {
    if let Some(inner) = text.trim().strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        let entry = |pair: &str| -> std::result::Result<(Year, f64), CellError> {
            let (year, amount) = pair
                .split_once(':')
                .ok_or_else(|| CellError::wrong_type(format!("cannot read `{}` as year: amount", pair.trim())))?;
            let year = year.trim().trim_matches(|c| c == '\'' || c == '"').trim();
            let year = year.parse::<Year>().map_err(|_| CellError::invalid_value(format!("`{year}` is not a year")))?;
            Ok((year, number_cell(amount)?))
        };
        let mut amounts = BTreeMap::new();
        for pair in inner.split(',').filter(|pair| !pair.trim().is_empty()) {
            let (year, amount) = entry(pair)?;
            if amounts.insert(year, amount).is_some() {
                return Err(CellError::invalid_value(format!("year {year} is given twice")));
            }
        }
        return Ok(CostProfile::Amounts(amounts));
    }
    cell_items(text).map(number_cell).collect::<std::result::Result<_, _>>().map(CostProfile::Shares)
}

/// The cost categories of a cell: `category:amount` items separated by `;`
/// (`research:60;pilot_materials:40`), or a Python dict as pandas writes it to CSV
/// (`{'research': 60.0, 'pilot_materials': 40.0}`); a blank cell has none.
///
/// ```
/// use stratfund::io::cells::categories_cell;
/// let expected = [("pilot_materials".to_string(), 40.0), ("research".to_string(), 60.0)].into();
/// assert_eq!(categories_cell("research:60; pilot_materials:40"), Ok(expected));
/// let from_pandas = categories_cell("{'research': 60.0, 'pilot_materials': 40.0}").unwrap();
/// assert_eq!(from_pandas["research"], 60.0);
/// assert_eq!(categories_cell("research:60;research:40").unwrap_err().message, "cost category `research` is given twice");
/// ```
///
/// # Errors
///
/// An item without `:` or with an empty name, an amount that is not a number, or a category given
/// twice, with a message naming it.
pub fn categories_cell(text: &str) -> std::result::Result<BTreeMap<String, f64>, CellError> {
    let text = text.trim();
    let items: Vec<&str> = match text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        Some(inner) => inner.split(',').collect(),
        None => text.split(';').collect(),
    };
    let mut categories = BTreeMap::new();
    for item in items.into_iter().filter(|item| !item.trim().is_empty()) {
        let (name, amount) = item
            .rsplit_once(':')
            .ok_or_else(|| CellError::wrong_type(format!("cannot read `{}` as category:amount", item.trim())))?;
        let name = name.trim().trim_matches(|c| c == '\'' || c == '"').trim();
        if name.is_empty() {
            return Err(CellError::invalid_value(format!("`{}` names no cost category", item.trim())));
        }
        let amount = number_cell(amount)?;
        if categories.insert(name.to_string(), amount).is_some() {
            return Err(CellError::invalid_value(format!("cost category `{name}` is given twice")));
        }
    }
    Ok(categories)
}

/// The cost categories written as a cell (`pilot_materials:40;research:60`), or None when a name
/// cannot be written so (empty, padded, or holding `;`, `:`, `{` or `}`), naming it.
pub(crate) fn categories_text(categories: &BTreeMap<String, f64>) -> std::result::Result<String, String> {
    let unsafe_name = |name: &String| {
        name.trim().is_empty() || name.trim() != name.as_str() || name.contains([';', '{', '}', '\'', '"'])
    };
    if let Some(bad) = categories.keys().find(|name| unsafe_name(name)) {
        return Err(format!("cost category `{bad}` is empty, padded or contains `;`, a brace or a quote"));
    }
    Ok(categories.iter().map(|(name, amount)| format!("{name}:{amount}")).collect::<Vec<_>>().join(";"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_separators_say_how_to_write_them() {
        let hint = |text: &str| number_cell(text).unwrap_err().message.split_once(": ").map(|(_, h)| h.to_string());
        let without = |n: &str| Some(format!("write it without thousands separators, decimals with a dot (`{n}`)"));
        assert_eq!(hint("1,5"), Some("decimals take a dot (`1.5`)".into()));
        assert_eq!(hint("-10,25"), Some("decimals take a dot (`-10.25`)".into()));
        assert_eq!(
            hint("1,000"),
            Some("write it without thousands separators (`1000`), or decimals with a dot (`1.000`)".into())
        );
        assert_eq!(hint("1,000.5"), without("1000.5"));
        assert_eq!(hint("12,345,678"), without("12345678"));
        assert_eq!(hint("1.250,5"), without("1250.5"));
        assert_eq!(hint("-1.000.000"), without("-1000000"));
        for plain in ["12,34,567", "1,000,5", "ten", "1,,5", ",5,"] {
            assert_eq!(hint(plain), None, "{plain}");
        }
    }
}
