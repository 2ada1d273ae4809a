//! Which of stratfund's tables a CSV header belongs to, so that a table given in the wrong place (a
//! progress table as the portfolio, an allocation's CSV output as the portfolio, a portfolio as
//! the progress) is one `wrong_document` error saying so, as a JSON file's `schema` is, instead of
//! an unknown-column error for each of its columns.

use crate::error::{ParseError, ReadRule, Result};

/// A table stratfund reads or writes as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    /// Proposals (FORMATS.md "Portfolio").
    Portfolio,
    /// Progress records (FORMATS.md "Progress").
    Progress,
    /// An allocation's projects, as `stratfund solve --out allocation.csv` writes them.
    Allocation,
}

impl Table {
    const ALL: [Table; 3] = [Table::Portfolio, Table::Progress, Table::Allocation];

    /// Columns that every file of the table has and no other table has all of.
    fn marks(self) -> &'static [&'static str] {
        match self {
            Table::Portfolio => &["group", "class", "cost", "impact"],
            Table::Progress => &["project_id", "period"],
            Table::Allocation => &["funded", "scale", "expected_value"],
        }
    }

    fn described(self) -> &'static str {
        match self {
            Table::Portfolio => "a portfolio",
            Table::Progress => "a progress table",
            Table::Allocation => "an allocation (as `stratfund solve` writes it)",
        }
    }

    fn marked_by(self, headers: &[&str]) -> bool {
        self.marks().iter().all(|mark| headers.contains(mark))
    }
}

/// A `wrong_document` error when `headers` (the names of a CSV file's columns) are those of another
/// table than `expected` and not `expected`'s own.
pub(crate) fn refuse_other_table<'a>(
    headers: impl IntoIterator<Item = &'a str>,
    expected: Table,
    file: &str,
) -> Result<()> {
    let headers: Vec<&str> = headers.into_iter().map(str::trim).collect();
    if expected.marked_by(&headers) {
        return Ok(());
    }
    let Some(other) = Table::ALL.into_iter().find(|t| *t != expected && t.marked_by(&headers)) else {
        return Ok(());
    };
    let shown = headers.iter().take(4).copied().collect::<Vec<_>>().join(", ");
    let more = if headers.len() > 4 { ", ..." } else { "" };
    let message = format!(
        "the columns ({shown}{more}) are those of {}, not of {}: check which file or table goes where",
        other.described(),
        expected.described()
    );
    Err(ParseError::new(file, ReadRule::WrongDocument, message).at(Some(1), None).into())
}

/// The column names of a CSV text's first line that is not a `#` comment (a portfolio CSV starts
/// with `# currency_unit: ...` lines, which other tables do not skip).
pub(crate) fn header_after_comments(text: &str) -> Vec<String> {
    let Some(line) = text.lines().find(|line| !line.starts_with('#')) else { return Vec::new() };
    let mut reader = ::csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
    reader.records().next().and_then(|r| r.ok()).map_or_else(Vec::new, |r| r.iter().map(String::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(headers: &[&str], expected: Table) -> Option<ReadRule> {
        match refuse_other_table(headers.iter().copied(), expected, "t.csv") {
            Ok(()) => None,
            Err(crate::Error::Parse(errors)) => Some(errors.iter().next().expect("one error").rule),
            Err(other) => panic!("not a parse error: {other}"),
        }
    }

    #[test]
    fn each_table_is_recognised_in_the_place_of_another() {
        let progress = ["project_id", "period", "disbursed", "status", "due_date", "completed_date"];
        let allocation = ["id", "funded", "scale", "state", "enterprise", "academia", "expected_value", "reason"];
        let portfolio = ["id", "group", "class", "cost", "impact"];
        assert_eq!(rule(&progress, Table::Portfolio), Some(ReadRule::WrongDocument));
        assert_eq!(rule(&allocation, Table::Portfolio), Some(ReadRule::WrongDocument));
        assert_eq!(rule(&portfolio, Table::Progress), Some(ReadRule::WrongDocument));
        for (headers, table) in [(&progress[..], Table::Progress), (&portfolio, Table::Portfolio)] {
            assert_eq!(rule(headers, table), None);
        }
        // A table with a typo or a missing column is not another table: its columns are reported.
        assert_eq!(rule(&["id", "group", "clas", "cost", "impact"], Table::Portfolio), None);
        assert_eq!(rule(&["project_id", "disbursed"], Table::Portfolio), None);
    }

    #[test]
    fn a_header_is_found_below_comment_lines() {
        let text = "# currency_unit: billion VND\n# catalog: decision-1131-2025\nid,group,class\nA,biotech,market\n";
        assert_eq!(header_after_comments(text), ["id", "group", "class"]);
        assert!(header_after_comments("# only a comment\n").is_empty());
    }

    #[test]
    fn the_message_shows_the_columns_and_both_tables() {
        let headers = ["project_id", "period", "disbursed", "status", "due_date"];
        let error = refuse_other_table(headers, Table::Portfolio, "g.csv").unwrap_err().to_string();
        assert!(
            error.contains("the columns (project_id, period, disbursed, status, ...) are those of a progress table, not of a portfolio: check which file or table goes where"),
            "{error}"
        );
    }
}
