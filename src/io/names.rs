//! "Did you mean ...?" for a column, field or value name that is not known: a spreadsheet's
//! `Impact` or `cost ` for `cost`, `enterprise commitment` for `enterprise_commitment`, a typo.

/// The known name that `name` was probably meant to be: the one it equals once trimmed,
/// lower-cased and with spaces and hyphens written as underscores, else the most similar one
/// when it is close (Jaro-Winkler similarity of at least 0.9). None when nothing is close.
///
/// ```
/// use stratfund::io::names::closest;
/// let known = ["cost", "impact", "enterprise_commitment", "state_request"];
/// assert_eq!(closest("Enterprise Commitment", known), Some("enterprise_commitment"));
/// assert_eq!(closest("state_requst", known), Some("state_request"));
/// assert_eq!(closest("colour", known), None);
/// ```
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = normalised(name);
    let mut best: Option<(f64, &str)> = None;
    for candidate in known {
        let spelled = normalised(candidate);
        if spelled == wanted {
            return Some(candidate);
        }
        let similarity = strsim::jaro_winkler(&wanted, &spelled);
        if similarity >= 0.9 && best.is_none_or(|(b, _)| similarity > b) {
            best = Some((similarity, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// `; did you mean `x`?` when [`closest`] finds a name, else nothing.
pub fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    hint(closest(name, known))
}

/// `; did you mean `x`?` for a name found, else nothing.
fn hint(meant: Option<&str>) -> String {
    meant.map(|c| format!("; did you mean `{c}`?")).unwrap_or_default()
}

/// A serde message about an unknown field or variant (`unknown field `Impact`, expected one of
/// `id`, ...`) with the expected name it probably meant appended; other messages unchanged.
///
/// ```
/// use stratfund::io::names::with_suggestion;
/// let serde = "unknown variant `strategc`, expected `market` or `strategic`";
/// assert_eq!(with_suggestion(serde), format!("{serde}; did you mean `strategic`?"));
/// assert_eq!(with_suggestion("missing field `cost`"), "missing field `cost`");
/// ```
pub fn with_suggestion(message: &str) -> String {
    let Some(rest) = message.strip_prefix("unknown field `").or_else(|| message.strip_prefix("unknown variant `"))
    else {
        return message.to_string();
    };
    let Some((name, expected)) = rest.split_once('`') else { return message.to_string() };
    // The expected names are the quoted words after "expected".
    let Some((_, expected)) = expected.split_once("expected") else { return message.to_string() };
    let known = expected.split('`').skip(1).step_by(2);
    format!("{message}{}", did_you_mean(name, known))
}

/// The id of `ids` that `id` is spelled like: the same once trimmed and lower-cased, with spaces,
/// hyphens and underscores alike (`p-001 ` for `P-001`). Never a different id (`P-0012` for
/// `P-0013`), so a suggestion cannot point at the wrong project.
///
/// ```
/// use stratfund::io::names::spelled_like;
/// assert_eq!(spelled_like("p_001 ", ["P-001", "P-002"]), Some("P-001"));
/// assert_eq!(spelled_like("P-003", ["P-001", "P-002"]), None);
/// ```
pub fn spelled_like<'a>(id: &str, ids: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    ids.into_iter().find(|candidate| spelling(id).eq(spelling(candidate)))
}

/// The letters of `text` as [`spelled_like`] compares them (no allocation: ids are compared with
/// every id of a portfolio).
fn spelling(text: &str) -> impl Iterator<Item = char> + '_ {
    text.trim().chars().map(|c| if matches!(c, ' ' | '-') { '_' } else { c.to_ascii_lowercase() })
}

/// `; did you mean `P-001`?` when [`spelled_like`] finds the id, else nothing; when an id is the
/// same but for its Unicode form (composed or decomposed Vietnamese letters, which look alike),
/// a hint that says so.
pub(crate) fn did_you_mean_id<'a>(id: &str, ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.into_iter().collect();
    if !id.is_ascii() {
        use unicode_normalization::UnicodeNormalization;
        if let Some(same) = ids.iter().find(|candidate| candidate.nfc().eq(id.nfc())) {
            return format!(
                "; the portfolio has `{same}`, which looks the same but is written in another Unicode form \
                 (composed or decomposed letters): write both in one form (NFC)"
            );
        }
    }
    hint(spelled_like(id, ids))
}

/// `name` trimmed, lower-cased, with spaces and hyphens written as underscores (how codes and
/// field names are spelled).
pub(crate) fn normalised(name: &str) -> String {
    name.trim().to_lowercase().replace([' ', '-'], "_")
}
