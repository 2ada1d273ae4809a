//! The command line: the subcommands and their arguments (clap), and reading the input files
//! they name.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};
use stratfund::report::Language;
use stratfund::{io, monitor, Allocation, Catalog, Error, Plan, Portfolio};

/// Optimal three-house co-funding of strategic-technology R&D portfolios.
#[derive(Parser)]
#[command(name = "stratfund", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Check a portfolio and a plan: print every problem and the ineligible projects.
    ///
    /// Cells and fields that cannot be read, in both files and a --catalog file, are problems too (with file, line,
    /// project, field and rule). Exit status: 0 when the inputs are valid (ineligible projects
    /// allowed), 1 when they have problems, 2 when the command cannot run (a missing file, a
    /// spreadsheet given as a file, bad arguments).
    Validate(ValidateArgs),
    /// List the strategic technology groups and product lines.
    Catalog(CatalogArgs),
    /// Generate a synthetic portfolio and plan.
    Generate(GenerateArgs),
    /// Find the optimal co-funded allocation and write it (FORMATS.md allocation JSON, CSV or Markdown).
    Solve(SolveArgs),
    /// Solve the baseline and each scenario of a file (JSON/TOML); compare key figures side by side
    /// and list the projects entering and leaving.
    Scenarios(ScenariosArgs),
    /// Value, funded count, state spend and leverage as the state budget varies, and the level at
    /// which each project enters.
    Frontier(FrontierArgs),
    /// Solve a grid of enterprise-share thresholds and compare with the plan's own.
    Sweep(SweepArgs),
    /// Monte Carlo: evaluate an allocation over sampled scenarios, or re-optimise in each one
    /// (robustness: the core index of every project).
    Simulate(SimulateArgs),
    /// Write synthetic progress records of an allocation for one year (demo data for `monitor`
    /// and `replan`).
    GenerateProgress(GenerateProgressArgs),
    /// Monitoring KPIs of an allocation being carried out: disbursement against the allocation and
    /// its schedule, tasks completed on time, late or in progress, by group, region and house.
    Monitor(MonitorArgs),
    /// Re-plan mid-course: disbursed money is sunk, continuing projects keep their remaining
    /// funding, stalled ones are cut (by default), and the remaining budget is re-optimised over
    /// continuing and waiting proposals. CSV output is the re-planned allocation's projects.
    Replan(ReplanArgs),
    /// Run the main job on the synthetic demo data and print a summary.
    Demo(DemoArgs),
}

// The arguments of `stratfund validate`.
#[derive(clap::Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

