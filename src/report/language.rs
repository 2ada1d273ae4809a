//! The language of a report: English or Vietnamese labels, statuses and reasons in words.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::model::validate::num;
use crate::optimize::{Allocation, Relaxation, Status};

/// The language of a report's labels.
///
/// ```
/// use stratfund::report::Language;
/// let vi: Language = "vi".parse().unwrap();
/// assert_eq!(vi, Language::Vi);
/// assert_eq!(vi.labels().by_group, "Theo nhóm công nghệ");
/// assert!("fr".parse::<Language>().unwrap_err().contains("en, vi"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    #[default]
    En,
    /// Vietnamese (tiếng Việt).
    Vi,
}

impl Language {
    /// The code written in files and on the command line (`en`, `vi`).
    ///
    /// # Examples
    ///
    /// ```
    /// use stratfund::report::Language;
    /// let vi: Language = "vi".parse()?;
    /// assert_eq!(vi.code(), "vi");
    /// assert_eq!(vi.group_name(&stratfund::Catalog::default(), "semiconductors"), "Công nghệ chip bán dẫn");
    /// assert_ne!(vi.labels(), Language::En.labels());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Vi => "vi",
        }
    }

    /// The fixed labels of reports in this language (see [`Language::code`] for an example).
    pub fn labels(self) -> &'static Labels {
        match self {
            Language::En => &EN,
            Language::Vi => &VI,
        }
    }

    /// A technology group's name from the catalog in this language, else its code.
    pub fn group_name(self, catalog: &Catalog, code: &str) -> String {
        catalog.group(code).map_or_else(
            || code.to_string(),
            |g| match self {
                Language::En => g.name_en.clone(),
                Language::Vi => g.name_vi.clone(),
            },
        )
    }

    /// A reason code of FORMATS.md (`budget`, `group_bound:<group>`, `ineligible:<rule>`, ...) in
    /// words; an unknown code is returned as it is.
    ///
    /// ```
    /// use stratfund::report::Language;
    /// assert_eq!(Language::En.reason("dependency:P-7"), "requires P-7, which is not funded");
    /// assert_eq!(Language::Vi.reason("ineligible:below_min_grant"),
    ///            "không đủ điều kiện: mức hỗ trợ lớn nhất có thể thấp hơn mức hỗ trợ tối thiểu");
    /// ```
    pub fn reason(self, code: &str) -> String {
        let l = self.labels();
        let (kind, subject) = code.split_once(':').unwrap_or((code, ""));
        match kind {
            "ineligible" => format!("{}: {}", l.ineligible, self.rule(subject)),
            "budget" => l.reason_budget.to_string(),
            "min_grant" => l.reason_min_grant.to_string(),
            "time_limit" => l.reason_time_limit.to_string(),
            "group_bound" => l.reason_group_bound.replace("{}", subject),
            "region_bound" => l.reason_region_bound.replace("{}", subject),
            "priority_bound" => l.reason_priority_bound.to_string(),
            "dependency" => l.reason_dependency.replace("{}", subject),
            "exclusive" => l.reason_exclusive.replace("{}", subject),
            "lead_capacity" => l.reason_lead_capacity.replace("{}", subject),
            _ => code.to_string(),
        }
    }

    /// A reason code in words as it reads in `allocation`: [`reason`](Self::reason) (whose
    /// `budget` reads as under `max_value`), except where the allocation changes what a code
    /// means. Under `min_state_spend`, `budget` marks a project the targets do not need; in an
    /// infeasible allocation nothing is funded, and every eligible project's reason (the largest
    /// relaxation's) says so.
    ///
    /// ```
    /// use stratfund::report::Language;
    /// let config = stratfund::demo::DemoConfig { projects: 30, ..Default::default() };
    /// let portfolio = stratfund::demo::generate_portfolio(&config);
    /// let mut plan = stratfund::demo::generate_plan(&portfolio, &config, 0.45);
    /// let allocation = stratfund::solve(&portfolio, &plan)?;
    /// assert_eq!(Language::En.reason_in("budget", &allocation), Language::En.reason("budget"));
    /// plan.objective = stratfund::model::Objective::MinStateSpend { min_value: Some(1.0), projects: vec![] };
    /// let least = stratfund::solve(&portfolio, &plan)?;
    /// assert!(Language::En.reason_in("budget", &least).starts_with("not needed"));
    /// # Ok::<(), stratfund::Error>(())
    /// ```
    pub fn reason_in(self, code: &str, allocation: &Allocation) -> String {
        let outcome = (allocation.status, allocation.objective_kind.as_str());
        self.reason_of_outcome(code, outcome).map_or_else(|| self.reason(code), str::to_string)
    }

    /// [`reason_kind`](Self::reason_kind), with the words of [`reason_in`](Self::reason_in) for
    /// an allocation of this status and objective kind (`max_value`, `min_state_spend`).
    pub fn reason_kind_in(self, code: &str, status: Status, objective_kind: &str) -> (String, String) {
        let (kind, words) = self.reason_kind(code);
        (kind, self.reason_of_outcome(code, (status, objective_kind)).map_or(words, str::to_string))
    }

    /// The words of a code whose meaning the allocation's status or objective kind changes.
    fn reason_of_outcome(self, code: &str, (status, objective_kind): (Status, &str)) -> Option<&'static str> {
        let l = self.labels();
        if code.starts_with("ineligible:") {
            None
        } else if status == Status::Infeasible {
            Some(l.reason_infeasible)
        } else if code == "budget" && objective_kind == "min_state_spend" {
            Some(l.reason_not_needed)
        } else {
            None
        }
    }

    /// The reason code under which [`markdown_in`](super::markdown_in) counts unfunded projects, and
    /// its words: a requirement or an exclusive group names another project, so those are counted
    /// by kind (`dependency`, `exclusive`); every other code stands for itself.
    ///
    /// ```
    /// use stratfund::report::Language;
    /// assert_eq!(Language::En.reason_kind("exclusive:P-7").0, "exclusive");
    /// assert_eq!(Language::En.reason_kind("group_bound:biotech").0, "group_bound:biotech");
    /// assert_eq!(Language::En.reason_kind("ineligible:dependency:P-3").0, "ineligible:dependency");
    /// ```
    pub fn reason_kind(self, code: &str) -> (String, String) {
        let l = self.labels();
        match code.split_once(':') {
            Some(("dependency", _)) => ("dependency".into(), l.reason_dependency_any.into()),
            Some(("exclusive", _)) => ("exclusive".into(), l.reason_exclusive_any.into()),
            Some(("ineligible", rule)) if rule.starts_with("dependency:") => {
                ("ineligible:dependency".into(), format!("{}: {}", l.ineligible, l.requiring_ineligible))
            }
            _ => (code.to_string(), self.reason(code)),
        }
    }

    /// What to do about one relaxation of an infeasibility explanation: the core's message in
    /// English; in Vietnamese, the same action built from the constraint label and the amount
    /// (with the mandatory projects a budget message names).
    ///
    /// ```
    /// use stratfund::optimize::Relaxation;
    /// use stratfund::report::Language;
    /// let r = Relaxation {
    ///     constraint: "budget_2026".into(),
    ///     amount: 620.0,
    ///     message: "the rules need 4120 of the 2026 state budget of 3500: raise it by 620 or drop one of P-017, P-102".into(),
    /// };
    /// assert_eq!(Language::En.relaxation(&r), r.message);
    /// assert_eq!(Language::Vi.relaxation(&r),
    ///            "nâng dự toán ngân sách nhà nước năm 2026 thêm 620, hoặc bỏ một trong các dự án bắt buộc P-017, P-102");
    /// ```
    pub fn relaxation(self, r: &Relaxation) -> String {
        if self == Language::En {
            return r.message.clone();
        }
        let amount = num(r.amount);
        let (kind, subject) = r.constraint.split_once(':').unwrap_or((r.constraint.as_str(), ""));
        let action = match kind {
            "group_min" => format!("giảm mức tối thiểu của nhóm {subject} đi {amount}"),
            "group_max" => format!("nâng mức tối đa của nhóm {subject} thêm {amount}"),
            "region_min" => format!("giảm mức tối thiểu của vùng {subject} đi {amount}"),
            "region_max" => format!("nâng mức tối đa của vùng {subject} thêm {amount}"),
            "priority_min" => format!("giảm mức tối thiểu cho các sản phẩm ưu tiên đi {amount}"),
            "priority_max" => format!("nâng mức tối đa cho các sản phẩm ưu tiên thêm {amount}"),
            "lead_capacity" => {
                format!("nâng số dự án tối đa của mỗi đơn vị chủ trì thêm {amount} (đơn vị {subject})")
            }
            "exclusive" => format!("bỏ bớt {amount} dự án bắt buộc của nhóm loại trừ {subject}"),
            "min_value" => format!("giảm mục tiêu giá trị tối thiểu đi {amount}"),
            _ => match kind.strip_prefix("budget_") {
                Some(year) => format!("nâng dự toán ngân sách nhà nước năm {year} thêm {amount}"),
                None => return r.message.clone(),
            },
        };
        match r.message.split_once(" or drop one of ") {
            Some((_, projects)) => format!("{action}, hoặc bỏ một trong các dự án bắt buộc {projects}"),
            None => action,
        }
    }

    /// An eligibility rule of MODEL.md section 9 in words; an unknown rule is returned as it is.
    pub fn rule(self, rule: &str) -> String {
        let l = self.labels();
        if let Some(id) = rule.strip_prefix("dependency:") {
            return l.rule_dependency.replace("{}", id);
        }
        let text = match rule {
            "schedule_outside_plan" => l.rule_schedule_outside_plan,
            "enterprise_commitment_below_share" => l.rule_enterprise_below_share,
            "state_share_conflict" => l.rule_state_share_conflict,
            "state_request_below_state_share" => l.rule_state_request_below_share,
            "state_caps_below_state_share" => l.rule_state_caps_below_share,
            "financing_below_cost" => l.rule_financing_below_cost,
            "below_min_grant" => l.rule_below_min_grant,
            "excluded" => l.rule_excluded,
            _ => return rule.to_string(),
        };
        text.to_string()
    }

    /// A solve status (`optimal`, `feasible`, `infeasible`, `time_limit`) in words.
    pub fn status(self, status: &str) -> String {
        let l = self.labels();
        match status {
            "optimal" => l.optimal,
            "feasible" => l.feasible,
            "infeasible" => l.infeasible,
            "time_limit" => l.time_limit,
            other => other,
        }
        .to_string()
    }

    /// An objective kind (`max_value`, `min_state_spend`) in words.
    pub fn objective(self, kind: &str) -> String {
        let l = self.labels();
        match kind {
            "max_value" => l.max_value,
            "min_state_spend" => l.min_state_spend,
            other => other,
        }
        .to_string()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Language::En),
            "vi" | "vietnamese" | "tiếng việt" => Ok(Language::Vi),
            other => Err(format!("unknown report language `{other}`: use one of en, vi")),
        }
    }
}

