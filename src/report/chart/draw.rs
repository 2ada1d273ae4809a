//! Drawing the charts: axes with round ticks, lines, stacked and single bars, legends, and text
//! escaped for SVG.

use std::fmt::Write as _;

use crate::optimize::HouseTotals;
use crate::report::Language;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 360.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 56.0;
const BOTTOM: f64 = 100.0;
/// The longest category name shown whole under a bar (longer ones end in `…`, the full name in
/// their tooltip).
const SHOWN_CHARS: usize = 24;
/// Above this many bars, their names are written upright and smaller.
const CROWDED: usize = 20;
/// The colour of each house, as in the Python plots.
pub(super) const HOUSES: [(&str, &str); 3] = [("state", "#c0392b"), ("enterprise", "#2471a3"), ("academia", "#239b56")];

/// All the money of some totals, the three houses together.
pub(super) fn money(t: &HouseTotals) -> f64 {
    t.state + t.enterprise + t.academia
}

/// The most points a line chart marks with a dot (beyond, the line alone).
const MOST_DOTS: usize = 200;

/// A line through `points` (x ascending) with a dot at each (up to 200 points).
pub(super) fn line_chart(title: &str, x_label: &str, y_label: &str, points: &[(f64, f64)]) -> String {
    let x = Axis::new(points.iter().map(|p| p.0), LEFT, WIDTH - RIGHT);
    let y = Axis::new(points.iter().map(|p| p.1).chain([0.0]), HEIGHT - BOTTOM, TOP);
    let mut svg = open(title);
    x.draw_horizontal(&mut svg, x_label);
    y.draw_vertical(&mut svg, y_label);
    let path: Vec<String> = points.iter().map(|&(a, b)| format!("{:.1},{:.1}", x.at(a), y.at(b))).collect();
    let _ = write!(svg, r##"<polyline fill="none" stroke="#c0392b" stroke-width="2" points="{}"/>"##, path.join(" "));
    for &(a, b) in points.iter().take_while(|_| points.len() <= MOST_DOTS) {
        let _ = write!(svg, r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="#c0392b"/>"##, x.at(a), y.at(b));
    }
    svg + "</svg>"
}

/// The bars of a chart: a name and the money by house of each, and for some (scenarios) the
/// status that leaves them without a bar.
pub(super) struct Bars<'a> {
    pub(super) names: &'a [String],
    pub(super) totals: &'a [&'a HouseTotals],
    /// Empty, or one entry per bar.
    pub(super) unsolved: &'a [Option<String>],
}

/// One bar per category, the houses stacked, with a legend.
pub(super) fn stacked_bars(title: &str, y_label: &str, bars: &Bars<'_>, lang: Language) -> String {
    let y = Axis::new(bars.totals.iter().map(|t| money(t)).chain([0.0]), HEIGHT - BOTTOM, TOP);
    let mut svg = open(title);
    y.draw_vertical(&mut svg, y_label);
    let slot = (WIDTH - RIGHT - LEFT) / bars.names.len().max(1) as f64;
    for (k, (name, t)) in bars.names.iter().zip(bars.totals).enumerate() {
        let left = LEFT + slot * k as f64 + slot * 0.15;
        let mut base = 0.0;
        for ((_, colour), amount) in HOUSES.iter().zip([t.state, t.enterprise, t.academia]) {
            bar(&mut svg, left, slot * 0.7, (y.at(base + amount), y.at(base)), colour);
            base += amount;
        }
        if bars.names.len() <= MOST_NAMED_BARS {
            category_name(&mut svg, name, left + slot * 0.35, bars.names.len() > CROWDED);
        }
        if let Some(Some(status)) = bars.unsolved.get(k) {
            let (x, base) = (left + slot * 0.35, HEIGHT - BOTTOM - 8.0);
            let _ = write!(
                svg,
                r##"<text x="{x:.1}" y="{base:.1}" font-size="12" fill="#5d6d7e" text-anchor="middle">({})</text>"##,
                escape(status)
            );
        }
    }
    let keys: Vec<(String, &str)> = HOUSES.iter().map(|(house, colour)| (lang.study_column(house), *colour)).collect();
    legend(&mut svg, &keys);
    svg + "</svg>"
}

