//! The `stratfund` command-line tool.

use std::process::ExitCode;

use clap::Parser;
use stratfund::demo::{generate_plan, generate_portfolio, DemoConfig};
use stratfund::{io, report, solve, validate, Error};

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

mod args;
mod output;
mod studies;
mod tracking;

use args::{load_catalog, CatalogArgs, Cli, Command, DemoArgs, GenerateArgs, ValidateArgs};

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
    // Before any solve: an --out the command could not write in any format is a usage error.
    if let Some((path, format)) = command.out() {
        output::out_format(path, format)?;
    }
    match command {
        Command::Validate(args) => run_validate(args),
        Command::Catalog(args) => run_catalog(args),
        Command::Generate(args) => run_generate(args),
        Command::Solve(args) => studies::solve(args),
        Command::Scenarios(args) => studies::scenarios(args),
        Command::Frontier(args) => studies::frontier(args),
        Command::Sweep(args) => studies::sweep(args),
        Command::Simulate(args) => studies::simulate(args),
        Command::GenerateProgress(args) => tracking::generate_progress(args),
        Command::Monitor(args) => tracking::monitor(args),
        Command::Replan(args) => tracking::replan(args),
        Command::Demo(args) => run_demo(args),
    }
}

/// `stratfund validate`: exit 1 when the inputs have problems. Cells and fields that cannot be
/// read, in the portfolio, the plan and a catalog file, are listed as its problems (in JSON too), with the
/// file, line and reading rule; a file that cannot be opened is an error (exit 2).
fn run_validate(args: ValidateArgs) -> Result<ExitCode, Error> {
    let (portfolio, plan, catalog) = match args.inputs.read() {
        Err(Error::Parse(errors)) => {
            output::print_unreadable(&errors, args.format)?;
            return Ok(ExitCode::from(1));
        }
        inputs => inputs?,
    };
    let report = validate(&portfolio, &plan, &catalog);
    output::print_report(&portfolio, &plan, &report, args.format)?;
    Ok(if report.is_ok() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `stratfund catalog`.
fn run_catalog(args: CatalogArgs) -> Result<ExitCode, Error> {
    output::print_catalog(&load_catalog(args.catalog)?, args.format)?;
    Ok(ExitCode::SUCCESS)
}

/// `stratfund generate`: a synthetic portfolio and its plan.
fn run_generate(args: GenerateArgs) -> Result<ExitCode, Error> {
    let config = DemoConfig { projects: args.projects, seed: args.seed, years: args.years, ..DemoConfig::default() };
    config.check(args.coverage)?;
    let generated = generate_portfolio(&config);
    io::write_portfolio(&generated, &args.portfolio)?;
    io::write_plan(&generate_plan(&generated, &config, args.coverage), &args.plan)?;
    say!(
        "wrote {} synthetic proposals to {} and a plan to {}",
        args.projects,
        args.portfolio.display(),
        args.plan.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `stratfund demo`: the main job on synthetic data, its summary printed.
fn run_demo(args: DemoArgs) -> Result<ExitCode, Error> {
    let config = DemoConfig { projects: args.projects, seed: args.seed, ..DemoConfig::default() };
    config.check(0.45)?;
    let portfolio = generate_portfolio(&config);
    let plan = generate_plan(&portfolio, &config, 0.45);
    say!(
        "stratfund demo: {} synthetic proposals (seed {}), plan {:?}\n",
        portfolio.projects.len(),
        args.seed,
        plan.years
    );
    say_raw!("{}", report::summary(&solve(&portfolio, &plan)?));
    Ok(ExitCode::SUCCESS)
}