// The arguments of `stratfund catalog`.
#[derive(clap::Args)]
pub struct CatalogArgs {
    /// Catalog file (default: the compiled-in catalog).
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

// The arguments of `stratfund generate`.
#[derive(clap::Args)]
pub struct GenerateArgs {
    /// Number of proposals.
    #[arg(long, default_value_t = 300)]
    pub projects: usize,
    /// Random seed.
    #[arg(long, default_value_t = 57)]
    pub seed: u64,
    /// Number of plan years, from 2026.
    #[arg(long, default_value_t = 5)]
    pub years: u32,
    /// Share of the requested state money the budget covers.
    #[arg(long, allow_negative_numbers = true, default_value_t = 0.45)]
    pub coverage: f64,
    /// Where to write the portfolio (.json or .csv).
    #[arg(long)]
    pub portfolio: PathBuf,
    /// Where to write the plan (.json or .toml).
    #[arg(long)]
    pub plan: PathBuf,
}

impl Command {
    /// The result file a command writes (`--out`) and the format asked for, if any.
    pub fn out(&self) -> Option<(&Path, Option<OutFormat>)> {
        let output = match self {
            Command::Solve(a) => return a.out.as_deref().map(|path| (path, a.format)),
            Command::Scenarios(a) => &a.output,
            Command::Frontier(a) => &a.output,
            Command::Sweep(a) => &a.output,
            Command::Simulate(a) => &a.output,
            Command::Monitor(a) => &a.output,
            Command::Replan(a) => &a.output,
            _ => return None,
        };
        output.out.as_deref().map(|path| (path, output.format))
    }
}

// The arguments of `stratfund solve`.
#[derive(clap::Args)]
pub struct SolveArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Where to write the result (default: a summary on standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Format of the result (default: from the extension of --out, .json, .csv, .md or .html;
    /// json when it has none).
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
    /// Language of the Markdown and HTML reports: en (English) or vi (Vietnamese).
    #[arg(long, default_value = "en")]
    pub lang: Language,
    /// Override the plan's time limit (seconds).
    #[arg(long, allow_negative_numbers = true)]
    pub time_limit: Option<f64>,
    /// Override the plan's relative MIP gap.
    #[arg(long, allow_negative_numbers = true)]
    pub gap: Option<f64>,
    /// Override the plan's HiGHS threads (1 to 1024; default: the plan's, else HiGHS decides).
    #[arg(long)]
    pub threads: Option<u32>,
    /// Solve the LP relaxation (fractional funding) instead of the MILP.
    #[arg(long)]
    pub relaxed: bool,
}

// The arguments of `stratfund scenarios`.
#[derive(clap::Args)]
pub struct ScenariosArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Scenario file (.json or .toml, schema stratfund.scenarios/1).
    #[arg(long)]
    pub scenarios: PathBuf,
    #[command(flatten)]
    pub output: Output,
}

// The arguments of `stratfund frontier`.
#[derive(clap::Args)]
pub struct FrontierArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Budget levels (multipliers of every year's budget), comma-separated; default: --steps
    /// levels evenly spaced from --from to --to.
    #[arg(long, allow_negative_numbers = true, allow_hyphen_values = true, value_delimiter = ',', conflicts_with_all = ["from", "to", "steps"])]
    pub levels: Vec<f64>,
    /// Lowest level.
    #[arg(long, allow_negative_numbers = true, default_value_t = 0.1)]
    pub from: f64,
    /// Highest level.
    #[arg(long, allow_negative_numbers = true, default_value_t = 2.0)]
    pub to: f64,
    /// Number of levels, --from and --to included (1 only when they are equal).
    #[arg(long, default_value_t = 20)]
    pub steps: usize,
    /// Override the plan's relative MIP gap.
    #[arg(long, allow_negative_numbers = true)]
    pub gap: Option<f64>,
    #[command(flatten)]
    pub output: Output,
}

// The arguments of `stratfund sweep`.
#[derive(clap::Args)]
pub struct SweepArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Market-class minimum enterprise shares, comma-separated (default: the plan's).
    #[arg(long, allow_negative_numbers = true, allow_hyphen_values = true, value_delimiter = ',')]
    pub market: Vec<f64>,
    /// Strategic-class minimum enterprise shares, comma-separated (default: the plan's).
    #[arg(long, allow_negative_numbers = true, allow_hyphen_values = true, value_delimiter = ',')]
    pub strategic: Vec<f64>,
    #[command(flatten)]
    pub output: Output,
}

// The arguments of `stratfund simulate`.
#[derive(clap::Args)]
pub struct SimulateArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// What to simulate.
    #[arg(long, value_enum, default_value_t = Mode::Evaluate)]
    pub mode: Mode,
    /// Allocation to evaluate (default: solve the inputs first).
    #[arg(long)]
    pub allocation: Option<PathBuf>,
    /// Number of scenarios (default: the settings file's, else 10000 for evaluate and 200 for
    /// robustness).
    #[arg(long)]
    pub scenarios: Option<usize>,
    /// Random seed (default: the settings file's, else 57); the same seed gives the same result
    /// whatever the number of threads.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Uncertainty settings (.json or .toml with the fields of stratfund::simulate::Settings).
    #[arg(long)]
    pub settings: Option<PathBuf>,
    /// Override the plan's relative MIP gap of the solves (robustness, and evaluate without
    /// --allocation).
    #[arg(long, allow_negative_numbers = true)]
    pub gap: Option<f64>,
    /// With --mode robustness: instead of running, write the draws of scenario K per project
    /// (cost overrun, enterprise delivery, impact multipliers, and the extra state money at full
    /// scale they add), to see why that scenario re-optimised as it did.
    #[arg(long, value_name = "K")]
    pub draw: Option<usize>,
    #[command(flatten)]
    pub output: Output,
}

// The arguments of `stratfund generate-progress`.
#[derive(clap::Args)]
pub struct GenerateProgressArgs {
    /// The allocation (allocation JSON written by `solve`).
    #[arg(long)]
    pub allocation: PathBuf,
    /// The year reported.
    #[arg(long, default_value_t = 2026)]
    pub year: i32,
    /// Random seed.
    #[arg(long, default_value_t = 57)]
    pub seed: u64,
    /// Where to write the records (.csv or .json).
    #[arg(long)]
    pub out: PathBuf,
}