/// A bar from `left`, `width` wide, between the pixel heights `top` and `bottom`.
fn bar(svg: &mut String, left: f64, width: f64, (top, bottom): (f64, f64), colour: &str) {
    let _ = write!(
        svg,
        r#"<rect x="{left:.1}" y="{top:.1}" width="{width:.1}" height="{:.1}" fill="{colour}"/>"#,
        bottom - top
    );
}

/// A category's name under its bar, slanted (upright and smaller when the bars are `crowded`),
/// shortened when long (the full name as a tooltip).
fn category_name(svg: &mut String, name: &str, x: f64, crowded: bool) {
    let y = HEIGHT - BOTTOM + 12.0;
    let shown: String = if name.chars().count() > SHOWN_CHARS {
        name.chars().take(SHOWN_CHARS - 1).chain(['…']).collect()
    } else {
        name.to_string()
    };
    let (size, angle) = if crowded { (8, -90) } else { (11, -35) };
    let _ = write!(
        svg,
        r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}" text-anchor="end" transform="rotate({angle} {x:.1} {y:.1})"><title>{}</title>{}</text>"#,
        escape(name),
        escape(&shown)
    );
}

/// The most bars whose names a chart writes under them.
const MOST_NAMED_BARS: usize = 60;

/// An open chart of one bar per (name, share from 0 to 1, colour), with a dashed line at
/// `threshold`; the caller adds a legend and closes it.
pub(super) fn share_bars(title: &str, y_label: &str, bars: &[(&str, f64, &str)], threshold: Option<f64>) -> String {
    let y = Axis::new([0.0, 1.0].into_iter(), HEIGHT - BOTTOM, TOP);
    let mut svg = open(title);
    y.draw_vertical(&mut svg, y_label);
    let slot = (WIDTH - RIGHT - LEFT) / bars.len().max(1) as f64;
    for (k, &(name, share, colour)) in bars.iter().enumerate() {
        let left = LEFT + slot * k as f64 + slot * 0.15;
        bar(&mut svg, left, slot * 0.7, (y.at(share), y.at(0.0)), colour);
        if bars.len() <= MOST_NAMED_BARS {
            category_name(&mut svg, name, left + slot * 0.35, bars.len() > CROWDED);
        }
    }
    if let Some(threshold) = threshold.map(|t| y.at(t)) {
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" x2="{}" y1="{threshold:.1}" y2="{threshold:.1}" stroke="#1d2430" stroke-dasharray="5 4"/>"##,
            WIDTH - RIGHT
        );
    }
    svg
}

/// The colours' meanings, in a row under the title.
pub(super) fn legend(svg: &mut String, keys: &[(String, &str)]) {
    let mut x = LEFT;
    for (label, colour) in keys {
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{}" width="12" height="12" fill="{colour}"/><text x="{:.1}" y="{}" font-size="12">{}</text>"#,
            TOP - 26.0,
            x + 16.0,
            TOP - 16.0,
            escape(label)
        );
        x += 40.0 + 7.0 * label.chars().count() as f64;
    }
}

/// The opening of a chart: its size, accessible title and visible heading.
fn open(title: &str) -> String {
    let title = escape(title);
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" font-family="system-ui,sans-serif"><title>{title}</title><text x="{LEFT}" y="18" font-size="14" font-weight="bold">{title}</text>"#
    )
}

/// A linear axis from the data's range (rounded out to nice ticks) to pixel positions.
struct Axis {
    low: f64,
    high: f64,
    from: f64,
    to: f64,
    ticks: Vec<f64>,
}

