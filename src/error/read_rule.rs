//! The reading rules that parse errors name.

use std::fmt;

/// Which reading rule a file, a string or a table breaks when it cannot be read: a stable,
/// machine-readable code, written in snake case (`wrong_type`) in JSON, in messages and in the
/// `rule` of Python's `ValidationError.problems`, like the rule codes of validation problems.
///
/// # Examples
///
/// ```
/// use stratfund::ReadRule;
/// let csv = "id,group,class,cost,impact\nA,biotech,market,ten,1\n";
/// let error = stratfund::io::csv::portfolio_from_csv(csv, "p.csv").unwrap_err();
/// let stratfund::Error::Parse(errors) = &error else { panic!("a parse error") };
/// assert_eq!(errors[0].rule, ReadRule::WrongType);
/// assert!(error.to_string().ends_with("[rule wrong_type]"), "{error}");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReadRule {
    /// The text is not valid JSON, TOML or CSV (a missing quote, comma or bracket; rows of
    /// different lengths).
    Syntax,
    /// The file is not UTF-8 text.
    NotUtf8,
    /// A CSV file separates its columns with `;` or a tab instead of `,`.
    WrongSeparator,
    /// The file is another stratfund document than the one expected (a portfolio given as the
    /// plan), or a schema version this release does not read.
    WrongDocument,
    /// A key, column or metadata line that the format does not have (often a typo).
    UnknownField,
    /// A key or column given twice (or a year given twice in a profile).
    DuplicateField,
    /// A required key or column is missing, or a required cell is empty.
    MissingField,
    /// A value of the wrong kind: text where a number or a whole number is expected, a number
    /// where a list is expected.
    WrongType,
    /// A value of the right kind that the field does not take: an unknown class, a year that is
    /// not a year, a value that belongs to another kind of objective.
    InvalidValue,
    /// A whole number outside the field's range.
    OutOfRange,
    /// Two fields that cannot both be given (a profile both in `cost_profile` and in
    /// `cost_<year>` columns).
    ConflictingFields,
    /// An id or code that must be unique and is given twice (a group code in a catalog).
    DuplicateId,
    /// The columns of a table have different lengths.
    RaggedColumns,
}

impl ReadRule {
    /// The code, as written in messages and JSON (`wrong_type`).
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::ReadRule;
    /// assert_eq!(ReadRule::WrongType.as_str(), "wrong_type");
    /// assert_eq!(serde_json::to_string(&ReadRule::NotUtf8).unwrap(), "\"not_utf8\"");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ReadRule::Syntax => "syntax",
            ReadRule::NotUtf8 => "not_utf8",
            ReadRule::WrongSeparator => "wrong_separator",
            ReadRule::WrongDocument => "wrong_document",
            ReadRule::UnknownField => "unknown_field",
            ReadRule::DuplicateField => "duplicate_field",
            ReadRule::MissingField => "missing_field",
            ReadRule::WrongType => "wrong_type",
            ReadRule::InvalidValue => "invalid_value",
            ReadRule::OutOfRange => "out_of_range",
            ReadRule::ConflictingFields => "conflicting_fields",
            ReadRule::DuplicateId => "duplicate_id",
            ReadRule::RaggedColumns => "ragged_columns",
        }
    }

    /// The rule of a serde error message (JSON or TOML) that is not a syntax error: serde's own
    /// messages (`unknown field`, `missing field`, `invalid type`...) name their kind; the
    /// messages of stratfund's own readers are about values.
    pub(crate) fn of_serde_message(message: &str) -> Self {
        let starts = |prefix: &str| message.starts_with(prefix);
        if starts("unknown field") {
            ReadRule::UnknownField
        } else if starts("missing field") {
            ReadRule::MissingField
        } else if starts("duplicate field") || message.contains("appears twice") {
            ReadRule::DuplicateField
        } else if starts("invalid type") {
            ReadRule::WrongType
        } else if starts("invalid value: integer") {
            ReadRule::OutOfRange
        } else {
            ReadRule::InvalidValue
        }
    }
}

impl fmt::Display for ReadRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
