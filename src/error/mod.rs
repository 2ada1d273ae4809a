//! One error type for the whole crate.
//!
//! Every variant says what to fix: a parse error names the file, the line and column (when the
//! format has them), the project id and the field; a validation error carries *every* problem found,
//! each with its project id, field and rule code.

use std::fmt;

mod read_rule;

pub use read_rule::ReadRule;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in stratfund.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// A file (or string) could not be parsed into the expected structure: every cell that
    /// could not be read, for a table (CSV, DataFrame); every project or progress row that could
    /// not be read (the first error in each), for JSON; the first error, for a syntax error and
    /// for other documents (plans, scenarios, allocations).
    #[error("{0}")]
    Parse(ParseErrors),
    /// The inputs parsed but break one or more rules; every problem is listed.
    #[error("{}", Problem::render_all(.0))]
    Validation(Vec<Problem>),
    /// The solver failed (not an infeasible plan: that is a status on the result).
    #[error("solver error: {0}")]
    Solver(String),
    /// The caller asked the solver to stop (Ctrl-C in Python, a cancelled request in a service).
    #[error("interrupted")]
    Interrupted,
    /// A request that cannot be carried out as asked (for example an unsupported file extension).
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Builds a usage error from any message.
    ///
    /// # Examples
    ///
    /// ```
    /// let e = stratfund::Error::usage("give --portfolio");
    /// assert_eq!(e.to_string(), "give --portfolio");
    /// ```
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(message.into())
    }

    /// The same error, saying which part of a study it comes from (a scenario by name, "robustness
    /// scenario 17", "frontier level 0.08"): validation problems and solver failures get the context
    /// in front of their message; other errors (an interruption, a file) stay as they are.
    pub(crate) fn within(self, context: &str) -> Self {
        match self {
            Error::Validation(problems) => Error::Validation(
                problems
                    .into_iter()
                    .map(|mut p| {
                        p.message = format!("in {context}: {}", p.message);
                        p
                    })
                    .collect(),
            ),
            Error::Solver(message) => Error::Solver(format!("in {context}: {message}")),
            other => other,
        }
    }

    /// The values of `results`, or the validation problems of all of them at once (in order), so
    /// that a user fixes every scenario of a file in one pass; the first error of another kind
    /// (a solver failure, an interruption) is returned as it is.
    pub(crate) fn every_problem<T>(results: impl IntoIterator<Item = Result<T>>) -> Result<Vec<T>> {
        let (mut values, mut problems) = (Vec::new(), Vec::new());
        for result in results {
            match result {
                Ok(value) => values.push(value),
                Err(Error::Validation(found)) => problems.extend(found),
                Err(other) => return Err(other),
            }
        }
        if problems.is_empty() {
            Ok(values)
        } else {
            Err(Error::Validation(problems))
        }
    }

    /// The same error without the lines and columns of its parse errors: for a document that
    /// the caller built in memory (Python dicts sent to the core as JSON), where a position in
    /// that generated text would point nowhere the caller can look. The project and field stay.
    #[cfg(any(test, feature = "python"))]
    pub(crate) fn without_positions(self) -> Self {
        match self {
            Error::Parse(ParseErrors(errors)) => {
                Error::Parse(ParseErrors(errors.into_iter().map(|e| e.at(None, None)).collect()))
            }
            other => other,
        }
    }

    /// The validation problems, when this is a validation error (none for other errors).
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::{model::check, Catalog, Plan, Portfolio};
    /// let plan = Plan::new(vec![(2026, -5.0)]);
    /// let error = check(&Portfolio::new(vec![]), &plan, &Catalog::default()).unwrap_err();
    /// assert_eq!(error.problems()[0].field, "state_budget.2026");
    /// assert!(stratfund::Error::Usage("no".into()).problems().is_empty());
    /// ```
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Validation(problems) => problems,
            _ => &[],
        }
    }
}

impl From<ParseError> for Error {
    fn from(e: ParseError) -> Self {
        Error::Parse(ParseErrors(vec![e]))
    }
}

/// The result of reading one cell or field: its value, or where and why it cannot be read (boxed,
/// so that the value's path stays small).
pub(crate) type Located<T> = std::result::Result<T, Box<ParseError>>;

/// The parse errors of one input, in the order they were found; never empty.
///
/// A table (a CSV file, a DataFrame) reports every cell it cannot read at once, so a spreadsheet
/// with several typos is fixed in one pass.
///
/// # Examples
///
/// ```
/// let csv = "id,group,class,cost,impact\nA,biotech,markett,10,1\nB,biotech,market,ten,1\n";
/// let error = stratfund::io::csv::portfolio_from_csv(csv, "p.csv").unwrap_err();
/// let stratfund::Error::Parse(errors) = error else { panic!("a parse error") };
/// assert_eq!(errors.len(), 2);
/// assert_eq!(errors[1].project.as_deref(), Some("B"));
/// assert_eq!(errors[1].field.as_deref(), Some("cost"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseErrors(Vec<ParseError>);

