//! The words of the monitoring and re-plan reports in each [`Language`]. In English the column
//! names are the files' field names, so a report reads like its CSV.

use super::Language;

/// The fixed words of the monitoring and re-plan reports in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitoringLabels {
    /// Title of a monitoring report (followed by the period and the currency unit).
    pub monitoring_as_of: &'static str,
    /// Said when no period has been reported.
    pub no_report_yet: &'static str,
    /// Columns of the KPI table: scope, name, then the KPIs of [`super::monitor_table`].
    pub kpi_columns: [&'static str; 17],
    /// Heading of the money by house.
    pub money_by_house: &'static str,
    /// Columns of the money by house.
    pub house_columns: [&'static str; 8],
    /// Heading of the late and stalled projects.
    pub late_and_stalled: &'static str,
    /// Heading of the projects disbursed above the state money allocated to them.
    pub over_disbursed: &'static str,
    /// Columns of [`super::monitor_projects_table`].
    pub project_columns: [&'static str; 11],
    /// Title of a re-plan report (followed by the year).
    pub replan_from: &'static str,
    /// "Sunk (state money disbursed)".
    pub sunk: &'static str,
    /// Columns of the budget by year of a re-plan.
    pub year_columns: [&'static str; 4],
    /// Heading of the projects funded so far.
    pub funded_so_far: &'static str,
    /// Columns of [`super::replan_table`].
    pub replan_columns: [&'static str; 10],
    /// Heading of the newly funded proposals.
    pub newly_funded: &'static str,
    /// "excluded" (a project left out of the re-plan).
    pub excluded: &'static str,
    /// Heading of the re-planned allocation.
    pub replanned_allocation: &'static str,
}

impl Language {
    /// The words of the monitoring and re-plan reports.
    pub fn monitoring(self) -> &'static MonitoringLabels {
        match self {
            Language::En => &EN,
            Language::Vi => &VI,
        }
    }

    /// A code that fills a cell of the monitoring and re-plan reports (a milestone status, a
    /// timing, a re-plan action, a house, a scope, `true`/`false`) in words; in English, and for
    /// any other text, the code itself.
    ///
    /// ```
    /// use stratfund::report::Language;
    /// assert_eq!(Language::Vi.word("stalled"), "đình trệ");
    /// assert_eq!(Language::En.word("stalled"), "stalled");
    /// assert_eq!(Language::Vi.word("P-0001"), "P-0001");
    /// ```
    pub fn word(self, code: &str) -> String {
        if self == Language::En {
            return code.to_string();
        }
        let l = self.labels();
        match code {
            "not_started" => "chưa triển khai",
            "on_track" => "đúng tiến độ",
            "late" => "chậm tiến độ",
            "stalled" => "đình trệ",
            "completed" => "đã hoàn thành",
            "on_time" => "đúng hạn",
            "open" => "chưa hoàn thành",
            "continue" => "tiếp tục",
            "cut" => "dừng",
            "compete" => "xét lại cùng đề xuất mới",
            "done" => "đã xong",
            "state" => l.state,
            "enterprise" => l.enterprise,
            "academia" => l.academia,
            "overall" => "toàn bộ",
            "group" => "nhóm",
            "region" => "vùng",
            "true" => l.yes,
            "false" => l.no,
            other => other,
        }
        .to_string()
    }
}

const EN: MonitoringLabels = MonitoringLabels {
    monitoring_as_of: "Monitoring as of",
    no_report_yet: "no report yet",
    kpi_columns: [
        "scope",
        "name",
        "funded",
        "allocated",
        "planned_to_date",
        "disbursed",
        "disbursement_rate",
        "disbursement_vs_schedule",
        "completed_on_time",
        "completed_late",
        "in_progress",
        "on_track",
        "late",
        "stalled",
        "not_started",
        "unreported",
        "over_disbursed",
    ],
    money_by_house: "Money by house",
    house_columns: [
        "house",
        "committed",
        "disbursed",
        "in_completed",
        "in_on_track",
        "in_late",
        "in_stalled",
        "in_not_started",
    ],
    late_and_stalled: "Late and stalled projects",
    over_disbursed: "Projects disbursed above their allocation",
    project_columns: [
        "id",
        "group",
        "region",
        "status",
        "last_period",
        "allocated",
        "planned_to_date",
        "disbursed",
        "due_date",
        "completed_date",
        "timing",
    ],
    replan_from: "Re-plan from",
    sunk: "Sunk (state money disbursed)",
    year_columns: ["year", "budget", "disbursed", "replan_budget"],
    funded_so_far: "Projects funded so far",
    replan_columns: [
        "id",
        "status",
        "action",
        "allocated",
        "disbursed",
        "remaining_state",
        "remaining_cost",
        "replan_funded",
        "replan_state",
        "replan_reason",
    ],
    newly_funded: "Newly funded proposals",
    excluded: "excluded",
    replanned_allocation: "Re-planned allocation",
};

const VI: MonitoringLabels = MonitoringLabels {
    monitoring_as_of: "Theo dõi thực hiện đến kỳ",
    no_report_yet: "chưa có báo cáo",
    kpi_columns: [
        "phạm vi",
        "tên",
        "số dự án được cấp",
        "ngân sách được phân bổ",
        "kế hoạch giải ngân đến kỳ",
        "đã giải ngân",
        "tỷ lệ giải ngân",
        "giải ngân so với kế hoạch",
        "hoàn thành đúng hạn",
        "hoàn thành trễ hạn",
        "đang thực hiện",
        "đúng tiến độ",
        "chậm tiến độ",
        "đình trệ",
        "chưa triển khai",
        "chưa báo cáo",
        "giải ngân vượt phân bổ",
    ],
    money_by_house: "Kinh phí theo ba nhà",
    house_columns: [
        "nguồn",
        "cam kết",
        "đã giải ngân",
        "trong dự án đã hoàn thành",
        "trong dự án đúng tiến độ",
        "trong dự án chậm tiến độ",
        "trong dự án đình trệ",
        "trong dự án chưa triển khai",
    ],
    late_and_stalled: "Dự án chậm tiến độ và đình trệ",
    over_disbursed: "Dự án giải ngân vượt mức được phân bổ",
    project_columns: [
        "mã",
        "nhóm",
        "vùng",
        "trạng thái",
        "kỳ báo cáo gần nhất",
        "ngân sách được phân bổ",
        "kế hoạch giải ngân đến kỳ",
        "đã giải ngân",
        "hạn hoàn thành",
        "ngày hoàn thành",
        "thời hạn",
    ],
    replan_from: "Điều chỉnh kế hoạch từ năm",
    sunk: "Đã chi (ngân sách nhà nước đã giải ngân)",
    year_columns: ["năm", "dự toán", "đã giải ngân", "dự toán điều chỉnh"],
    funded_so_far: "Dự án đã được cấp kinh phí",
    replan_columns: [
        "mã",
        "trạng thái",
        "xử lý",
        "ngân sách được phân bổ",
        "đã giải ngân",
        "ngân sách còn lại",
        "kinh phí còn lại",
        "được cấp sau điều chỉnh",
        "ngân sách sau điều chỉnh",
        "lý do",
    ],
    newly_funded: "Đề xuất mới được cấp kinh phí",
    excluded: "loại",
    replanned_allocation: "Phân bổ sau điều chỉnh",
};
