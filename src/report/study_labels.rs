//! The words of the scenario, frontier, policy-sweep and simulation reports in each [`Language`].
//! In English the column names are the files' field names, so a report reads like its CSV.

use super::Language;
use crate::catalog::Catalog;

/// The fixed words of the study reports in one language (`{}` marks where a figure goes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyLabels {
    /// Title of a scenario comparison.
    pub comparison: &'static str,
    /// Corner of the side-by-side table ("figure").
    pub figure: &'static str,
    /// The unmodified inputs' column.
    pub baseline: &'static str,
    /// Heading of the projects entering and leaving.
    pub entering_and_leaving: &'static str,
    /// "{} entering" (a count).
    pub entering_count: &'static str,
    /// "{} leaving" (a count).
    pub leaving_count: &'static str,
    /// Said of mandatory projects a scenario makes ineligible (followed by their ids).
    pub released: &'static str,
    /// Introduces the reasons of the projects leaving a feasible scenario (followed by the reasons
    /// in words, each with its count).
    pub leaving_reasons: &'static str,
    /// Heading of the explanations of infeasible scenarios.
    pub why_infeasible: &'static str,
    /// Title of a budget frontier.
    pub frontier: &'static str,
    /// "note".
    pub note: &'static str,
    /// The note on share bounds scaling with the level.
    pub share_bounds_note: &'static str,
    /// The note on a frontier under `min_state_spend` (bounds as amounts).
    pub least_state_note: &'static str,
    /// The note on a frontier under `min_state_spend` with share bounds.
    pub least_state_share_bounds_note: &'static str,
    /// The note on infeasible levels (followed by the levels).
    pub infeasible_levels: &'static str,
    /// Heading of the entry levels.
    pub entry_levels: &'static str,
    /// Title of a policy sweep.
    pub sweep: &'static str,
    /// Heading of the plan's own thresholds in a policy sweep.
    pub sweep_baseline: &'static str,
    /// Heading of the points of a policy sweep.
    pub sweep_points: &'static str,
    /// Heading of why projects leave at each point of a policy sweep.
    pub sweep_leaving: &'static str,
    /// Title of a robustness study.
    pub robustness: &'static str,
    /// "scenarios: {} ({} without a solution)".
    pub scenarios_failed: &'static str,
    /// "core (index >= 0.9): {}, borderline: {}, exterior: {}".
    pub class_counts: &'static str,
    /// Title of a Monte Carlo evaluation.
    pub evaluation: &'static str,
    /// "{} scenarios; ..." (what the value at risk is of).
    pub evaluation_intro: &'static str,
    /// Heading of the settings that drew a Monte Carlo run.
    pub settings: &'static str,
    /// What the settings are for (reproducing the run).
    pub settings_intro: &'static str,
    /// Said after [`StudyLabels::settings_intro`] when the re-optimisations ran under a time limit.
    pub time_limit_caveat: &'static str,
}

