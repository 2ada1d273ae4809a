//! The re-plan policy: what happens to each funded project by its latest status (MODEL.md
//! section 8), and what a re-plan made of it.

use serde::{Deserialize, Serialize};

use super::progress::MilestoneStatus;
use crate::model::Year;

/// What a re-plan does with a funded project, by its latest status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Keep funding the rest (mandatory in the re-plan).
    Continue,
    /// Stop funding; the money disbursed is sunk.
    Cut,
    /// Let the rest compete with the waiting proposals (optional in the re-plan).
    Compete,
}

impl Action {
    /// The action as written in files (see [`ReplanPolicy::action`] for an example).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Continue => "continue",
            Action::Cut => "cut",
            Action::Compete => "compete",
        }
    }
}

/// The re-plan policy: from when, and what happens to funded projects by status. Completed
/// projects are done; the other statuses take the action given here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplanPolicy {
    /// The first year re-planned (default: the year of the latest period reported, or the next
    /// year when that period ends its year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<Year>,
    /// Projects reported `not_started` or never reported (default `continue`).
    #[serde(default = "continue_")]
    pub not_started: Action,
    /// Projects reported `on_track` (default `continue`).
    #[serde(default = "continue_")]
    pub on_track: Action,
    /// Projects reported `late` (default `continue`).
    #[serde(default = "continue_")]
    pub late: Action,
    /// Projects reported `stalled` (default `cut`).
    #[serde(default = "cut")]
    pub stalled: Action,
}

fn continue_() -> Action {
    Action::Continue
}

fn cut() -> Action {
    Action::Cut
}

impl Default for ReplanPolicy {
    fn default() -> Self {
        ReplanPolicy {
            from_year: None,
            not_started: Action::Continue,
            on_track: Action::Continue,
            late: Action::Continue,
            stalled: Action::Cut,
        }
    }
}

impl ReplanPolicy {
    /// The action for a status; `None` for `completed` (done).
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::monitor::{Action, Fate, MilestoneStatus, ReplanPolicy};
    /// let policy = ReplanPolicy { late: Action::Compete, ..ReplanPolicy::default() };
    /// assert_eq!(policy.action(MilestoneStatus::Stalled), Some(Action::Cut)); // the default
    /// assert_eq!(policy.action(MilestoneStatus::Late).map(Action::as_str), Some("compete"));
    /// assert_eq!(Fate::from(policy.action(MilestoneStatus::Completed)).as_str(), "done");
    /// ```
    pub fn action(&self, status: MilestoneStatus) -> Option<Action> {
        match status {
            MilestoneStatus::NotStarted => Some(self.not_started),
            MilestoneStatus::OnTrack => Some(self.on_track),
            MilestoneStatus::Late => Some(self.late),
            MilestoneStatus::Stalled => Some(self.stalled),
            MilestoneStatus::Completed => None,
        }
    }
}

/// What a re-plan made of a funded project: a policy [`Action`], or done when it is completed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    /// Its remainder is funded (mandatory in the re-plan).
    Continue,
    /// Its remainder competes with the waiting proposals.
    Compete,
    /// Stopped; the money disbursed is sunk.
    Cut,
    /// Completed.
    Done,
}

impl Fate {
    /// The fate as written in files (see [`ReplanPolicy::action`] for an example).
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Continue => "continue",
            Fate::Compete => "compete",
            Fate::Cut => "cut",
            Fate::Done => "done",
        }
    }
}

impl From<Option<Action>> for Fate {
    fn from(action: Option<Action>) -> Self {
        match action {
            Some(Action::Continue) => Fate::Continue,
            Some(Action::Compete) => Fate::Compete,
            Some(Action::Cut) => Fate::Cut,
            None => Fate::Done,
        }
    }
}