impl ParseErrors {
    /// How many errors the message shows; the list itself keeps them all.
    const SHOWN: usize = 20;

    /// `Ok(value)` when `errors` is empty, else the parse error listing them all.
    pub(crate) fn or_ok<T>(errors: Vec<ParseError>, value: T) -> Result<T> {
        if errors.is_empty() {
            Ok(value)
        } else {
            Err(Error::Parse(ParseErrors(errors)))
        }
    }

    /// The errors, in the order they were found (see [`crate::io::read_text`] for an example).
    pub fn as_slice(&self) -> &[ParseError] {
        &self.0
    }

    /// These errors, then those of `other` (another input read in the same pass).
    pub(crate) fn followed_by(mut self, other: ParseErrors) -> ParseErrors {
        self.0.extend(other.0);
        self
    }
}

/// Where each parse error of `error` was found: (line, project, field); empty for other errors.
#[cfg(test)]
pub(crate) fn where_found(error: &Error) -> Vec<(Option<usize>, Option<&str>, Option<&str>)> {
    match error {
        Error::Parse(errors) => errors.iter().map(|e| (e.line, e.project.as_deref(), e.field.as_deref())).collect(),
        _ => Vec::new(),
    }
}

impl std::ops::Deref for ParseErrors {
    type Target = [ParseError];

    fn deref(&self) -> &[ParseError] {
        &self.0
    }
}

impl fmt::Display for ParseErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let [only] = self.0.as_slice() {
            return write!(f, "{only}");
        }
        let mut files: Vec<&str> = Vec::new();
        for e in &self.0 {
            if !files.contains(&e.file.as_str()) {
                files.push(&e.file);
            }
        }
        write!(f, "{} problems reading {}:", self.0.len(), files.join(" and "))?;
        for e in self.0.iter().take(Self::SHOWN) {
            write!(f, "\n  - {e}")?;
        }
        if self.0.len() > Self::SHOWN {
            write!(f, "\n  - ... and {} more", self.0.len() - Self::SHOWN)?;
        }
        Ok(())
    }
}

/// Where and why a file could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ParseError {
    /// File name or a label such as `<string>`.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// Project id, when the error is inside a project.
    pub project: Option<String>,
    /// Field (or column) name, when known.
    pub field: Option<String>,
    /// The reading rule the input breaks (`wrong_type`, `unknown_field`...), as validation
    /// problems carry theirs.
    pub rule: ReadRule,
    /// What is wrong.
    pub message: String,
}

impl ParseError {
    /// A parse error with only a file, the rule it breaks and a message; add the rest with
    /// [`at`](Self::at), [`in_project`](Self::in_project) and [`in_field`](Self::in_field).
    pub fn new(file: impl Into<String>, rule: ReadRule, message: impl Into<String>) -> Self {
        ParseError {
            file: file.into(),
            line: None,
            column: None,
            project: None,
            field: None,
            rule,
            message: message.into(),
        }
    }

    /// Sets line and column.
    pub fn at(mut self, line: Option<usize>, column: Option<usize>) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Sets the project id.
    pub fn in_project(mut self, id: Option<String>) -> Self {
        self.project = id;
        self
    }

    /// Sets the field name.
    pub fn in_field(mut self, field: Option<String>) -> Self {
        self.field = field;
        self
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ":")?;
        if let Some(project) = &self.project {
            write!(f, " project {project}")?;
            if self.field.is_some() {
                write!(f, ",")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, " field `{field}`")?;
        }
        if self.project.is_some() || self.field.is_some() {
            write!(f, ":")?;
        }
        write!(f, " {} [rule {}]", self.message, self.rule)
    }
}

/// One broken rule found by validation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// Project id, when the problem concerns one project.
    pub project: Option<String>,
    /// The field, with its section for plan fields (for example `group_bounds.blockchain.max_share`).
    pub field: String,
    /// A stable machine-readable rule code (for example `cost_not_positive`).
    pub rule: String,
    /// A sentence saying what is wrong and what to do.
    pub message: String,
}

impl Problem {
    /// A problem in a project's field.
    pub fn project(id: &str, field: &str, rule: &str, message: impl Into<String>) -> Self {
        Problem {
            project: Some(id.to_string()),
            field: field.to_string(),
            rule: rule.to_string(),
            message: message.into(),
        }
    }