/// The fixed words of the allocation report in one language (`{}` marks where a name goes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// Title of an allocation report.
    pub title: &'static str,
    /// "status".
    pub status: &'static str,
    /// "objective".
    pub objective: &'static str,
    /// "gap".
    pub gap: &'static str,
    /// "funded" (a count or a yes/no column).
    pub funded: &'static str,
    /// "of" in "57 of 300".
    pub of: &'static str,
    /// "ineligible".
    pub ineligible: &'static str,
    /// Projects that are eligible themselves but require an ineligible one (rule `dependency:<id>`).
    pub requiring_ineligible: &'static str,
    /// "leverage".
    pub leverage: &'static str,
    /// "money" (followed by the currency unit in brackets).
    pub money: &'static str,
    /// The state.
    pub state: &'static str,
    /// Enterprises.
    pub enterprise: &'static str,
    /// Academia.
    pub academia: &'static str,
    /// "expected value".
    pub expected_value: &'static str,
    /// Heading of the infeasibility explanation.
    pub why_infeasible: &'static str,
    /// "constraint".
    pub constraint: &'static str,
    /// "relax by".
    pub relax_by: &'static str,
    /// "what to do".
    pub what_to_do: &'static str,
    /// Heading of the table by group.
    pub by_group: &'static str,
    /// "group" (code).
    pub group: &'static str,
    /// "name".
    pub name: &'static str,
    /// Heading of the table by region (shown when projects name regions).
    pub by_region: &'static str,
    /// "region".
    pub region: &'static str,
    /// Heading of the table by year.
    pub by_year: &'static str,
    /// "year".
    pub year: &'static str,
    /// "budget".
    pub budget: &'static str,
    /// "available" (budget plus carry-over).
    pub available: &'static str,
    /// Heading of the count of unfunded projects by reason.
    pub unfunded_by_reason: &'static str,
    /// "reason".
    pub reason: &'static str,
    /// "code" (of a reason).
    pub code: &'static str,
    /// "projects" (a count).
    pub projects_count: &'static str,
    /// Heading of the table of projects.
    pub projects: &'static str,
    /// "id".
    pub id: &'static str,
    /// "scale".
    pub scale: &'static str,
    /// "yes".
    pub yes: &'static str,
    /// "no".
    pub no: &'static str,
    /// Status `optimal`.
    pub optimal: &'static str,
    /// Status `feasible`.
    pub feasible: &'static str,
    /// Status `infeasible`.
    pub infeasible: &'static str,
    /// Status `time_limit`.
    pub time_limit: &'static str,
    /// Objective `max_value`.
    pub max_value: &'static str,
    /// Objective `min_state_spend`.
    pub min_state_spend: &'static str,
    /// Reason `budget` (under `max_value`).
    pub reason_budget: &'static str,
    /// Reason `budget` under `min_state_spend`: the targets do not need the project.
    pub reason_not_needed: &'static str,
    /// Every eligible project's reason in an infeasible allocation.
    pub reason_infeasible: &'static str,
    /// The note on an allocation solved as the LP relaxation (`solver.relaxed`).
    pub relaxed_note: &'static str,
    /// Reason `min_grant`.
    pub reason_min_grant: &'static str,
    /// Reason `time_limit`: the solve stopped before any allocation was found.
    pub reason_time_limit: &'static str,
    /// Reason `group_bound:{}`.
    pub reason_group_bound: &'static str,
    /// Reason `region_bound:{}`.
    pub reason_region_bound: &'static str,
    /// Reason `priority_bound` (the plan's `priority_bounds` maximum).
    pub reason_priority_bound: &'static str,
    /// Reason `dependency:{}`.
    pub reason_dependency: &'static str,
    /// Reason `exclusive:{}`.
    pub reason_exclusive: &'static str,
    /// Reason `dependency:*`, whatever the project required.
    pub reason_dependency_any: &'static str,
    /// Reason `exclusive:*`, whatever the project funded instead.
    pub reason_exclusive_any: &'static str,
    /// Reason `lead_capacity:{}`.
    pub reason_lead_capacity: &'static str,
    /// Rule `schedule_outside_plan`.
    pub rule_schedule_outside_plan: &'static str,
    /// Rule `enterprise_commitment_below_share`.
    pub rule_enterprise_below_share: &'static str,
    /// Rule `state_share_conflict`.
    pub rule_state_share_conflict: &'static str,
    /// Rule `state_request_below_state_share`.
    pub rule_state_request_below_share: &'static str,
    /// Rule `state_caps_below_state_share`.
    pub rule_state_caps_below_share: &'static str,
    /// Rule `financing_below_cost`.
    pub rule_financing_below_cost: &'static str,
    /// Rule `below_min_grant`.
    pub rule_below_min_grant: &'static str,
    /// Rule `dependency:{}` (requires an ineligible project).
    pub rule_dependency: &'static str,
    /// Rule `excluded` (by a scenario or a re-plan).
    pub rule_excluded: &'static str,
}

