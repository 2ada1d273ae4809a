//! The `stratfund` command-line tool.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use stratfund::demo::{generate_plan, generate_portfolio, DemoConfig};
use stratfund::{
    io, report, solve, solve_with, stats, validate, Allocation, Catalog, Error, Plan, Portfolio, ValidationReport,
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutFormat {
    Json,
    Csv,
    Md,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
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
        Command::Solve { inputs, out, format, time_limit, gap, relaxed } => {
            let (portfolio, mut plan, catalog) = inputs.read()?;
            plan.solver.time_limit_s = time_limit.or(plan.solver.time_limit_s);
            plan.solver.mip_rel_gap = gap.unwrap_or(plan.solver.mip_rel_gap);
            plan.solver.relaxed |= relaxed;
            let allocation = match solve_with(&portfolio, &plan, &catalog) {
                Err(Error::Validation(problems)) => {
                    say!("{} problem(s):", problems.len());
                    problems.iter().for_each(|p| say!("  - {p}"));
                    return Ok(ExitCode::from(1));
                }
                other => other?,
            };
            write_allocation(&allocation, out.as_deref(), format)?;
            Ok(ExitCode::SUCCESS)
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

fn write_allocation(
    allocation: &Allocation,
    out: Option<&std::path::Path>,
    format: Option<OutFormat>,
) -> Result<(), Error> {
    let from_extension = out.map(io::extension).and_then(|e| match e.as_str() {
        "csv" => Some(OutFormat::Csv),
        "md" => Some(OutFormat::Md),
        "json" => Some(OutFormat::Json),
        _ => None,
    });
    let Some(path) = out else {
        match format {
            None => say_raw!("{}", report::summary(allocation)),
            Some(OutFormat::Json) => say_raw!("{}", io::json::to_string_pretty(allocation)?),
            Some(OutFormat::Csv) => say_raw!("{}", report::projects_csv(allocation)?),
            Some(OutFormat::Md) => say_raw!("{}", report::markdown(allocation)),
        }
        return Ok(());
    };
    let text = match format.or(from_extension).unwrap_or(OutFormat::Json) {
        OutFormat::Json => io::json::to_string_pretty(allocation)?,
        OutFormat::Csv => report::projects_csv(allocation)?,
        OutFormat::Md => report::markdown(allocation),
    };
    io::write_text(path, &text)?;
    say_raw!("{}", report::summary(allocation));
    say!("\nwrote {}", path.display());
    Ok(())
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
