//! Progress records (FORMATS.md "Progress"): per funded project and period, the state money
//! disbursed and the milestone status the monitoring system reports.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Problem, Result};
use crate::model::validate::given;
use crate::model::{Plan, Portfolio, Year};
use crate::optimize::Allocation;

/// The schema marker of progress files written as a JSON object.
pub const PROGRESS_SCHEMA: &str = "stratfund.progress/1";

/// A reporting period: a whole year (`2026`) or a quarter (`2026-Q3`).
///
/// ```
/// use stratfund::monitor::Period;
/// let q: Period = "2026-Q3".parse().unwrap();
/// assert_eq!((q.year, q.quarter), (2026, Some(3)));
/// assert_eq!(q.to_string(), "2026-Q3");
/// assert!("2026".parse::<Period>().unwrap() > q); // a year ends with its fourth quarter
/// assert!("2026-Q5".parse::<Period>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    /// The year.
    pub year: Year,
    /// The quarter (1-4), or none for the whole year.
    pub quarter: Option<u8>,
}

impl Period {
    /// Quarters of its year the period has ended by (4 for a whole year).
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::monitor::Period;
    /// let (q2, year): (Period, Period) = ("2026-Q2".parse()?, "2026".parse()?);
    /// assert_eq!((q2.quarters_elapsed(), year.quarters_elapsed()), (2, 4));
    /// assert!(q2.overlaps(&year) && !q2.overlaps(&"2026-Q3".parse()?));
    /// assert!(!year.overlaps(&"2027".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn quarters_elapsed(&self) -> u8 {
        self.quarter.unwrap_or(4)
    }

    /// Whether two periods cover some common time (the same quarter, or a year and one of its
    /// quarters; see [`Period::quarters_elapsed`] for an example).
    pub fn overlaps(&self, other: &Period) -> bool {
        self.year == other.year && (self.quarter.is_none() || other.quarter.is_none() || self.quarter == other.quarter)
    }

    fn key(&self) -> (Year, u8, u8) {
        // A whole year sorts after its fourth quarter: both end together, the year covers more.
        (self.year, self.quarters_elapsed(), u8::from(self.quarter.is_none()))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl FromStr for Period {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, String> {
        let bad = || format!("period `{text}` is not YYYY or YYYY-Qn with n in 1..4 (for example 2026 or 2026-Q3)");
        let text_trimmed = text.trim();
        let (year, quarter) = match text_trimmed.split_once('-') {
            Some((y, q)) => {
                let n = q.strip_prefix(['Q', 'q']).ok_or_else(bad)?.parse::<u8>().map_err(|_| bad())?;
                (y, Some(n).filter(|n| (1..=4).contains(n)).ok_or_else(bad)?)
            }
            None => (text_trimmed, 0),
        };
        let year = year.parse::<Year>().map_err(|_| bad())?;
        Ok(Period { year, quarter: (quarter > 0).then_some(quarter) })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.quarter {
            Some(q) => write!(f, "{}-Q{q}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a period, YYYY or YYYY-Qn")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Period, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Period, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Period, E> {
                self.visit_str(&v.to_string())
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A milestone status, as the monitoring system reports it (MODEL.md section 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    /// Funded, work not started.
    NotStarted,
    /// In progress, on schedule.
    OnTrack,
    /// In progress, behind schedule.
    Late,
    /// Stopped; may be cut at a re-plan.
    Stalled,
    /// Finished.
    Completed,
}

impl FromStr for MilestoneStatus {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, String> {
        Self::ALL.into_iter().find(|s| s.as_str() == text).ok_or_else(|| {
            let names: Vec<&str> = Self::ALL.iter().map(|s| s.as_str()).collect();
            let hint = crate::io::names::did_you_mean(text, names.iter().copied());
            format!("status `{text}` is not one of {}{hint}", names.join(", "))
        })
    }
}

impl MilestoneStatus {
    /// Every status, in report order.
    pub const ALL: [MilestoneStatus; 5] = [
        MilestoneStatus::NotStarted,
        MilestoneStatus::OnTrack,
        MilestoneStatus::Late,
        MilestoneStatus::Stalled,
        MilestoneStatus::Completed,
    ];

    /// The status as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneStatus::NotStarted => "not_started",
            MilestoneStatus::OnTrack => "on_track",
            MilestoneStatus::Late => "late",
            MilestoneStatus::Stalled => "stalled",
            MilestoneStatus::Completed => "completed",
        }
    }
}

/// One progress row: a project in a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressRecord {
    /// The project.
    pub project_id: String,
    /// The reporting period.
    pub period: Period,
    /// State money disbursed to the project during the period (not cumulative).
    #[serde(default)]
    pub disbursed: f64,
    /// Milestone status at the end of the period.
    pub status: MilestoneStatus,
    /// When the project (or its current milestone) is due, `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "optional_date")]
    pub due_date: Option<NaiveDate>,
    /// When it was completed, `YYYY-MM-DD` (required when `status` is `completed`).
    #[serde(default, deserialize_with = "optional_date")]
    pub completed_date: Option<NaiveDate>,
}

/// Reads an optional `YYYY-MM-DD` date; anything else is an error that shows the text and the form.
fn optional_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<NaiveDate>, D::Error> {
    let Some(text) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    parse_date(&text).map(Some).map_err(serde::de::Error::custom)
}

/// A `YYYY-MM-DD` date, or a message that shows the text and the form, or, for a date written in
/// that form that the calendar has not (`2026-02-30`, `2027-13-01`), says so.
pub(crate) fn parse_date(text: &str) -> std::result::Result<NaiveDate, String> {
    use chrono::format::ParseErrorKind::{Impossible, OutOfRange};
    text.parse().map_err(|e: chrono::ParseError| match e.kind() {
        OutOfRange | Impossible => {
            format!("`{text}` is written YYYY-MM-DD but is not a day of the calendar (check its month and day)")
        }
        _ => format!("`{text}` is not a date YYYY-MM-DD"),
    })
}

/// A set of progress records, as read from a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// Format marker, `stratfund.progress/1`.
    #[serde(default = "progress_schema")]
    pub schema: String,
    /// The rows, in any order.
    pub records: Vec<ProgressRecord>,
}

fn progress_schema() -> String {
    PROGRESS_SCHEMA.to_string()
}

/// Where one funded project stands: its latest record and what it has received.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Standing<'a> {
    /// The latest record, if any.
    pub latest: Option<&'a ProgressRecord>,
    /// State money disbursed over every period.
    pub disbursed: f64,
}

