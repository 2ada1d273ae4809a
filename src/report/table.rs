//! A small table of text cells, written as CSV (the csv crate) or as a Markdown table.

use super::figure::fixed;
use crate::error::{Error, Result};

/// A figure in a table cell: 4 decimals, or significant digits when it is smaller ([`fixed`]).
pub(super) fn num(x: f64) -> String {
    fixed(x, 4)
}

/// An optional gap in a table cell: 4 decimals, empty when missing (a gap below the last decimal
/// is solver noise under the requested gap, not a figure to read).
pub(super) fn maybe_gap(x: Option<f64>) -> String {
    x.map(|g| format!("{g:.4}")).unwrap_or_default()
}

/// An optional figure in a table cell: as [`num`], empty when missing.
pub(super) fn maybe(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

/// Column names and rows of cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// Rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// An empty table with these columns (see [`Table::to_csv`] for an example).
    pub fn new(header: &[&str]) -> Table {
        Table { header: header.iter().map(|h| h.to_string()).collect(), rows: Vec::new() }
    }

    /// The table as CSV.
    ///
    /// # Errors
    ///
    /// [`Error::Usage`](crate::Error::Usage) when the CSV writer fails (it writes to memory, so only on a
    /// broken invariant).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut t = stratfund::report::Table::new(&["id", "note"]);
    /// t.rows.push(vec!["P-1".into(), "a, b".into()]);
    /// assert_eq!(t.to_csv().unwrap(), "id,note\nP-1,\"a, b\"\n");
    /// ```
    pub fn to_csv(&self) -> Result<String> {
        let err = |e: csv::Error| Error::usage(format!("cannot write CSV: {e}"));
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&self.header).map_err(err)?;
        for row in &self.rows {
            w.write_record(row).map_err(err)?;
        }
        let bytes = w.into_inner().map_err(|e| Error::usage(format!("cannot write CSV: {e}")))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The table in Markdown: pipes in cells escaped, line breaks in cells (a lead or region
    /// written over two lines) shown as spaces, since a Markdown table row is one line.
    ///
    /// # Examples
    ///
    /// ```
    /// let mut t = stratfund::report::Table::new(&["id", "note"]);
    /// t.rows.push(vec!["P-1".into(), "a|b".into()]);
    /// t.rows.push(vec!["P-2".into(), "two\r\nlines".into()]);
    /// assert_eq!(t.to_markdown(), "| id | note |\n|---|---|\n| P-1 | a\\|b |\n| P-2 | two lines |\n");
    /// ```
    pub fn to_markdown(&self) -> String {
        let line = |cells: &[String]| {
            format!("| {} |\n", cells.iter().map(|c| markdown_cell(c)).collect::<Vec<_>>().join(" | "))
        };
        let mut out = line(&self.header);
        out.push_str(&format!("|{}\n", "---|".repeat(self.header.len())));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }

    /// Rows become columns: the first column's cells become the new header (after `corner`).
    ///
    /// # Examples
    ///
    /// ```
    /// let mut t = stratfund::report::Table::new(&["scenario", "funded", "state"]);
    /// t.rows.push(vec!["baseline".into(), "57".into(), "2900".into()]);
    /// t.rows.push(vec!["cut".into(), "49".into(), "2320".into()]);
    /// let side_by_side = t.transposed("figure");
    /// assert_eq!(side_by_side.header, ["figure", "baseline", "cut"]);
    /// assert_eq!(side_by_side.rows[1], ["state", "2900", "2320"]);
    /// ```
    pub fn transposed(&self, corner: &str) -> Table {
        let mut header = vec![corner.to_string()];
        header.extend(self.rows.iter().map(|r| r.first().cloned().unwrap_or_default()));
        let rows = (1..self.header.len())
            .map(|j| {
                let mut row = vec![self.header[j].clone()];
                row.extend(self.rows.iter().map(|r| r.get(j).cloned().unwrap_or_default()));
                row
            })
            .collect();
        Table { header, rows }
    }
}

/// A cell's text for one row of a Markdown table: pipes escaped, each line break a space.
fn markdown_cell(cell: &str) -> String {
    cell.replace("\r\n", " ").replace(['\n', '\r'], " ").replace('|', "\\|")
}