impl Language {
    /// The words of the study reports.
    pub fn studies(self) -> &'static StudyLabels {
        match self {
            Language::En => &EN,
            Language::Vi => &VI,
        }
    }

    /// A column of the study tables (a field name of the study files) in words; in English, and
    /// for any other text, the name itself.
    ///
    /// ```
    /// use stratfund::report::Language;
    /// assert_eq!(Language::Vi.study_column("core_index"), "chỉ số lõi");
    /// assert_eq!(Language::En.study_column("core_index"), "core_index");
    /// ```
    pub fn study_column(self, name: &str) -> String {
        if self == Language::En {
            return name.to_string();
        }
        let l = self.labels();
        match name {
            "scenario" => "kịch bản",
            "level" => "hệ số ngân sách",
            "market_min_enterprise_share" => "tỷ lệ vốn doanh nghiệp tối thiểu (công nghệ thị trường)",
            "strategic_min_enterprise_share" => "tỷ lệ vốn doanh nghiệp tối thiểu (công nghệ chiến lược)",
            "status" => "trạng thái",
            "objective" => "giá trị mục tiêu",
            "gap" => "khoảng cách tối ưu",
            "expected_value" => l.expected_value,
            "funded" => "số dự án được cấp",
            "state" => l.state,
            "enterprise" => l.enterprise,
            "academia" => l.academia,
            "leverage" => "hệ số huy động",
            "budget" => "dự toán ngân sách nhà nước",
            "budget_used" => "tỷ lệ sử dụng dự toán",
            "ineligible" => "số dự án không đủ điều kiện",
            "solve_seconds" => "thời gian giải (giây)",
            "entering" => "dự án vào",
            "leaving" => "dự án ra",
            "released" => "dự án được miễn bắt buộc",
            "id" => l.id,
            "entry_level" => "hệ số ngân sách khi được cấp",
            "entry_budget" => "dự toán khi được cấp",
            "stable_from_level" => "được cấp ổn định từ hệ số",
            "core_index" => "chỉ số lõi",
            "class" => "phân loại",
            "baseline_funded" => "được cấp ở phương án gốc",
            "value" => "giá trị",
            "figure" => self.studies().figure,
            "setting" => "thiết lập",
            other => other,
        }
        .to_string()
    }

    /// A core class (`core`, `borderline`, `exterior`) in words.
    pub fn core_class(self, class: &str) -> String {
        match (self, class) {
            (Language::Vi, "core") => "lõi",
            (Language::Vi, "borderline") => "cận biên",
            (Language::Vi, "exterior") => "ngoài",
            (_, other) => other,
        }
        .to_string()
    }

    /// A figure of a Monte Carlo evaluation (`value_mean`, `extra_state_p95`, `group_success:<g>`,
    /// ...) in words, with the catalog's group names; in English, the figure's name.
    ///
    /// ```
    /// use stratfund::{report::Language, Catalog};
    /// let catalog = Catalog::default();
    /// assert_eq!(Language::Vi.evaluation_figure("extra_state_p95", &catalog),
    ///            "ngân sách nhà nước phải bổ sung, phân vị 95%");
    /// assert_eq!(Language::En.evaluation_figure("extra_state_p95", &catalog), "extra_state_p95");
    /// ```
    pub fn evaluation_figure(self, figure: &str, catalog: &Catalog) -> String {
        if self == Language::En {
            return figure.to_string();
        }
        if let Some(group) = figure.strip_prefix("group_success:") {
            return format!("xác suất đạt số dự án thành công tối thiểu, nhóm {}", self.group_name(catalog, group));
        }
        let quantile = |name: &str, p: &str| format!("{name}, phân vị {}%", p.trim_start_matches('0'));
        if let Some(p) = figure.strip_prefix("value_p") {
            return quantile("giá trị thực hiện", p);
        }
        if let Some(p) = figure.strip_prefix("extra_state_p") {
            return quantile("ngân sách nhà nước phải bổ sung", p);
        }
        match figure {
            "scenarios" => "số kịch bản",
            "value_mean" => "giá trị thực hiện, trung bình",
            "value_expected" => "giá trị kỳ vọng (tính trực tiếp)",
            "extra_state_mean" => "ngân sách nhà nước phải bổ sung, trung bình",
            "extra_state_var" => "giá trị rủi ro (VaR) của ngân sách phải bổ sung",
            "extra_state_es" => "tổn thất kỳ vọng (ES) của ngân sách phải bổ sung",
            other => other,
        }
        .to_string()
    }

    /// A Monte Carlo setting (a field of the simulation settings or of the plan's `solver`
    /// section) in words; in English, and for any other text, the name itself.
    ///
    /// ```
    /// use stratfund::report::Language;
    /// assert_eq!(Language::Vi.simulation_setting("risk_level"), "mức của VaR và ES");
    /// assert_eq!(Language::En.simulation_setting("risk_level"), "risk_level");
    /// ```
    pub fn simulation_setting(self, name: &str) -> String {
        if self == Language::En {
            return name.to_string();
        }
        match name {
            "scenarios" => "số kịch bản",
            "seed" => "hạt giống ngẫu nhiên (seed)",
            "cost_overrun_median" => "trung vị hệ số vượt chi phí (LogNormal)",
            "cost_overrun_sigma" => "độ lệch chuẩn (thang log) của hệ số vượt chi phí",
            "delivery_alpha" => "tham số alpha của tỷ lệ vốn doanh nghiệp thực góp (Beta)",
            "delivery_beta" => "tham số beta của tỷ lệ vốn doanh nghiệp thực góp (Beta)",
            "impact_sigma" => "độ lệch chuẩn (thang log) của hệ số tác động",
            "successes_per_group" => "số dự án thành công tối thiểu mỗi nhóm",
            "risk_level" => "mức của VaR và ES",
            "mip_rel_gap" => "khoảng cách tối ưu tương đối (MIP gap)",
            "time_limit_s" => "giới hạn thời gian mỗi lần giải (giây)",
            "relaxed" => "chỉ giải bài toán nới lỏng tuyến tính",
            other => other,
        }
        .to_string()
    }
}