// The arguments of `stratfund monitor`.
#[derive(clap::Args)]
pub struct MonitorArgs {
    #[command(flatten)]
    pub tracking: Tracking,
    /// Reporting period, YYYY or YYYY-Qn (default: the latest period of the records).
    #[arg(long)]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub output: Output,
}

// The arguments of `stratfund replan`.
#[derive(clap::Args)]
pub struct ReplanArgs {
    #[command(flatten)]
    pub tracking: Tracking,
    /// Re-plan policy file (.json or .toml with the fields of stratfund::monitor::ReplanPolicy).
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// First year re-planned (default: the policy's, else the year of the latest period
    /// reported, or the next one when that period ends its year).
    #[arg(long)]
    pub from_year: Option<i32>,
    /// What to do with projects reported `stalled` (default: the policy's, else cut).
    #[arg(long, value_enum)]
    pub stalled: Option<ActionArg>,
    /// What to do with projects reported `late` (default: the policy's, else continue).
    #[arg(long, value_enum)]
    pub late: Option<ActionArg>,
    /// Also write the derived proposals (.json or .csv), to solve or inspect them alone (the
    /// result's `excluded` lists the ones kept out: cut, or their exclusive label taken).
    #[arg(long)]
    pub write_portfolio: Option<PathBuf>,
    /// Also write the derived plan (.json or .toml).
    #[arg(long)]
    pub write_plan: Option<PathBuf>,
    #[command(flatten)]
    pub output: Output,
}

// The arguments of `stratfund demo`.
#[derive(clap::Args)]
pub struct DemoArgs {
    /// Number of proposals.
    #[arg(long, default_value_t = 300)]
    pub projects: usize,
    /// Random seed.
    #[arg(long, default_value_t = 57)]
    pub seed: u64,
}

/// The files every solving command reads.
#[derive(clap::Args)]
pub struct Inputs {
    /// Portfolio file (.json or .csv).
    #[arg(long)]
    pub portfolio: PathBuf,
    /// Plan file (.json or .toml).
    #[arg(long)]
    pub plan: PathBuf,
    /// Catalog file (default: the compiled-in Decision 1131/QD-TTg catalog).
    #[arg(long)]
    pub catalog: Option<PathBuf>,
}

impl Inputs {
    /// Reads the three files, and prints the notes on the plan's bounds (`note: ...` lines on
    /// standard error) for every command.
    pub fn read(&self) -> Result<(Portfolio, Plan, Catalog), Error> {
        let (portfolio, plan, catalog) =
            io::read_inputs_with_catalog(&self.portfolio, &self.plan, self.catalog.as_deref())?;
        crate::output::print_notes(&stratfund::model::every_note(&portfolio, &plan, &catalog));
        Ok((portfolio, plan, catalog))
    }
}

/// The files of an allocation being carried out: its inputs, the allocation and its progress.
#[derive(clap::Args)]
pub struct Tracking {
    #[command(flatten)]
    pub inputs: Inputs,
    /// The allocation being carried out (allocation JSON written by `solve`).
    #[arg(long)]
    pub allocation: PathBuf,
    /// Progress records (.csv or .json: project_id, period, disbursed, status, due_date,
    /// completed_date).
    #[arg(long)]
    pub progress: PathBuf,
}

impl Tracking {
    pub fn read(&self) -> Result<(Portfolio, Plan, Catalog, Allocation, monitor::Progress), Error> {
        let (portfolio, plan, catalog) = self.inputs.read()?;
        let progress = io::progress::read_progress(&self.progress)?;
        Ok((portfolio, plan, catalog, io::read_allocation(&self.allocation)?, progress))
    }
}

/// Where and how a study is written.
#[derive(clap::Args)]
pub struct Output {
    /// Where to write the result (default: Markdown on standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Format of the result (default: from the extension of --out, .json, .csv, .md or .html;
    /// json when it has none).
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
    /// Language of the Markdown and HTML reports: en (English) or vi (Vietnamese).
    #[arg(long, default_value = "en")]
    pub lang: Language,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// Draw outcomes of a fixed allocation: delivered value, extra state money, VaR, ES.
    Evaluate,
    /// Re-optimise in each sampled scenario: core index per project.
    Robustness,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ActionArg {
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
pub enum OutFormat {
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
pub enum Format {
    Text,
    Json,
}

/// The catalog of `--catalog`, else the compiled-in one.
pub fn load_catalog(path: Option<PathBuf>) -> Result<Catalog, Error> {
    path.map_or_else(|| Ok(Catalog::default()), Catalog::from_path)
}
