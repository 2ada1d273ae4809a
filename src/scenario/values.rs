//! Lists of numbers given to a study (budget levels, enterprise shares): what is wrong with them,
//! all at once.

/// The messages for every value of `values` that `valid` rejects (in the order given, worded by
/// `invalid`) and then for every valid value given more than once (in increasing order, once
/// each).
pub(crate) fn list_problems(
    values: &[f64],
    valid: impl Fn(f64) -> bool,
    invalid: impl Fn(f64) -> String,
    twice: impl Fn(f64) -> String,
) -> Vec<String> {
    let (mut kept, rejected): (Vec<f64>, Vec<f64>) = values.iter().partition(|v| valid(**v));
    kept.sort_by(f64::total_cmp);
    let mut repeated: Vec<f64> = kept.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).collect();
    repeated.dedup();
    rejected.into_iter().map(invalid).chain(repeated.into_iter().map(twice)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rejected_value_then_every_repeated_one_once() {
        let values = [0.4, -1.0, 0.2, 0.4, f64::NAN, 0.4, 0.2];
        let found = list_problems(&values, |v| v >= 0.0, |v| format!("bad {v}"), |v| format!("twice {v}"));
        assert_eq!(found, ["bad -1", "bad NaN", "twice 0.2", "twice 0.4"]);
        assert!(list_problems(&[0.1, 0.2], |v| v >= 0.0, |_| String::new(), |_| String::new()).is_empty());
    }
}