const EN: Labels = Labels {
    title: "Funding allocation",
    status: "status",
    objective: "objective",
    gap: "gap",
    funded: "funded",
    of: "of",
    ineligible: "ineligible",
    requiring_ineligible: "requiring an ineligible project",
    leverage: "leverage (enterprise and academia money per unit of state money)",
    money: "money",
    state: "state",
    enterprise: "enterprise",
    academia: "academia",
    expected_value: "expected value",
    why_infeasible: "Why the plan is infeasible",
    constraint: "constraint",
    relax_by: "relax by",
    what_to_do: "what to do",
    by_group: "By group",
    group: "group",
    name: "name",
    by_region: "By region",
    region: "region",
    by_year: "By year",
    year: "year",
    budget: "budget",
    available: "available",
    unfunded_by_reason: "Unfunded projects by reason",
    reason: "reason",
    code: "code",
    projects_count: "projects",
    projects: "Projects",
    id: "id",
    scale: "scale",
    yes: "yes",
    no: "no",
    optimal: "optimal",
    feasible: "feasible (not proven optimal)",
    infeasible: "infeasible",
    time_limit: "time limit reached without a solution",
    max_value: "maximise expected value",
    min_state_spend: "minimise state spending",
    reason_budget: "the state budget is spent on projects of more value",
    reason_not_needed: "not needed: the targets are met with the least state money without it",
    reason_infeasible: "the plan is infeasible: nothing is funded until it is relaxed",
    relaxed_note: "LP relaxation: any project may be funded in part, whatever its min_fraction, so these figures \
                   bound what an allocation can reach; they are not an allocation to carry out",
    reason_min_grant: "the budget left is below the minimum grant",
    reason_time_limit: "the solver stopped at its time limit before finding any allocation",
    reason_group_bound: "the bound of group {} is reached",
    reason_region_bound: "the bound of region {} is reached",
    reason_priority_bound: "the bound on the priority products is reached",
    reason_dependency: "requires {}, which is not funded",
    reason_exclusive: "excluded by {} (same exclusive group)",
    reason_dependency_any: "requires a project that is not funded",
    reason_exclusive_any: "another project of its exclusive group is funded",
    reason_lead_capacity: "lead {} already leads the most projects allowed",
    rule_schedule_outside_plan: "its schedule has years outside the plan",
    rule_enterprise_below_share: "the enterprise commitment is below the required share of the cost",
    rule_state_share_conflict: "the required state and enterprise shares add up to more than 100%",
    rule_state_request_below_share: "the state request is below the required state share of the cost",
    rule_state_caps_below_share: "the caps by cost category allow less state money than the required state share",
    rule_financing_below_cost: "state request, enterprise and academia money do not cover the cost",
    rule_below_min_grant: "the largest possible state money is below the minimum grant",
    rule_dependency: "requires {}, which is ineligible",
    rule_excluded: "excluded from this run (by a scenario or a re-plan)",
};