impl Axis {
    fn new(values: impl Iterator<Item = f64>, from: f64, to: f64) -> Self {
        let (mut low, mut high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v), h.max(v)));
        if !(low.is_finite() && high.is_finite()) {
            (low, high) = (0.0, 1.0);
        }
        if high - low < 1e-9 {
            high = low + 1.0;
        }
        let step = nice_step((high - low) / 5.0);
        let (low, high) = ((low / step).floor() * step, (high / step).ceil() * step);
        let count = ((high - low) / step).round() as usize;
        let ticks = (0..=count).map(|k| low + step * k as f64).collect();
        Axis { low, high, from, to, ticks }
    }

    fn at(&self, value: f64) -> f64 {
        self.from + (value - self.low) / (self.high - self.low) * (self.to - self.from)
    }

    fn draw_vertical(&self, svg: &mut String, label: &str) {
        for &t in &self.ticks {
            let y = self.at(t);
            let _ = write!(
                svg,
                r##"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#dde3ea"/><text x="{}" y="{:.1}" font-size="11" text-anchor="end">{}</text>"##,
                WIDTH - RIGHT,
                LEFT - 6.0,
                y + 4.0,
                tick_text(t, &self.ticks)
            );
        }
        let middle = (self.from + self.to) / 2.0;
        let _ = write!(
            svg,
            r#"<text x="14" y="{middle:.1}" font-size="12" text-anchor="middle" transform="rotate(-90 14 {middle:.1})">{}</text>"#,
            escape(label)
        );
    }

    fn draw_horizontal(&self, svg: &mut String, label: &str) {
        let base = HEIGHT - BOTTOM;
        for &t in &self.ticks {
            let x = self.at(t);
            let _ = write!(
                svg,
                r##"<line x1="{x:.1}" x2="{x:.1}" y1="{TOP}" y2="{base}" stroke="#dde3ea"/><text x="{x:.1}" y="{}" font-size="11" text-anchor="middle">{}</text>"##,
                base + 16.0,
                tick_text(t, &self.ticks)
            );
        }
        let middle = (self.from + self.to) / 2.0;
        let _ = write!(
            svg,
            r#"<text x="{middle:.1}" y="{}" font-size="12" text-anchor="middle">{}</text>"#,
            base + 40.0,
            escape(label)
        );
    }
}

/// 1, 2 or 5 times a power of ten, at least `rough`.
fn nice_step(rough: f64) -> f64 {
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|s| *s >= rough).unwrap_or(10.0 * power)
}

/// A tick's value with as many decimals as the step between ticks needs; from a million on (money
/// in VND) and below a thousandth, in powers of ten common to the axis (`1.5e12`), so that the
/// label stays as narrow as the axis's margin.
fn tick_text(value: f64, ticks: &[f64]) -> String {
    let step = ticks.get(1).map_or(1.0, |second| second - ticks[0]);
    let decimals = |step: f64| if step >= 1.0 { 0 } else { (-step.log10()).ceil() as usize };
    let largest = ticks.iter().fold(0.0_f64, |m, t| m.max(t.abs()));
    if largest >= 1e6 || (largest > 0.0 && largest < 1e-3) {
        if value == 0.0 {
            return "0".to_string();
        }
        let power = largest.log10().floor() as i32;
        let unit = 10f64.powi(power);
        let places = decimals(step / unit);
        return format!("{:.places$}e{power}", value / unit);
    }
    let places = decimals(step);
    format!("{value:.places$}")
}

