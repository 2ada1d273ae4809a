//! Writing results: studies and allocations in JSON, CSV, Markdown or HTML, to a file or standard
//! output, validation reports and the catalog, and the progress bar of long runs.

use std::path::Path;
use std::process::ExitCode;

use stratfund::report::Language;
use stratfund::{
    io, report, stats, Allocation, Catalog, Control, Error, ParseError, Plan, Portfolio, ValidationReport,
};

use crate::args::{Format, OutFormat, Output};

impl Output {
    /// Writes a study in the asked format: to --out (then says so), or Markdown on standard output.
    /// HTML is the Markdown report (written in --lang) as a standalone page.
    pub fn write(&self, render: impl Fn(OutFormat) -> Result<String, Error>) -> Result<ExitCode, Error> {
        self.write_with_figures(render, |_| Vec::new())
    }

    /// [`Output::write`], the HTML page with the `figures` (inline SVG charts, drawn in --lang only
    /// when the page is written) after its first table.
    pub fn write_with_figures(
        &self,
        render: impl Fn(OutFormat) -> Result<String, Error>,
        figures: impl Fn(Language) -> Vec<String>,
    ) -> Result<ExitCode, Error> {
        let render = |format| match format {
            OutFormat::Html => {
                Ok(report::html_page_with_figures(&render(OutFormat::Md)?, self.lang, &figures(self.lang)))
            }
            other => render(other),
        };
        match &self.out {
            None => {
                let format = self.format.unwrap_or(OutFormat::Md);
                note_untranslated(self.lang, Some(format));
                say_raw!("{}", render(format)?)
            }
            Some(path) => {
                let format = out_format(path, self.format)?;
                note_untranslated(self.lang, Some(format));
                io::write_text(path, &render(format)?)?;
                say!("wrote {}", path.display());
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// `--lang` translates the reports and `solve`'s summary, not CSV or JSON (the field names of the
/// file formats): asked for with one of those, a note on standard error says so rather than drop
/// it silently.
fn note_untranslated(lang: Language, format: Option<OutFormat>) {
    let what = match format {
        Some(OutFormat::Csv) => "CSV",
        Some(OutFormat::Json) => "JSON",
        _ => return,
    };
    if lang != Language::En {
        eprintln!(
            "note: --lang {lang} translates the Markdown and HTML reports (--format md or html) and the summary; \
             {what} keeps the field names of the file formats"
        );
    }
}

/// The format to write `path` in: `--format` when given, else the one its extension names
/// (`.json`, `.csv`, `.md`, `.html`), JSON without an extension; another extension is an error
/// (writing JSON into `result.xlsx` would mislead whoever opens it).
pub fn out_format(path: &Path, format: Option<OutFormat>) -> Result<OutFormat, Error> {
    if let Some(format) = format {
        return Ok(format);
    }
    match io::extension(path).as_str() {
        "csv" => Ok(OutFormat::Csv),
        "md" | "markdown" => Ok(OutFormat::Md),
        "html" | "htm" => Ok(OutFormat::Html),
        "json" | "" => Ok(OutFormat::Json),
        other => Err(Error::usage(format!(
            "--out {}: no output format has the extension `.{other}`; use .json, .csv, .md or .html, or give --format",
            path.display()
        ))),
    }
}

/// How an allocation report is written: group names from the catalog, labels in a language.
pub struct Report<'a> {
    pub catalog: &'a Catalog,
    pub lang: Language,
}

impl Report<'_> {
    fn render(&self, allocation: &Allocation, format: OutFormat) -> Result<String, Error> {
        Ok(match format {
            OutFormat::Json => io::json::to_string_pretty(allocation)?,
            OutFormat::Csv => report::projects_csv(allocation)?,
            OutFormat::Md => report::markdown_in(allocation, self.catalog, self.lang),
            OutFormat::Html => {
                let figures: Vec<String> = report::allocation_chart(allocation, self.lang).into_iter().collect();
                report::html_page_with_figures(&self.render(allocation, OutFormat::Md)?, self.lang, &figures)
            }
        })
    }
}

/// Writes an allocation to `out` in `format` (then prints its summary), or to standard output
/// (its summary, unless a format is asked).
pub fn write_allocation(
    allocation: &Allocation,
    out: Option<&Path>,
    format: Option<OutFormat>,
    how: &Report<'_>,
) -> Result<(), Error> {
    let Some(path) = out else {
        note_untranslated(how.lang, format);
        match format {
            None => say_raw!("{}", report::summary_in(allocation, how.lang)),
            Some(format) => say_raw!("{}", how.render(allocation, format)?),
        }
        return Ok(());
    };
    let format = out_format(path, format)?;
    note_untranslated(how.lang, Some(format));
    let text = how.render(allocation, format)?;
    io::write_text(path, &text)?;
    say_raw!("{}", report::summary_in(allocation, how.lang));
    say!("\nwrote {}", path.display());
    Ok(())
}

/// Runs a long study with a progress bar on standard error (hidden when it is not a terminal),
/// advanced by the study's ticks and cleared when it ends, whether it succeeds or fails.
pub fn with_progress<T>(
    steps: usize,
    what: &str,
    study: impl FnOnce(Control<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
    let bar = indicatif::ProgressBar::new(steps as u64);
    let style = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed}, eta {eta})")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style.progress_chars("=> "));
    bar.set_message(what.to_string());
    let tick = |n: usize| bar.inc(n as u64);
    let result = study(Control { tick: &tick, ..Control::default() });
    bar.finish_and_clear();
    result
}

/// Prints a validation report: every problem, or the portfolio's figures and the ineligible projects.
/// Prints what `validate` found unreadable in its inputs, as it prints problems: a list, or in JSON
/// a report whose `problems` are the parse errors (file, line, column, project, field, rule,
/// message) and whose `ineligible` is empty, since eligibility needs readable inputs.
pub fn print_unreadable(errors: &[ParseError], format: Format) -> Result<(), Error> {
    if format == Format::Json {
        let report = serde_json::json!({ "problems": errors, "ineligible": [] });
        say_raw!("{}", io::json::to_string_pretty(&report)?);
        return Ok(());
    }
    say!("{} reading the inputs:", report::counted(errors.len(), "problem"));
    for error in errors {
        say!("  - {error}");
    }
    Ok(())
}

pub fn print_report(
    portfolio: &Portfolio,
    plan: &Plan,
    report: &ValidationReport,
    format: Format,
) -> Result<(), Error> {
    if format == Format::Json {
        say_raw!("{}", io::json::to_string_pretty(report)?);
        return Ok(());
    }
    if report.is_ok() {
        say!(
            "inputs are valid: {} projects, plan years {:?}, total state budget {:.1} {}",
            portfolio.projects.len(),
            plan.years,
            plan.total_budget(),
            portfolio.currency_unit
        );
        let summary = stats::portfolio_stats(portfolio, report);
        say_raw!("{}", stats::render_stats(&summary, &portfolio.currency_unit));
        for i in &report.ineligible {
            say!("  ineligible {}: {} ({})", i.id, i.rule, i.detail);
        }
    } else {
        say!("{}:", stratfund::report::counted(report.problems.len(), "problem"));
        for problem in &report.problems {
            say!("  - {problem}");
        }
    }
    Ok(())
}

/// Prints the notes on the inputs (allowed, probably not meant) on standard error.
pub fn print_notes(notes: &[stratfund::Problem]) {
    for note in notes {
        eprintln!("note: {note}");
    }
}

/// Prints the catalog's groups and product lines.
pub fn print_catalog(catalog: &Catalog, format: Format) -> Result<(), Error> {
    if format == Format::Json {
        say_raw!("{}", io::json::to_string_pretty(catalog)?);
        return Ok(());
    }
    say!("catalog {} — {} (issued {})", catalog.id, catalog.act, catalog.issued.as_deref().unwrap_or("?"));
    for g in &catalog.groups {
        say!("{:<22} [{:?}] {} / {}", g.code, g.status, g.name_en, g.name_vi);
        for p in &g.products {
            let flag = if p.priority { " *priority*" } else { "" };
            say!("    {:<28} [{:?}] {}{flag}", p.code, p.status, p.name_en);
        }
    }
    Ok(())
}