const VI: Labels = Labels {
    title: "Phân bổ kinh phí",
    status: "trạng thái",
    objective: "mục tiêu",
    gap: "sai số tối ưu",
    funded: "được cấp kinh phí",
    of: "trên",
    ineligible: "không đủ điều kiện",
    requiring_ineligible: "phụ thuộc dự án không đủ điều kiện",
    leverage: "hệ số huy động (vốn doanh nghiệp và viện, trường trên mỗi đồng ngân sách nhà nước)",
    money: "kinh phí",
    state: "ngân sách nhà nước",
    enterprise: "doanh nghiệp",
    academia: "viện, trường",
    expected_value: "giá trị kỳ vọng",
    why_infeasible: "Vì sao kế hoạch không khả thi",
    constraint: "ràng buộc",
    relax_by: "cần nới thêm",
    what_to_do: "cách xử lý",
    by_group: "Theo nhóm công nghệ",
    group: "nhóm",
    name: "tên",
    by_region: "Theo vùng",
    region: "vùng",
    by_year: "Theo năm",
    year: "năm",
    budget: "dự toán",
    available: "khả dụng",
    unfunded_by_reason: "Dự án không được cấp kinh phí, theo lý do",
    reason: "lý do",
    code: "mã lý do",
    projects_count: "số dự án",
    projects: "Dự án",
    id: "mã",
    scale: "tỷ lệ cấp",
    yes: "có",
    no: "không",
    optimal: "tối ưu",
    feasible: "khả thi (chưa chứng minh tối ưu)",
    infeasible: "không khả thi",
    time_limit: "hết thời gian mà chưa có lời giải",
    max_value: "tối đa hóa giá trị kỳ vọng",
    min_state_spend: "tối thiểu hóa chi ngân sách nhà nước",
    reason_budget: "ngân sách nhà nước đã dành cho các dự án có giá trị cao hơn",
    reason_not_needed: "không cần thiết: các mục tiêu đạt được với ít ngân sách nhà nước nhất mà không cần dự án này",
    reason_infeasible: "kế hoạch không khả thi: chưa dự án nào được cấp kinh phí cho đến khi nới lỏng ràng buộc",
    relaxed_note: "bài toán nới lỏng tuyến tính (LP): mọi dự án đều có thể được cấp một phần, bất kể min_fraction, \
                   nên các số liệu này là giới hạn của những gì một phương án phân bổ có thể đạt được, không phải \
                   một phương án để thực hiện",
    reason_min_grant: "ngân sách còn lại thấp hơn mức hỗ trợ tối thiểu",
    reason_time_limit: "bộ giải dừng do hết thời gian trước khi tìm được phương án phân bổ",
    reason_group_bound: "đã đạt giới hạn của nhóm {}",
    reason_region_bound: "đã đạt giới hạn của vùng {}",
    reason_priority_bound: "đã đạt giới hạn cho các sản phẩm ưu tiên",
    reason_dependency: "phụ thuộc dự án {}, dự án này không được cấp kinh phí",
    reason_exclusive: "loại trừ bởi dự án {} (cùng nhóm loại trừ)",
    reason_dependency_any: "phụ thuộc một dự án không được cấp kinh phí",
    reason_exclusive_any: "một dự án khác cùng nhóm loại trừ đã được cấp kinh phí",
    reason_lead_capacity: "đơn vị chủ trì {} đã chủ trì số dự án tối đa",
    rule_schedule_outside_plan: "tiến độ có năm nằm ngoài kế hoạch",
    rule_enterprise_below_share: "vốn đối ứng của doanh nghiệp thấp hơn tỷ lệ bắt buộc trên tổng kinh phí",
    rule_state_share_conflict: "tỷ lệ tối thiểu của Nhà nước và của doanh nghiệp cộng lại vượt 100%",
    rule_state_request_below_share: "kinh phí đề nghị từ ngân sách thấp hơn tỷ lệ tối thiểu của Nhà nước",
    rule_state_caps_below_share: "mức hỗ trợ tối đa theo khoản chi thấp hơn tỷ lệ tối thiểu của Nhà nước",
    rule_financing_below_cost: "ngân sách đề nghị, vốn doanh nghiệp và viện, trường không đủ tổng kinh phí",
    rule_below_min_grant: "mức hỗ trợ lớn nhất có thể thấp hơn mức hỗ trợ tối thiểu",
    rule_dependency: "phụ thuộc dự án {}, dự án này không đủ điều kiện",
    rule_excluded: "bị loại khỏi lượt tính này (theo kịch bản hoặc khi điều chỉnh kế hoạch)",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_code_has_words_in_both_languages() {
        let codes = [
            "budget",
            "min_grant",
            "group_bound:semiconductors",
            "region_bound:north",
            "priority_bound",
            "dependency:P-1",
            "exclusive:P-2",
            "lead_capacity:HUST",
            "ineligible:schedule_outside_plan",
            "ineligible:enterprise_commitment_below_share",
            "ineligible:state_share_conflict",
            "ineligible:state_request_below_state_share",
            "ineligible:state_caps_below_state_share",
            "ineligible:financing_below_cost",
            "ineligible:below_min_grant",
            "ineligible:excluded",
        ];
        for lang in [Language::En, Language::Vi] {
            for code in codes {
                let words = lang.reason(code);
                assert_ne!(words, code, "{lang}: {code}");
                assert!(!words.contains("{}") && !words.contains('_'), "{lang}: {code} -> {words}");
                if let Some((_, subject)) = code.split_once(':').filter(|(k, _)| *k != "ineligible") {
                    assert!(words.contains(subject), "{lang}: {code} -> {words}");
                }
            }
            assert_eq!(lang.reason("released"), "released");
            assert_eq!(lang.rule("dependency:P-3"), lang.labels().rule_dependency.replace("{}", "P-3"));
        }
    }

    #[test]
    fn languages_parse_and_print_their_codes() {
        for lang in [Language::En, Language::Vi] {
            assert_eq!(lang.code().parse::<Language>().unwrap(), lang);
            assert_eq!(serde_json::to_string(&lang).unwrap(), format!("\"{lang}\""));
        }
        assert_eq!("Vietnamese".parse::<Language>().unwrap(), Language::Vi);
    }

    #[test]
    fn group_names_come_from_the_catalog() {
        let catalog = Catalog::default();
        assert_eq!(Language::Vi.group_name(&catalog, "semiconductors"), "Công nghệ chip bán dẫn");
        assert_eq!(Language::En.group_name(&catalog, "semiconductors"), "Semiconductor chips");
        assert_eq!(Language::Vi.group_name(&catalog, "user_group"), "user_group");
    }
}