const EN: StudyLabels = StudyLabels {
    comparison: "Scenario comparison",
    figure: "figure",
    baseline: "baseline",
    entering_and_leaving: "Projects entering and leaving (against the baseline)",
    entering_count: "{} entering",
    leaving_count: "{} leaving",
    released: "mandatory or named by the objective, but ineligible in this scenario, so released",
    leaving_reasons: "why they leave",
    why_infeasible: "Why some scenarios are infeasible",
    frontier: "Budget frontier",
    note: "note",
    share_bounds_note: crate::scenario::SHARE_BOUNDS_NOTE,
    least_state_note: crate::scenario::LEAST_STATE_NOTE,
    least_state_share_bounds_note: crate::scenario::LEAST_STATE_SHARE_BOUNDS_NOTE,
    infeasible_levels: crate::scenario::INFEASIBLE_LEVELS_NOTE,
    entry_levels: "Entry level of each project",
    sweep: "Policy sweep (enterprise-share thresholds)",
    sweep_baseline: "The plan's own thresholds (what every point is compared with)",
    sweep_points: "Points of the grid (projects entering and leaving against the plan's thresholds)",
    sweep_leaving: "Why projects leave at each point (market / strategic share)",
    robustness: "Robustness (re-optimised per sampled scenario)",
    scenarios_failed: "scenarios: {} ({} without a solution)",
    class_counts: "core (index >= 0.9): {}, borderline: {}, exterior: {}",
    evaluation: "Monte Carlo evaluation",
    evaluation_intro: "{} scenarios; the value at risk and the expected shortfall are those of the extra state \
                       money needed.",
    settings: "Settings",
    settings_intro: "The same inputs drawn with these settings give the same figures, whatever the number of \
                     threads.",
    time_limit_caveat: "Except under a time limit: a re-optimisation it stops may stop elsewhere on a busier \
                        machine.",
};

