//! The plain-text summary of an allocation that the command line prints: status, objective,
//! totals, the money of each house by group and by region, the state money by year, shadow prices
//! and the unfunded projects by reason, in English or Vietnamese.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{column, fixed, ineligible_counts, opt, Language};
use crate::optimize::{Allocation, HouseTotals};

/// The summary's own words (short, for a terminal's columns).
struct Words {
    status: &'static str,
    objective: &'static str,
    gap: &'static str,
    solved_in: &'static str,
    funded: &'static str,
    of: &'static str,
    projects: &'static str,
    state: &'static str,
    enterprise: &'static str,
    academia: &'static str,
    leverage: &'static str,
    expected_value: &'static str,
    infeasible: &'static str,
    /// Column headers of the table by group: group, funded, state, enterprise, academia, value.
    group_columns: [&'static str; 6],
    /// Header of the first column of the table by region.
    region: &'static str,
    total: &'static str,
    /// Column headers of the table by year: year, budget, available, state.
    year_columns: [&'static str; 4],
    shadow_prices: &'static str,
    unfunded_by_reason: &'static str,
}

const EN: Words = Words {
    status: "status",
    objective: "objective",
    gap: "gap",
    solved_in: "solved in",
    funded: "funded",
    of: "of",
    projects: "projects",
    state: "state",
    enterprise: "enterprise",
    academia: "academia",
    leverage: "leverage",
    expected_value: "expected value",
    infeasible: "the plan is infeasible; the smallest relaxation that makes it feasible:",
    group_columns: ["group", "funded", "state", "enterprise", "academia", "exp. value"],
    region: "region",
    total: "TOTAL",
    year_columns: ["year", "budget", "available", "state"],
    shadow_prices: "shadow prices (LP relaxation, objective per unit):",
    unfunded_by_reason: "unfunded by reason:",
};

/// NSNN (ngân sách nhà nước) and DN (doanh nghiệp) are the usual abbreviations of the state
/// budget and enterprises in Vietnamese budget tables.
const VI: Words = Words {
    status: "trạng thái",
    objective: "mục tiêu",
    gap: "sai số tối ưu",
    solved_in: "thời gian giải",
    funded: "được cấp kinh phí",
    of: "trên",
    projects: "dự án",
    state: "ngân sách nhà nước",
    enterprise: "doanh nghiệp",
    academia: "viện, trường",
    leverage: "hệ số huy động",
    expected_value: "giá trị kỳ vọng",
    infeasible: "kế hoạch không khả thi; mức nới lỏng nhỏ nhất để kế hoạch khả thi:",
    group_columns: ["nhóm", "số DA", "NSNN", "DN", "viện, trường", "GT kỳ vọng"],
    region: "vùng",
    total: "TỔNG",
    year_columns: ["năm", "dự toán", "khả dụng", "NSNN"],
    shadow_prices: "giá bóng (bài toán nới lỏng LP, mức tăng mục tiêu trên mỗi đơn vị):",
    unfunded_by_reason: "dự án không được cấp kinh phí, theo mã lý do:",
};

/// A plain-text summary: status, objective, totals, and tables by group, by region (when projects
/// name regions) and by year.
///
/// ```
/// # use stratfund::{demo, report, solve};
/// let config = demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.4)).unwrap();
/// assert!(report::summary(&allocation).contains("TOTAL"));
/// ```
pub fn summary(a: &Allocation) -> String {
    summary_in(a, Language::En)
}

/// [`summary`] in `language`: in Vietnamese the words, the status, the objective and the
/// infeasibility explanation's actions are translated (reason codes, ids and the currency unit
/// stay as they are).
///
/// ```
/// # use stratfund::{demo, report, solve};
/// use stratfund::report::Language;
/// let config = demo::DemoConfig { projects: 40, ..Default::default() };
/// let portfolio = demo::generate_portfolio(&config);
/// let allocation = solve(&portfolio, &demo::generate_plan(&portfolio, &config, 0.4)).unwrap();
/// let vi = report::summary_in(&allocation, Language::Vi);
/// assert!(vi.starts_with("trạng thái tối ưu") && vi.contains("TỔNG"));
/// assert_eq!(report::summary_in(&allocation, Language::En), report::summary(&allocation));
/// ```
pub fn summary_in(a: &Allocation, language: Language) -> String {
    let words = if language == Language::Vi { &VI } else { &EN };
    let mut out = String::new();
    header(a, language, words, &mut out);
    tables(a, words, &mut out);
    if !a.shadow_prices.is_empty() {
        let _ = writeln!(out, "\n{}", words.shadow_prices);
        let width = a.shadow_prices.keys().map(|label| label.chars().count()).max().unwrap_or(0).max(32);
        for (label, price) in &a.shadow_prices {
            let _ = writeln!(out, "  {label:<width$} {:>10}", column(*price, 4, 10));
        }
    }
    let mut reasons = std::collections::BTreeMap::<&str, usize>::new();
    for p in a.projects.iter().filter_map(|p| p.reason.as_deref()) {
        *reasons.entry(p.split(':').next().unwrap_or(p)).or_default() += 1;
    }
    if !reasons.is_empty() {
        let list: Vec<String> = reasons.iter().map(|(r, n)| format!("{r}={n}")).collect();
        let _ = writeln!(out, "\n{} {}", words.unfunded_by_reason, list.join(" "));
    }
    out
}

/// The status line, the totals line and, for an infeasible plan, its explanation.
fn header(a: &Allocation, language: Language, w: &Words, out: &mut String) {
    let english = language == Language::En;
    let status = if english { a.status.as_str().to_string() } else { language.status(a.status.as_str()) };
    let kind = if english { a.objective_kind.clone() } else { language.objective(&a.objective_kind) };
    let gap = a.gap.map_or_else(|| "-".to_string(), |g| format!("{:.4}%", g * 100.0));
    let _ = writeln!(
        out,
        "{} {status}  {} ({kind}) {}  {} {gap}  {} {:.2} s",
        w.status,
        w.objective,
        opt(a.objective),
        w.gap,
        w.solved_in,
        a.solve_seconds
    );
    if a.relaxed {
        let _ = writeln!(out, "{}", language.labels().relaxed_note);
    }
    let t = &a.totals;
    let _ = writeln!(
        out,
        "{} {} {} {} {} ({}); {} {}, {} {}, {} {} {}; {} {}; {} {}",
        w.funded,
        t.funded,
        w.of,
        a.projects.len(),
        w.projects,
        ineligible_counts(a, language.labels()),
        w.state,
        fixed(t.state, 1),
        w.enterprise,
        fixed(t.enterprise, 1),
        w.academia,
        fixed(t.academia, 1),
        a.currency_unit,
        w.leverage,
        opt(t.leverage),
        w.expected_value,
        fixed(t.expected_value, 1)
    );
    if let Some(explanation) = &a.explanation {
        let _ = writeln!(out, "{}", w.infeasible);
        for r in explanation {
            let _ = writeln!(out, "  - {}: {}", r.constraint, language.relaxation(r));
        }
    }
}

/// The money of each house by group (with a total row), by region (when projects name regions)
/// and the state money by year; each column as wide as its figures (10 characters) or its header,
/// whichever is wider.
fn tables(a: &Allocation, w: &Words, out: &mut String) {
    let t = &a.totals;
    let total = HouseTotals {
        state: t.state,
        enterprise: t.enterprise,
        academia: t.academia,
        funded: t.funded,
        expected_value: t.expected_value,
    };
    house_table(w, w.group_columns[0], &a.by_group, Some(&total), out);
    if !a.by_region.is_empty() {
        house_table(w, w.region, &a.by_region, None, out);
    }
    year_table(a, w, out);
}

/// The money of each house by group or region, under `first` (the first column's header), with
/// a total row when given.
fn house_table(
    w: &Words,
    first: &str,
    rows: &BTreeMap<String, HouseTotals>,
    total: Option<&HouseTotals>,
    out: &mut String,
) {
    let widths = w.group_columns.map(|h| h.chars().count().max(10));
    let funded = w.group_columns[1];
    let name_width = first.chars().count().max(22);
    let funded_width = funded.chars().count().max(6);
    let _ = write!(out, "\n{first:<name_width$} {funded:>funded_width$}");
    for (header, width) in w.group_columns[2..].iter().zip(&widths[2..]) {
        let _ = write!(out, " {header:>width$}");
    }
    out.push('\n');
    let row = |name: &str, g: &HouseTotals| {
        let mut line = format!("{name:<name_width$} {:>funded_width$}", g.funded);
        for (x, width) in [g.state, g.enterprise, g.academia, g.expected_value].iter().zip(&widths[2..]) {
            let _ = write!(line, " {:>width$}", column(*x, 1, *width));
        }
        line + "\n"
    };
    for (name, g) in rows {
        out.push_str(&row(name, g));
    }
    if let Some(total) = total {
        out.push_str(&row(w.total, total));
    }
}

/// The budget, available money and state money of each year.
fn year_table(a: &Allocation, w: &Words, out: &mut String) {
    let widths = w.year_columns.map(|h| h.chars().count().max(10));
    let [year, ..] = w.year_columns;
    let year_width = year.chars().count().max(6);
    let _ = write!(out, "\n{year:<year_width$}");
    for (header, width) in w.year_columns[1..].iter().zip(&widths[1..]) {
        let _ = write!(out, " {header:>width$}");
    }
    out.push('\n');
    for (y, figures) in &a.by_year {
        let _ = write!(out, "{:<year_width$}", y.to_string());
        for (x, width) in [figures.budget, figures.available, figures.state].iter().zip(&widths[1..]) {
            let _ = write!(out, " {:>width$}", column(*x, 1, *width));
        }
        out.push('\n');
    }
}
