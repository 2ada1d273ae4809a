//! serde's messages in the words of the file formats: what a field expects is said as "a number",
//! "a whole number, 0 or more" or "a list", never as a Rust type (`f64`, `u32`, `a sequence`).

/// `message` with the Rust type it expects (serde's `..., expected f64`) said in plain words, and
/// serde's "floating point" said as "number"; other messages unchanged.
///
/// ```
/// use stratfund::io::plain::plain_expectation;
/// assert_eq!(plain_expectation(r#"invalid type: string "5", expected f64"#), r#"invalid type: string "5", expected a number"#);
/// assert_eq!(
///     plain_expectation("invalid type: floating point `2.5`, expected usize"),
///     "invalid type: number `2.5`, expected a whole number, 0 or more"
/// );
/// assert_eq!(plain_expectation("missing field `cost`"), "missing field `cost`");
/// ```
pub fn plain_expectation(message: &str) -> String {
    let message = message.replace("floating point `", "number `");
    let Some((head, expected)) = message.rsplit_once(", expected ") else { return message };
    match plain_words(expected) {
        Some(words) => format!("{head}, expected {words}"),
        None => message,
    }
}

/// The plain words for a Rust type or serde phrase, or None when it already reads plainly.
fn plain_words(expected: &str) -> Option<&'static str> {
    Some(match expected {
        "f64" | "f32" => "a number",
        "u8" => "a whole number from 0 to 255",
        "u16" => "a whole number from 0 to 65535",
        "u32" => "a whole number from 0 to 4294967295",
        "u64" | "u128" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "a sequence" => "a list",
        "a boolean" => "true or false",
        "a borrowed string" => "a string",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::plain_expectation;

    #[test]
    fn every_rust_type_reads_plainly() {
        for (rust, words) in [
            ("f32", "a number"),
            ("u16", "a whole number from 0 to 65535"),
            ("u32", "a whole number from 0 to 4294967295"),
            ("usize", "a whole number, 0 or more"),
            ("i64", "a whole number"),
            ("a sequence", "a list"),
            ("a boolean", "true or false"),
        ] {
            let message = format!("invalid type: string \"x\", expected {rust}");
            assert_eq!(plain_expectation(&message), format!("invalid type: string \"x\", expected {words}"));
        }
    }

    #[test]
    fn phrases_of_the_formats_are_kept() {
        let message = "invalid type: integer `3`, expected a list of shares per year (e.g. [0.4, 0.6])";
        assert_eq!(plain_expectation(message), message);
        assert_eq!(
            plain_expectation("invalid value: integer `-3`, expected u16"),
            "invalid value: integer `-3`, expected a whole number from 0 to 65535"
        );
    }
}