const VI: StudyLabels = StudyLabels {
    comparison: "So sánh kịch bản",
    figure: "chỉ tiêu",
    baseline: "phương án gốc",
    entering_and_leaving: "Dự án vào và ra (so với phương án gốc)",
    entering_count: "{} dự án vào",
    leaving_count: "{} dự án ra",
    released: "dự án bắt buộc hoặc được mục tiêu yêu cầu nhưng không đủ điều kiện trong kịch bản này, nên được miễn",
    leaving_reasons: "lý do ra",
    why_infeasible: "Vì sao một số kịch bản không khả thi",
    frontier: "Đường biên ngân sách",
    note: "lưu ý",
    share_bounds_note:
        "giới hạn của nhóm, vùng hoặc sản phẩm ưu tiên được cho theo tỷ lệ dự toán nên thay đổi theo từng hệ số, \
                        vì vậy giá trị không nhất thiết tăng theo ngân sách",
    least_state_note:
        "với mục tiêu min_state_spend, mỗi hệ số đạt các mục tiêu với ít ngân sách nhà nước nhất: giá trị \
                       không được tối đa hóa, và số ngân sách đó không tăng theo dự toán",
    least_state_share_bounds_note:
        "với mục tiêu min_state_spend, mỗi hệ số đạt các mục tiêu với ít ngân sách nhà nước nhất; giới hạn của nhóm, \
         vùng hoặc sản phẩm ưu tiên được cho theo tỷ lệ dự toán nên thay đổi theo từng hệ số, vì vậy số ngân sách đó \
         có thể tăng theo dự toán",
    infeasible_levels: "kế hoạch không khả thi ở hệ số",
    entry_levels: "Hệ số ngân sách tại đó mỗi dự án được cấp kinh phí",
    sweep: "Quét chính sách (ngưỡng tỷ lệ vốn doanh nghiệp)",
    sweep_baseline: "Ngưỡng của kế hoạch (mốc so sánh của mọi điểm)",
    sweep_points: "Các điểm của lưới (dự án vào và ra so với ngưỡng của kế hoạch)",
    sweep_leaving: "Lý do dự án ra tại mỗi điểm (tỷ lệ nhóm thị trường / nhóm chiến lược)",
    robustness: "Độ vững (tối ưu lại trong từng kịch bản mẫu)",
    scenarios_failed: "số kịch bản: {} ({} không có lời giải)",
    class_counts: "lõi (chỉ số >= 0,9): {}, cận biên: {}, ngoài: {}",
    evaluation: "Đánh giá Monte Carlo",
    evaluation_intro: "{} kịch bản; giá trị rủi ro (VaR) và tổn thất kỳ vọng (ES) là của phần ngân sách nhà nước \
                       phải bổ sung.",
    settings: "Thiết lập",
    settings_intro: "Cùng dữ liệu đầu vào với các thiết lập này cho cùng kết quả, bất kể số luồng xử lý.",
    time_limit_caveat: "Trừ khi có giới hạn thời gian: một lần tối ưu lại bị dừng vì hết giờ có thể dừng ở chỗ \
                        khác trên máy bận hơn.",
};

/// Fills the `{}` of a label in order.
pub(super) fn fill(template: &str, values: &[String]) -> String {
    let mut parts = template.split("{}");
    let mut out = parts.next().unwrap_or_default().to_string();
    for (part, value) in parts.zip(values.iter().map(String::as_str).chain(std::iter::repeat(""))) {
        out.push_str(value);
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled_in_order() {
        assert_eq!(fill(EN.scenarios_failed, &["7".into(), "1".into()]), "scenarios: 7 (1 without a solution)");
        assert_eq!(fill("{} dự án vào", &["3".into()]), "3 dự án vào");
        assert_eq!(fill("no slot", &[]), "no slot");
    }

    #[test]
    fn every_study_column_has_vietnamese_words() {
        let others = [
            "scenario",
            "level",
            "market_min_enterprise_share",
            "strategic_min_enterprise_share",
            "entering",
            "leaving",
            "released",
            "id",
            "entry_level",
            "entry_budget",
            "stable_from_level",
            "core_index",
            "class",
            "baseline_funded",
            "value",
            "figure",
            "setting",
        ];
        let columns = super::super::studies::KPI_COLUMNS.into_iter().chain(others);
        for c in columns {
            assert_ne!(Language::Vi.study_column(c), c);
            assert_eq!(Language::En.study_column(c), c);
        }
    }

    #[test]
    fn evaluation_figures_name_the_quantile_and_the_group() {
        let catalog = Catalog::default();
        assert_eq!(Language::Vi.evaluation_figure("value_p05", &catalog), "giá trị thực hiện, phân vị 5%");
        assert!(Language::Vi.evaluation_figure("group_success:semiconductors", &catalog).ends_with("chip bán dẫn"));
        for figure in
            ["scenarios", "value_mean", "value_expected", "extra_state_mean", "extra_state_var", "extra_state_es"]
        {
            assert!(!Language::Vi.evaluation_figure(figure, &catalog).contains('_'), "{figure}");
        }
    }
}