impl Standing<'_> {
    /// The latest status; a funded project without any record has not started (see
    /// [`Progress::new`] for an example).
    pub fn status(&self) -> MilestoneStatus {
        self.latest.map_or(MilestoneStatus::NotStarted, |r| r.status)
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new(Vec::new())
    }
}

impl Progress {
    /// Records from rows, with the default schema.
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::monitor::{MilestoneStatus, Progress, ProgressRecord};
    /// let row = |id: &str, period: &str, disbursed: f64, status| ProgressRecord {
    ///     project_id: id.into(),
    ///     period: period.parse().unwrap(),
    ///     disbursed,
    ///     status,
    ///     due_date: None,
    ///     completed_date: None,
    /// };
    /// let progress = Progress::new(vec![
    ///     row("A", "2026-Q1", 10.0, MilestoneStatus::OnTrack),
    ///     row("A", "2026-Q2", 5.0, MilestoneStatus::Late),
    ///     row("B", "2027", 7.0, MilestoneStatus::Stalled),
    /// ]);
    /// assert_eq!(progress.latest_period(), Some("2027".parse()?));
    /// assert_eq!(progress.disbursed_by_project()["A"], 15.0);
    /// assert_eq!(progress.disbursed_by_year()[&2027], 7.0);
    /// let standings = progress.standings();
    /// assert_eq!((standings["A"].status(), standings["A"].disbursed), (MilestoneStatus::Late, 15.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(records: Vec<ProgressRecord>) -> Self {
        Progress { schema: progress_schema(), records }
    }

    /// The latest period reported, if any (see [`Progress::new`] for an example).
    pub fn latest_period(&self) -> Option<Period> {
        self.records.iter().map(|r| r.period).max()
    }

    /// State money disbursed per project (see [`Progress::new`] for an example).
    pub fn disbursed_by_project(&self) -> HashMap<&str, f64> {
        let mut out: HashMap<&str, f64> = HashMap::new();
        for r in &self.records {
            *out.entry(r.project_id.as_str()).or_insert(0.0) += r.disbursed;
        }
        out
    }

    /// State money disbursed per year, over every project (see [`Progress::new`] for an example).
    pub fn disbursed_by_year(&self) -> BTreeMap<Year, f64> {
        let mut out: BTreeMap<Year, f64> = BTreeMap::new();
        for r in &self.records {
            *out.entry(r.period.year).or_insert(0.0) += r.disbursed;
        }
        out
    }

    /// Each project's latest record and total disbursement (see [`Progress::new`] for an example).
    pub fn standings(&self) -> HashMap<&str, Standing<'_>> {
        let mut out: HashMap<&str, Standing<'_>> = HashMap::new();
        for r in &self.records {
            let s = out.entry(r.project_id.as_str()).or_insert(Standing { latest: None, disbursed: 0.0 });
            s.disbursed += r.disbursed;
            if s.latest.is_none_or(|l| r.period > l.period) {
                s.latest = Some(r);
            }
        }
        out
    }

    /// Checks the records against the portfolio, the plan and the allocation being carried out:
    /// every problem names the project, the field and the rule.
    ///
    /// Rules: `unknown_project` (not in the portfolio), `not_funded` (the allocation does not fund
    /// it), `negative_amount` (disbursed not a finite number >= 0), `period_outside_plan` (the
    /// period's year is not a plan year), `period_overlap` (two records of a project cover the
    /// same time), `completed_date_missing` (a `completed` record without `completed_date`),
    /// `completed_date_without_completion` (a `completed_date` on a record that is not `completed`),
    /// `unknown_schema`.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`](crate::Error::Validation) listing every problem found, each with its project,
    /// field and rule (above).
    pub fn check(&self, portfolio: &Portfolio, plan: &Plan, allocation: &Allocation) -> Result<()> {
        let mut problems = Vec::new();
        if self.schema != PROGRESS_SCHEMA {
            problems.push(Problem::plan(
                "schema",
                "unknown_schema",
                format!("progress schema `{}` is not `{PROGRESS_SCHEMA}`", self.schema),
            ));
        }
        let known: HashSet<&str> = portfolio.projects.iter().map(|p| p.id.as_str()).collect();
        let funded: HashMap<&str, bool> = allocation.projects.iter().map(|p| (p.id.as_str(), p.funded)).collect();
        for r in &self.records {
            check_record(r, (portfolio, &known), plan, &funded, &mut problems);
        }
        check_overlaps(&self.records, &mut problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(crate::Error::Validation(problems))
        }
    }
}