    /// How problems name the project at `index` (from 0) of a list when it has no id: `#3 (no id)`.
    pub(crate) fn unnamed_project(index: usize) -> String {
        format!("#{} (no id)", index + 1)
    }

    /// A problem in a plan (or portfolio-level) field.
    pub fn plan(field: impl Into<String>, rule: &str, message: impl Into<String>) -> Self {
        Problem { project: None, field: field.into(), rule: rule.to_string(), message: message.into() }
    }

    fn render_all(problems: &[Problem]) -> String {
        let mut out = format!("{}:", crate::report::counted(problems.len(), "validation problem"));
        for p in problems {
            out.push_str("\n  - ");
            out.push_str(&p.to_string());
        }
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.project {
            Some(id) => write!(f, "project {id}, field `{}`", self.field)?,
            None => write!(f, "field `{}`", self.field)?,
        }
        write!(f, ": {} [rule {}]", self.message, self.rule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_error_names_file_line_project_and_field() {
        let e = ParseError::new("p.json", ReadRule::WrongType, "invalid type")
            .at(Some(3), Some(7))
            .in_project(Some("P-1".into()))
            .in_field(Some("cost".into()));
        assert_eq!(e.to_string(), "p.json:3:7: project P-1, field `cost`: invalid type [rule wrong_type]");
    }

    #[test]
    fn an_error_without_positions_keeps_its_file_project_and_field() {
        let located = ParseError::new("<portfolio>", ReadRule::WrongType, "invalid type")
            .at(Some(1), Some(75))
            .in_project(Some("P-1".into()));
        let unplaced = Error::from(located.clone()).without_positions();
        assert_eq!(unplaced.to_string(), "<portfolio>: project P-1: invalid type [rule wrong_type]");
        let Error::Parse(errors) = unplaced else { panic!("still a parse error") };
        assert_eq!(errors.as_slice(), [located.at(None, None)]);
        assert!(matches!(Error::usage("x").without_positions(), Error::Usage(_)));
    }

    #[test]
    fn an_error_within_a_study_names_where_it_comes_from() {
        let solver = Error::Solver("HiGHS failed to solve the model".into()).within("robustness scenario 17");
        assert_eq!(solver.to_string(), "solver error: in robustness scenario 17: HiGHS failed to solve the model");
        let invalid = Error::Validation(vec![Problem::plan("carry_over", "share_out_of_range", "must be in [0, 1]")])
            .within("scenario `cut`");
        assert_eq!(invalid.problems()[0].message, "in scenario `cut`: must be in [0, 1]");
        assert!(matches!(Error::Interrupted.within("frontier level 0.5"), Error::Interrupted));
    }

    #[test]
    fn validation_error_lists_every_problem() {
        let e = Error::Validation(vec![
            Problem::project("P-1", "cost", "cost_not_positive", "cost must be > 0"),
            Problem::plan("carry_over", "share_out_of_range", "must be in [0, 1]"),
        ]);
        let text = e.to_string();
        assert!(text.starts_with("2 validation problems:"));
        assert!(text.contains("project P-1, field `cost`: cost must be > 0 [rule cost_not_positive]"));
        assert!(text.contains("field `carry_over`"));
        assert_eq!(e.problems().len(), 2);
    }

    #[test]
    fn parse_errors_show_one_as_it_is_and_many_as_a_list() {
        let at = |line| ParseError::new("p.csv", ReadRule::Syntax, "bad").at(Some(line), None);
        assert_eq!(Error::from(at(2)).to_string(), "p.csv:2: bad [rule syntax]");
        let two = ParseErrors::or_ok(vec![at(2), at(5)], ()).unwrap_err().to_string();
        assert_eq!(two, "2 problems reading p.csv:\n  - p.csv:2: bad [rule syntax]\n  - p.csv:5: bad [rule syntax]");
        let plan = ParseErrors(vec![ParseError::new("plan.toml", ReadRule::UnknownField, "unknown field")]);
        let both = ParseErrors(vec![at(2), at(5)]).followed_by(plan).to_string();
        assert!(both.starts_with("3 problems reading p.csv and plan.toml:\n  - p.csv:2: bad"), "{both}");
        let many = ParseErrors::or_ok((1..=25).map(at).collect(), ()).unwrap_err();
        let text = many.to_string();
        assert_eq!(text.lines().count(), 1 + ParseErrors::SHOWN + 1, "{text}");
        assert!(text.ends_with("... and 5 more"), "{text}");
        let Error::Parse(errors) = many else { panic!("a parse error") };
        assert_eq!(errors.len(), 25);
        assert!(ParseErrors::or_ok(Vec::new(), 7).is_ok_and(|v| v == 7));
    }
}