/// Text escaped for SVG (XML).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_data() {
        let axis = Axis::new([3.0, 47.0].into_iter(), 0.0, 100.0);
        assert_eq!(axis.ticks, [0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        assert_eq!((axis.at(0.0), axis.at(50.0)), (0.0, 100.0));
        let small = Axis::new([0.12, 0.18].into_iter(), 0.0, 1.0);
        assert!(small.low <= 0.12 && small.high >= 0.18 && small.ticks.len() <= 6, "{:?}", small.ticks);
        assert_eq!(tick_text(0.1 + 0.02, &[0.1, 0.12]), "0.12", "two decimals for a step of 0.02");
        assert_eq!(tick_text(2500.0, &[0.0, 500.0]), "2500");
        let vnd = [0.0, 5e11, 1e12, 1.5e12, 2e12];
        let texts: Vec<String> = vnd.iter().map(|v| tick_text(*v, &vnd)).collect();
        assert_eq!(texts, ["0", "0.5e12", "1.0e12", "1.5e12", "2.0e12"], "money in VND");
        assert_eq!(tick_text(2e-4, &[0.0, 1e-4, 2e-4]), "2e-4");
        let flat = Axis::new([5.0, 5.0].into_iter(), 0.0, 1.0);
        assert!(flat.low <= 5.0 && flat.high > 5.0);
    }

    /// The numbers of every `name="..."` attribute of the elements `tag`, in order.
    fn attribute(svg: &str, tag: &str, name: &str) -> Vec<f64> {
        let pattern = format!(" {name}=\"");
        svg.split(&format!("<{tag} "))
            .skip(1)
            .map(|element| {
                let element = format!(" {element}");
                let rest = &element[element.find(&pattern).expect("the attribute") + pattern.len()..];
                rest[..rest.find('"').expect("closed")].parse().expect("a number")
            })
            .collect()
    }

    #[test]
    fn the_frontier_dots_rise_with_the_objective_left_to_right() {
        let points = [(100.0, 10.0), (200.0, 30.0), (300.0, 35.0)];
        let svg = line_chart("F", "budget", "objective", &points);
        let (xs, ys) = (attribute(&svg, "circle", "cx"), attribute(&svg, "circle", "cy"));
        assert!(xs.windows(2).all(|w| w[0] < w[1]), "{xs:?}");
        assert!(ys.windows(2).all(|w| w[0] > w[1]), "higher objective, higher on the page: {ys:?}");
        let axis = Axis::new([0.0, 10.0, 35.0].into_iter(), HEIGHT - BOTTOM, TOP);
        assert!((ys[2] - axis.at(35.0)).abs() < 0.06, "{} vs {}", ys[2], axis.at(35.0));
    }

    #[test]
    fn bars_stack_the_houses_and_an_unsolved_scenario_shows_its_status() {
        let t = HouseTotals { state: 10.0, enterprise: 20.0, academia: 5.0, ..Default::default() };
        let none = HouseTotals::default();
        let names = ["baseline".to_string(), "cut".to_string()];
        let unsolved = [None, Some("infeasible".to_string())];
        let bars = Bars { names: &names, totals: &[&t, &none], unsolved: &unsolved };
        let svg = stacked_bars("S", "money", &bars, Language::En);
        let heights = attribute(&svg, "rect", "height");
        let axis = Axis::new([0.0, 35.0].into_iter(), HEIGHT - BOTTOM, TOP);
        let scale = axis.at(0.0) - axis.at(1.0);
        assert!((heights[0] / scale - 10.0).abs() < 0.01 && (heights[1] / scale - 20.0).abs() < 0.01, "{heights:?}");
        assert_eq!(&heights[3..6], [0.0, 0.0, 0.0], "no money, no bar");
        assert!(svg.contains(">(infeasible)</text>") && svg.matches("(infeasible)").count() == 1, "{svg}");
    }

    #[test]
    fn long_names_are_shortened_with_the_full_name_as_tooltip() {
        let mut svg = String::new();
        category_name(&mut svg, "a_scenario_name_much_longer_than_shown", 10.0, false);
        assert!(
            svg.contains("<title>a_scenario_name_much_longer_than_shown</title>a_scenario_name_much_lo…</text>"),
            "{svg}"
        );
    }

    #[test]
    fn a_long_line_has_no_dots_and_many_bars_no_names() {
        let points: Vec<(f64, f64)> = (0..=MOST_DOTS).map(|k| (k as f64, k as f64)).collect();
        assert_eq!(line_chart("F", "x", "y", &points[1..]).matches("<circle").count(), MOST_DOTS);
        assert_eq!(line_chart("F", "x", "y", &points).matches("<circle").count(), 0);
        let t = HouseTotals { state: 1.0, ..Default::default() };
        let names: Vec<String> = (0..=MOST_NAMED_BARS).map(|k| format!("S{k}")).collect();
        let many = Bars { names: &names, totals: &vec![&t; names.len()], unsolved: &[] };
        assert!(!stacked_bars("S", "m", &many, Language::En).contains(">S0</text>"));
        let fewer = Bars { names: &names[1..], totals: &vec![&t; MOST_NAMED_BARS], unsolved: &[] };
        assert!(stacked_bars("S", "m", &fewer, Language::En).contains(">S1</text>"));
    }

    #[test]
    fn names_are_escaped() {
        let t = HouseTotals { state: 1.0, enterprise: 2.0, academia: 0.5, ..Default::default() };
        let bars = Bars { names: &["<x>".to_string()], totals: &[&t], unsolved: &[] };
        let svg = stacked_bars("A & B", "money", &bars, Language::En);
        assert!(svg.contains("A &amp; B") && svg.contains("&lt;x&gt;") && !svg.contains("<x>"), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 3 + 3, "three houses stacked, three in the legend");
    }
}