/// Checks one record; `known` is the portfolio and its ids.
fn check_record(
    r: &ProgressRecord,
    (portfolio, known): (&Portfolio, &HashSet<&str>),
    plan: &Plan,
    funded: &HashMap<&str, bool>,
    out: &mut Vec<Problem>,
) {
    let id = r.project_id.as_str();
    let problem = |field: &str, rule: &str, message: String| Problem::project(id, field, rule, message);
    if !known.contains(id) {
        out.push(problem(
            "project_id",
            "unknown_project",
            format!("progress for `{id}`, which is not in the portfolio{}", portfolio.id_hint(id)),
        ));
    } else if !funded.get(id).copied().unwrap_or(false) {
        out.push(problem(
            "project_id",
            "not_funded",
            format!("progress for `{id}` in {}, which the allocation does not fund", r.period),
        ));
    }
    if !(r.disbursed.is_finite() && r.disbursed >= 0.0) {
        out.push(problem(
            "disbursed",
            "negative_amount",
            format!("disbursed is {} in {}; it must be a finite number >= 0", given(r.disbursed), r.period),
        ));
    }
    if !plan.years.contains(&r.period.year) {
        out.push(problem(
            "period",
            "period_outside_plan",
            format!("period {} is outside the plan years {:?}", r.period, plan.years),
        ));
    }
    match (r.status, r.completed_date) {
        (MilestoneStatus::Completed, None) => out.push(problem(
            "completed_date",
            "completed_date_missing",
            format!("status is `completed` in {} but completed_date is empty; give the completion date", r.period),
        )),
        (status, Some(date)) if status != MilestoneStatus::Completed => out.push(problem(
            "completed_date",
            "completed_date_without_completion",
            format!("completed_date {date} is given in {} but the status is `{}`", r.period, status.as_str()),
        )),
        _ => {}
    }
}

fn check_overlaps(records: &[ProgressRecord], out: &mut Vec<Problem>) {
    let mut by_project: BTreeMap<&str, Vec<Period>> = BTreeMap::new();
    for r in records {
        let seen = by_project.entry(r.project_id.as_str()).or_default();
        if let Some(other) = seen.iter().find(|p| p.overlaps(&r.period)) {
            out.push(Problem::project(
                &r.project_id,
                "period",
                "period_overlap",
                format!("periods {other} and {} overlap; give one record per period", r.period),
            ));
        }
        seen.push(r.period);
    }
}
