//! The `stratfund` command-line tool.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use stratfund::demo::{generate_plan, generate_portfolio, DemoConfig};
use stratfund::report::Language;
use stratfund::{
    io, monitor, report, scenario, simulate, solve, solve_with, stats, validate, Allocation, Catalog, Control, Error,
    Plan, Portfolio, ValidationReport,
};

/// Prints a line to standard output; a closed pipe (`stratfund demo | head`) is not an error.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Prints to standard output without a newline; a closed pipe is not an error.
macro_rules! say_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

/// Optimal three-house co-funding of strategic-technology R&D portfolios.
#[derive(Parser)]
#[command(name = "stratfund", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a portfolio and a plan: print every problem and the ineligible projects.
    Validate {
        #[command(flatten)]
        inputs: Inputs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List the strategic technology groups and product lines.
    Catalog {
        /// Catalog file (default: the compiled-in catalog).
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Generate a synthetic portfolio and plan.
    Generate {
        /// Number of proposals.
        #[arg(long, default_value_t = 300)]
        projects: usize,
        /// Random seed.
        #[arg(long, default_value_t = 57)]
        seed: u64,
        /// Number of plan years, from 2026.
        #[arg(long, default_value_t = 5)]
        years: u32,
        /// Share of the requested state money the budget covers.
        #[arg(long, default_value_t = 0.45)]
        coverage: f64,
        /// Where to write the portfolio (.json or .csv).
        #[arg(long)]
        portfolio: PathBuf,
        /// Where to write the plan (.json or .toml).
        #[arg(long)]
        plan: PathBuf,
    },
    /// Find the optimal co-funded allocation and write it (FORMATS.md allocation JSON, CSV or Markdown).
    Solve {
        #[command(flatten)]
        inputs: Inputs,
        /// Where to write the result (default: a summary on standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Format of the result (default: from the extension of --out, else json).
        #[arg(long, value_enum)]
        format: Option<OutFormat>,
        /// Language of the Markdown and HTML reports: en (English) or vi (Vietnamese).
        #[arg(long, default_value = "en")]
        lang: Language,
        /// Override the plan's time limit (seconds).
        #[arg(long)]
        time_limit: Option<f64>,
        /// Override the plan's relative MIP gap.
        #[arg(long)]
        gap: Option<f64>,
        /// Solve the LP relaxation (fractional funding) instead of the MILP.
        #[arg(long)]
        relaxed: bool,
    },
    /// Solve the baseline and each scenario of a file (JSON/TOML); compare key figures side by side
    /// and list the projects entering and leaving.
    Scenarios {
        #[command(flatten)]
        inputs: Inputs,
        /// Scenario file (.json or .toml, schema stratfund.scenarios/1).
        #[arg(long)]
        scenarios: PathBuf,
        #[command(flatten)]
        output: Output,
    },
    /// Value, funded count, state spend and leverage as the state budget varies, and the level at
    /// which each project enters.
    Frontier {
        #[command(flatten)]
        inputs: Inputs,
        /// Budget levels (multipliers of every year's budget), comma-separated; default: --steps
        /// levels evenly spaced from --from to --to.
        #[arg(long, value_delimiter = ',')]
        levels: Vec<f64>,
        /// Lowest level.
        #[arg(long, default_value_t = 0.1)]
        from: f64,
        /// Highest level.
        #[arg(long, default_value_t = 2.0)]
        to: f64,
        /// Number of levels.
        #[arg(long, default_value_t = 20)]
        steps: usize,
        /// Override the plan's relative MIP gap.
        #[arg(long)]
        gap: Option<f64>,
        #[command(flatten)]
        output: Output,
    },
    /// Solve a grid of enterprise-share thresholds and compare with the plan's own.
    Sweep {
        #[command(flatten)]
        inputs: Inputs,
        /// Market-class minimum enterprise shares, comma-separated (default: the plan's).
        #[arg(long, value_delimiter = ',')]
        market: Vec<f64>,
        /// Strategic-class minimum enterprise shares, comma-separated (default: the plan's).
        #[arg(long, value_delimiter = ',')]
        strategic: Vec<f64>,
        #[command(flatten)]
        output: Output,
    },
    /// Monte Carlo: evaluate an allocation over sampled scenarios, or re-optimise in each one
    /// (robustness: the core index of every project).
    Simulate {
        #[command(flatten)]
        inputs: Inputs,
        /// What to simulate.
        #[arg(long, value_enum, default_value_t = Mode::Evaluate)]
        mode: Mode,
        /// Allocation to evaluate (default: solve the inputs first).
        #[arg(long)]
        allocation: Option<PathBuf>,
        /// Number of scenarios (default: the settings file's, else 10000 for evaluate and 200 for
        /// robustness).
        #[arg(long)]
        scenarios: Option<usize>,
        /// Random seed.
        #[arg(long)]
        seed: Option<u64>,
        /// Uncertainty settings (.json or .toml with the fields of stratfund::simulate::Settings).
        #[arg(long)]
        settings: Option<PathBuf>,
        /// Override the plan's relative MIP gap (robustness).
        #[arg(long)]
        gap: Option<f64>,
        /// With --mode robustness: instead of running, write the portfolio that scenario K
        /// re-optimises (its draws applied) to --out (.json or .csv), to solve or inspect it alone.
        #[arg(long, value_name = "K")]
        draw: Option<usize>,
        #[command(flatten)]
        output: Output,
    },
    /// Write synthetic progress records of an allocation for one year (demo data for `monitor`
    /// and `replan`).
    GenerateProgress {
        /// The allocation (allocation JSON written by `solve`).
        #[arg(long)]
        allocation: PathBuf,
        /// The year reported.
        #[arg(long, default_value_t = 2026)]
        year: i32,
        /// Random seed.
        #[arg(long, default_value_t = 57)]
        seed: u64,
        /// Where to write the records (.csv or .json).
        #[arg(long)]
        out: PathBuf,
    },
    /// Monitoring KPIs of an allocation being carried out: disbursement against the allocation and
    /// its schedule, tasks completed on time, late or in progress, by group, region and house.
    Monitor {
        #[command(flatten)]
        tracking: Tracking,
        /// Reporting period, YYYY or YYYY-Qn (default: the latest period of the records).
        #[arg(long)]
        as_of: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// Re-plan mid-course: disbursed money is sunk, continuing projects keep their remaining
    /// funding, stalled ones are cut (by default), and the remaining budget is re-optimised over
    /// continuing and waiting proposals. CSV output is the re-planned allocation's projects.
    Replan {
        #[command(flatten)]
        tracking: Tracking,
        /// Re-plan policy file (.json or .toml with the fields of stratfund::monitor::ReplanPolicy).
        #[arg(long)]
        policy: Option<PathBuf>,
        /// First year re-planned (default: the policy's, else the year of the latest period
        /// reported, or the next one when that period ends its year).
        #[arg(long)]
        from_year: Option<i32>,
        /// What to do with projects reported `stalled` (default: the policy's, else cut).
        #[arg(long, value_enum)]
        stalled: Option<ActionArg>,
        /// What to do with projects reported `late` (default: the policy's, else continue).
        #[arg(long, value_enum)]
        late: Option<ActionArg>,
        /// Also write the derived proposals (.json or .csv), to solve or inspect them alone (the
        /// result's `excluded` lists the ones kept out: cut, or their exclusive label taken).
        #[arg(long)]
        write_portfolio: Option<PathBuf>,
        /// Also write the derived plan (.json or .toml).
        #[arg(long)]
        write_plan: Option<PathBuf>,
        #[command(flatten)]
        output: Output,
    },
    /// Run the main job on the synthetic demo data and print a summary.
    Demo {
        /// Number of proposals.
        #[arg(long, default_value_t = 300)]
        projects: usize,
        /// Random seed.
        #[arg(long, default_value_t = 57)]
        seed: u64,
    },
}

/// The files every solving command reads.
#[derive(clap::Args)]
struct Inputs {
    /// Portfolio file (.json or .csv).
    #[arg(long)]
    portfolio: PathBuf,
    /// Plan file (.json or .toml).
    #[arg(long)]
    plan: PathBuf,
    /// Catalog file (default: the compiled-in Decision 1131/QD-TTg catalog).
    #[arg(long)]
    catalog: Option<PathBuf>,
}

impl Inputs {
    fn read(&self) -> Result<(Portfolio, Plan, Catalog), Error> {
        let catalog = load_catalog(self.catalog.clone())?;
        Ok((io::read_portfolio(&self.portfolio)?, io::read_plan(&self.plan)?, catalog))
    }
}

/// The files of an allocation being carried out: its inputs, the allocation and its progress.
#[derive(clap::Args)]
struct Tracking {
    #[command(flatten)]
    inputs: Inputs,
    /// The allocation being carried out (allocation JSON written by `solve`).
    #[arg(long)]
    allocation: PathBuf,
    /// Progress records (.csv or .json: project_id, period, disbursed, status, due_date,
    /// completed_date).
    #[arg(long)]
    progress: PathBuf,
}

impl Tracking {
    fn read(&self) -> Result<(Portfolio, Plan, Catalog, Allocation, monitor::Progress), Error> {
        let (portfolio, plan, catalog) = self.inputs.read()?;
        let progress = io::progress::read_progress(&self.progress)?;
        Ok((portfolio, plan, catalog, read_allocation(&self.allocation)?, progress))
    }
}

/// Where and how a study is written.
#[derive(clap::Args)]
struct Output {
    /// Where to write the result (default: Markdown on standard output).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Format of the result (default: from the extension of --out, else json).
    #[arg(long, value_enum)]
    format: Option<OutFormat>,
    /// Language of the Markdown and HTML reports: en (English) or vi (Vietnamese).
    #[arg(long, default_value = "en")]
    lang: Language,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Mode {
    /// Draw outcomes of a fixed allocation: delivered value, extra state money, VaR, ES.
    Evaluate,
    /// Re-optimise in each sampled scenario: core index per project.
    Robustness,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ActionArg {
    /// Keep funding the rest.
    Continue,
    /// Stop funding.
    Cut,
    /// Let the rest compete with the waiting proposals.
    Compete,
}

impl From<ActionArg> for monitor::Action {
    fn from(a: ActionArg) -> Self {
        match a {
            ActionArg::Continue => monitor::Action::Continue,
            ActionArg::Cut => monitor::Action::Cut,
            ActionArg::Compete => monitor::Action::Compete,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutFormat {
    Json,
    Csv,
    /// Markdown
    #[value(alias = "markdown")]
    Md,
    /// A standalone HTML page of the Markdown report
    #[value(alias = "htm")]
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// `simulate --draw K`: writes the portfolio that robustness scenario K re-optimises.
fn write_drawn(
    portfolio: &Portfolio,
    plan: &Plan,
    catalog: &Catalog,
    settings: &simulate::Settings,
    mode: Mode,
    index: usize,
    out: Option<&Path>,
) -> Result<ExitCode, Error> {
    if mode != Mode::Robustness {
        return Err(Error::usage("--draw draws a robustness scenario: use it with --mode robustness"));
    }
    let out = out.ok_or_else(|| Error::usage("--draw needs --out FILE (.json or .csv) for the drawn portfolio"))?;
    let drawn = simulate::scenario_portfolio(portfolio, plan, catalog, settings, index)?;
    io::write_portfolio(&drawn, out)?;
    say!("wrote the portfolio of robustness scenario {index} (seed {}) to {}", settings.seed, out.display());
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Validate { inputs, format } => {
            let (portfolio, plan, catalog) = inputs.read()?;
            let report = validate(&portfolio, &plan, &catalog);
            print_report(&portfolio, &plan, &report, format)?;
            Ok(if report.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Catalog { catalog, format } => {
            print_catalog(&load_catalog(catalog)?, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate { projects, seed, years, coverage, portfolio, plan } => {
            let config = DemoConfig { projects, seed, years, ..DemoConfig::default() };
            let generated = generate_portfolio(&config);
            io::write_portfolio(&generated, &portfolio)?;
            io::write_plan(&generate_plan(&generated, &config, coverage), &plan)?;
            say!("wrote {} synthetic proposals to {} and a plan to {}", projects, portfolio.display(), plan.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Solve { inputs, out, format, lang, time_limit, gap, relaxed } => {
            let (portfolio, mut plan, catalog) = inputs.read()?;
            plan.solver.time_limit_s = time_limit.or(plan.solver.time_limit_s);
            plan.solver.mip_rel_gap = gap.unwrap_or(plan.solver.mip_rel_gap);
            plan.solver.relaxed |= relaxed;
            let allocation = match solve_with(&portfolio, &plan, &catalog) {
                Err(Error::Validation(problems)) => {
                    eprintln!("{} problem(s):", problems.len());
                    problems.iter().for_each(|p| eprintln!("  - {p}"));
                    return Ok(ExitCode::from(1));
                }
                other => other?,
            };
            write_allocation(&allocation, out.as_deref(), format, &Report { catalog: &catalog, lang })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Scenarios { inputs, scenarios, output } => {
            let (portfolio, plan, catalog) = inputs.read()?;
            let set = scenario::read_scenarios(&scenarios)?;
            let comparison = with_progress(set.scenarios.len() + 1, "scenarios", |control| {
                scenario::compare_with(&portfolio, &plan, &catalog, &set.scenarios, control)
            })?;
            output.write(|format| match format {
                OutFormat::Json => io::json::to_string_pretty(&comparison),
                OutFormat::Csv => report::comparison_table(&comparison).to_csv(),
                OutFormat::Md | OutFormat::Html => Ok(report::comparison_markdown_in(&comparison, output.lang)),
            })
        }
        Command::Frontier { inputs, levels, from, to, steps, gap, output } => {
            let (portfolio, mut plan, catalog) = inputs.read()?;
            plan.solver.mip_rel_gap = gap.unwrap_or(plan.solver.mip_rel_gap);
            let levels = if levels.is_empty() { evenly_spaced(from, to, steps)? } else { levels };
            let frontier = with_progress(levels.len(), "frontier levels", |control| {
                scenario::frontier_with(&portfolio, &plan, &catalog, &levels, control)
            })?;
            frontier.notes.iter().for_each(|n| eprintln!("note: {n}"));
            output.write(|format| match format {
                OutFormat::Json => io::json::to_string_pretty(&frontier),
                OutFormat::Csv => report::frontier_table(&frontier).to_csv(),
                OutFormat::Md | OutFormat::Html => Ok(report::frontier_markdown_in(&frontier, output.lang)),
            })
        }
        Command::Sweep { inputs, market, strategic, output } => {
            let (portfolio, plan, catalog) = inputs.read()?;
            let steps = market.len().max(1) * strategic.len().max(1) + 1;
            let points = with_progress(steps, "policy points", |control| {
                scenario::policy_sweep_with(&portfolio, &plan, &catalog, &market, &strategic, control)
            })?;
            output.write(|format| match format {
                OutFormat::Json => io::json::to_string_pretty(&points),
                OutFormat::Csv => report::sweep_table(&points).to_csv(),
                OutFormat::Md | OutFormat::Html => Ok(report::sweep_markdown_in(&points, output.lang)),
            })
        }
        Command::Simulate { inputs, mode, allocation, scenarios, seed, settings, gap, draw, output } => {
            let (portfolio, mut plan, catalog) = inputs.read()?;
            plan.solver.mip_rel_gap = gap.unwrap_or(plan.solver.mip_rel_gap);
            // Scenarios: --scenarios, else the settings file, else 10,000 (evaluate) or 200 (robustness).
            let mut settings = match (&settings, mode) {
                (Some(path), _) => io::read_json_or_toml(path, "simulation settings")?,
                (None, Mode::Evaluate) => simulate::Settings::default(),
                (None, Mode::Robustness) => simulate::Settings { scenarios: 200, ..simulate::Settings::default() },
            };
            settings.scenarios = scenarios.unwrap_or(settings.scenarios);
            settings.seed = seed.unwrap_or(settings.seed);
            if let Some(index) = draw {
                return write_drawn(&portfolio, &plan, &catalog, &settings, mode, index, output.out.as_deref());
            }
            match mode {
                Mode::Evaluate => {
                    let allocation = match allocation {
                        Some(path) => io::json::from_str_located(&io::read_text(&path)?, &path.display().to_string())?,
                        None => solve_with(&portfolio, &plan, &catalog)?,
                    };
                    let evaluation = simulate::evaluate(&portfolio, &allocation, &settings)?;
                    output.write(|format| match format {
                        OutFormat::Json => io::json::to_string_pretty(&evaluation.summary),
                        OutFormat::Csv => report::evaluation_table(&evaluation.summary).to_csv(),
                        OutFormat::Md | OutFormat::Html => {
                            Ok(report::evaluation_markdown_in(&evaluation.summary, &catalog, output.lang))
                        }
                    })
                }
                Mode::Robustness => {
                    let r = with_progress(settings.scenarios, "re-optimised scenarios", |control| {
                        simulate::robustness_range(
                            &portfolio,
                            &plan,
                            &catalog,
                            &settings,
                            0..settings.scenarios,
                            control,
                        )
                    })?;
                    output.write(|format| match format {
                        OutFormat::Json => io::json::to_string_pretty(&RobustnessFile::new(&r, &settings)),
                        OutFormat::Csv => report::robustness_table(&r).to_csv(),
                        OutFormat::Md | OutFormat::Html => Ok(report::robustness_markdown_in(&r, output.lang)),
                    })
                }
            }
        }
        Command::GenerateProgress { allocation, year, seed, out } => {
            let progress = stratfund::demo::generate_progress(&read_allocation(&allocation)?, year, seed);
            io::progress::write_progress(&progress, &out)?;
            say!("wrote {} progress records for {year} to {}", progress.records.len(), out.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Monitor { tracking, as_of, output } => run_monitor(tracking, as_of, output),
        Command::Replan { tracking, policy, from_year, stalled, late, write_portfolio, write_plan, output } => {
            let args = ReplanArgs { policy, from_year, stalled, late, write_portfolio, write_plan };
            run_replan(tracking, args, output)
        }
        Command::Demo { projects, seed } => {
            let config = DemoConfig { projects, seed, ..DemoConfig::default() };
            let portfolio = generate_portfolio(&config);
            let plan = generate_plan(&portfolio, &config, 0.45);
            say!(
                "stratfund demo: {} synthetic proposals (seed {seed}), plan {:?}\n",
                portfolio.projects.len(),
                plan.years
            );
            say_raw!("{}", report::summary(&solve(&portfolio, &plan)?));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Runs a long study with a progress bar on standard error (hidden when it is not a terminal),
/// advanced by the study's ticks and cleared when it ends, whether it succeeds or fails.
fn with_progress<T>(steps: usize, what: &str, study: impl FnOnce(Control<'_>) -> Result<T, Error>) -> Result<T, Error> {
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

/// `steps` levels from `from` to `to`, both included.
fn evenly_spaced(from: f64, to: f64, steps: usize) -> Result<Vec<f64>, Error> {
    if steps == 0 || !(from.is_finite() && to.is_finite()) || to < from {
        return Err(Error::usage(format!("--from {from} --to {to} --steps {steps}: need from <= to and steps >= 1")));
    }
    if steps == 1 {
        return Ok(vec![from]);
    }
    // Rounded to 1e-9 so that 0.1 + 0.27142857... prints as a readable level.
    Ok((0..steps).map(|k| ((from + (to - from) * k as f64 / (steps - 1) as f64) * 1e9).round() / 1e9).collect())
}

/// The robustness result as written in JSON: settings, counts and one entry per project.
#[derive(serde::Serialize)]
struct RobustnessFile<'a> {
    schema: &'static str,
    settings: &'a simulate::Settings,
    scenarios: usize,
    infeasible: usize,
    projects: Vec<simulate::CoreEntry>,
}

impl<'a> RobustnessFile<'a> {
    fn new(r: &simulate::Robustness, settings: &'a simulate::Settings) -> Self {
        RobustnessFile {
            schema: "stratfund.robustness/1",
            settings,
            scenarios: r.scenarios(),
            infeasible: r.failed(),
            projects: r.entries(),
        }
    }
}

impl Output {
    /// Writes a study in the asked format: to --out (then says so), or Markdown on standard output.
    /// HTML is the Markdown report (written in --lang) as a standalone page.
    fn write(&self, render: impl Fn(OutFormat) -> Result<String, Error>) -> Result<ExitCode, Error> {
        let render = |format| match format {
            OutFormat::Html => Ok(report::html_page(&render(OutFormat::Md)?, self.lang)),
            other => render(other),
        };
        match &self.out {
            None => say_raw!("{}", render(self.format.unwrap_or(OutFormat::Md))?),
            Some(path) => {
                io::write_text(path, &render(self.format.or(format_of(path)).unwrap_or(OutFormat::Json))?)?;
                say!("wrote {}", path.display());
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// The output format an extension names (`.json`, `.csv`, `.md`).
fn format_of(path: &std::path::Path) -> Option<OutFormat> {
    match io::extension(path).as_str() {
        "csv" => Some(OutFormat::Csv),
        "md" | "markdown" => Some(OutFormat::Md),
        "html" | "htm" => Some(OutFormat::Html),
        "json" => Some(OutFormat::Json),
        _ => None,
    }
}

/// How an allocation report is written: group names from the catalog, labels in a language.
struct Report<'a> {
    catalog: &'a Catalog,
    lang: Language,
}

impl Report<'_> {
    fn render(&self, allocation: &Allocation, format: OutFormat) -> Result<String, Error> {
        Ok(match format {
            OutFormat::Json => io::json::to_string_pretty(allocation)?,
            OutFormat::Csv => report::projects_csv(allocation)?,
            OutFormat::Md => report::markdown_in(allocation, self.catalog, self.lang),
            OutFormat::Html => report::html_page(&self.render(allocation, OutFormat::Md)?, self.lang),
        })
    }
}

fn write_allocation(
    allocation: &Allocation,
    out: Option<&std::path::Path>,
    format: Option<OutFormat>,
    how: &Report<'_>,
) -> Result<(), Error> {
    let Some(path) = out else {
        match format {
            None => say_raw!("{}", report::summary(allocation)),
            Some(format) => say_raw!("{}", how.render(allocation, format)?),
        }
        return Ok(());
    };
    let text = how.render(allocation, format.or(format_of(path)).unwrap_or(OutFormat::Json))?;
    io::write_text(path, &text)?;
    say_raw!("{}", report::summary(allocation));
    say!("\nwrote {}", path.display());
    Ok(())
}

fn read_allocation(path: &Path) -> Result<Allocation, Error> {
    io::json::from_str_located(&io::read_text(path)?, &path.display().to_string())
}

fn run_monitor(tracking: Tracking, as_of: Option<String>, output: Output) -> Result<ExitCode, Error> {
    let (portfolio, plan, catalog, allocation, progress) = tracking.read()?;
    let as_of =
        as_of.map(|p| p.parse::<monitor::Period>().map_err(|e| Error::usage(format!("--as-of: {e}")))).transpose()?;
    let r = monitor::monitor(&portfolio, &plan, &allocation, &progress, as_of)?;
    output.write(|format| match format {
        OutFormat::Json => io::json::to_string_pretty(&r),
        OutFormat::Csv => report::monitor_table(&r).to_csv(),
        OutFormat::Md | OutFormat::Html => Ok(report::monitor_markdown_in(&r, &catalog, output.lang)),
    })
}

struct ReplanArgs {
    policy: Option<PathBuf>,
    from_year: Option<i32>,
    stalled: Option<ActionArg>,
    late: Option<ActionArg>,
    write_portfolio: Option<PathBuf>,
    write_plan: Option<PathBuf>,
}

fn run_replan(tracking: Tracking, args: ReplanArgs, output: Output) -> Result<ExitCode, Error> {
    let (portfolio, plan, catalog, allocation, progress) = tracking.read()?;
    let mut policy: monitor::ReplanPolicy = match &args.policy {
        Some(path) => io::read_json_or_toml(path, "a re-plan policy")?,
        None => monitor::ReplanPolicy::default(),
    };
    policy.from_year = args.from_year.or(policy.from_year);
    policy.stalled = args.stalled.map_or(policy.stalled, Into::into);
    policy.late = args.late.map_or(policy.late, Into::into);
    let r = monitor::replan(&portfolio, &plan, &catalog, &allocation, &progress, &policy)?;
    if let Some(path) = &args.write_portfolio {
        io::write_portfolio(&r.portfolio, path)?;
        say!("wrote the derived proposals to {}", path.display());
    }
    if let Some(path) = &args.write_plan {
        io::write_plan(&r.plan, path)?;
        say!("wrote the derived plan to {}", path.display());
    }
    output.write(|format| match format {
        OutFormat::Json => io::json::to_string_pretty(&r),
        OutFormat::Csv => report::projects_csv(&r.allocation),
        OutFormat::Md | OutFormat::Html => Ok(report::replan_markdown_in(&r, &catalog, output.lang)),
    })
}

fn load_catalog(path: Option<PathBuf>) -> Result<Catalog, Error> {
    path.map_or_else(|| Ok(Catalog::default()), Catalog::from_path)
}

fn print_report(portfolio: &Portfolio, plan: &Plan, report: &ValidationReport, format: Format) -> Result<(), Error> {
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
        say!("{} problem(s):", report.problems.len());
        for problem in &report.problems {
            say!("  - {problem}");
        }
    }
    Ok(())
}

fn print_catalog(catalog: &Catalog, format: Format) -> Result<(), Error> {
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
