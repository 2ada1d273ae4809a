//! The optimisation and study commands: `solve`, `scenarios`, `frontier`, `sweep` and `simulate`.

use std::path::Path;
use std::process::ExitCode;

use stratfund::{io, report, scenario, simulate, solve_with, Catalog, Error, Plan, Portfolio};

use crate::args::{FrontierArgs, Mode, OutFormat, Output, ScenariosArgs, SimulateArgs, SolveArgs, SweepArgs};
use crate::output::{with_progress, write_allocation, Report};

/// `stratfund solve`: validation problems are listed (exit 1), the allocation written.
pub fn solve(args: SolveArgs) -> Result<ExitCode, Error> {
    let (portfolio, mut plan, catalog) = args.inputs.read()?;
    plan.solver.time_limit_s = args.time_limit.or(plan.solver.time_limit_s);
    plan.solver.mip_rel_gap = args.gap.unwrap_or(plan.solver.mip_rel_gap);
    plan.solver.threads = args.threads.or(plan.solver.threads);
    plan.solver.relaxed |= args.relaxed;
    let allocation = match solve_with(&portfolio, &plan, &catalog) {
        Err(Error::Validation(problems)) => {
            eprintln!("{}:", stratfund::report::counted(problems.len(), "problem"));
            problems.iter().for_each(|p| eprintln!("  - {p}"));
            return Ok(ExitCode::from(1));
        }
        other => other?,
    };
    let how = Report { catalog: &catalog, lang: args.lang };
    write_allocation(&allocation, args.out.as_deref(), args.format, &how)?;
    Ok(ExitCode::SUCCESS)
}

/// `stratfund scenarios`: the baseline and each scenario of the file, side by side.
pub fn scenarios(args: ScenariosArgs) -> Result<ExitCode, Error> {
    let (portfolio, plan, catalog) = args.inputs.read()?;
    let set = scenario::read_scenarios(&args.scenarios)?;
    let comparison = with_progress(set.scenarios.len() + 1, "scenarios", |control| {
        scenario::compare_with(&portfolio, &plan, &catalog, &set.scenarios, control)
    })?;
    let output = args.output;
    let render = |format| match format {
        OutFormat::Json => io::json::to_string_pretty(&comparison),
        OutFormat::Csv => report::comparison_table(&comparison).to_csv(),
        OutFormat::Md | OutFormat::Html => Ok(report::comparison_markdown_in(&comparison, output.lang)),
    };
    output.write_with_figures(render, |lang| vec![report::comparison_chart(&comparison, lang)])
}

/// `stratfund frontier`: the plan solved at each budget level (its notes on standard error).
pub fn frontier(args: FrontierArgs) -> Result<ExitCode, Error> {
    let (portfolio, mut plan, catalog) = args.inputs.read()?;
    plan.solver.mip_rel_gap = args.gap.unwrap_or(plan.solver.mip_rel_gap);
    let levels = if args.levels.is_empty() { evenly_spaced(args.from, args.to, args.steps)? } else { args.levels };
    let frontier = with_progress(levels.len(), "frontier levels", |control| {
        scenario::frontier_with(&portfolio, &plan, &catalog, &levels, control)
    })?;
    frontier.notes.iter().for_each(|n| eprintln!("note: {n}"));
    let output = args.output;
    let render = |format| match format {
        OutFormat::Json => io::json::to_string_pretty(&frontier),
        OutFormat::Csv => report::frontier_table(&frontier).to_csv(),
        OutFormat::Md | OutFormat::Html => Ok(report::frontier_markdown_in(&frontier, output.lang)),
    };
    output.write_with_figures(render, |lang| report::frontier_chart(&frontier, lang).into_iter().collect())
}

/// `stratfund sweep`: every pair of enterprise-share thresholds, compared with the plan's own.
pub fn sweep(args: SweepArgs) -> Result<ExitCode, Error> {
    let (portfolio, plan, catalog) = args.inputs.read()?;
    let (market, strategic) = (&args.market, &args.strategic);
    let steps = market.len().max(1) * strategic.len().max(1) + 1;
    let sweep = with_progress(steps, "policy points", |control| {
        scenario::policy_sweep_with(&portfolio, &plan, &catalog, market, strategic, control)
    })?;
    let output = args.output;
    output.write(|format| match format {
        OutFormat::Json => io::json::to_string_pretty(&sweep),
        OutFormat::Csv => report::sweep_table(&sweep).to_csv(),
        OutFormat::Md | OutFormat::Html => Ok(report::sweep_markdown_in(&sweep, output.lang)),
    })
}

/// `stratfund simulate`: evaluate an allocation, re-optimise sampled scenarios, or write the
/// draws of one robustness scenario (`--draw K`).
pub fn simulate(args: SimulateArgs) -> Result<ExitCode, Error> {
    check_simulate_options(&args)?;
    let (portfolio, mut plan, catalog) = args.inputs.read()?;
    plan.solver.mip_rel_gap = args.gap.unwrap_or(plan.solver.mip_rel_gap);
    // Scenarios: --scenarios, else the settings file, else 10,000 (evaluate) or 200 (robustness).
    let mut settings = match (&args.settings, args.mode) {
        (Some(path), _) => io::read_json_or_toml(path, "simulation settings")?,
        (None, Mode::Evaluate) => simulate::Settings::default(),
        (None, Mode::Robustness) => simulate::Settings { scenarios: 200, ..simulate::Settings::default() },
    };
    settings.scenarios = args.scenarios.unwrap_or(settings.scenarios);
    settings.seed = args.seed.unwrap_or(settings.seed);
    let inputs = Study { portfolio: &portfolio, plan: &plan, catalog: &catalog, settings: &settings };
    match (args.draw, args.mode) {
        (Some(index), mode) => write_draws(&inputs, mode, index, &args.output),
        (None, Mode::Evaluate) => evaluate(&inputs, args.allocation.as_deref(), &args.output),
        (None, Mode::Robustness) => robustness(&inputs, &args.output),
    }
}

/// Options that the mode would not use are refused rather than ignored: robustness re-optimises
/// from the inputs (it takes no allocation), and an evaluation of a given allocation solves
/// nothing (so no gap applies).
fn check_simulate_options(args: &SimulateArgs) -> Result<(), Error> {
    let robustness = args.mode == Mode::Robustness || args.draw.is_some();
    if robustness && args.allocation.is_some() {
        return Err(Error::usage(
            "--allocation is the allocation that --mode evaluate draws outcomes of; robustness re-optimises \
             every scenario from the portfolio and plan, so leave --allocation out (or use --mode evaluate)",
        ));
    }
    if !robustness && args.allocation.is_some() && args.gap.is_some() {
        return Err(Error::usage(
            "--gap is the relative MIP gap of the solves; --mode evaluate with --allocation solves nothing, \
             so leave --gap out (or leave --allocation out to evaluate the optimal allocation solved to that gap)",
        ));
    }
    Ok(())
}

/// What a Monte Carlo run works on.
struct Study<'a> {
    portfolio: &'a Portfolio,
    plan: &'a Plan,
    catalog: &'a Catalog,
    settings: &'a simulate::Settings,
}

/// `simulate --mode evaluate`: the given allocation (or the optimal one) over sampled scenarios.
fn evaluate(study: &Study<'_>, allocation: Option<&Path>, output: &Output) -> Result<ExitCode, Error> {
    let allocation = match allocation {
        Some(path) => io::read_allocation(path)?,
        None => solve_with(study.portfolio, study.plan, study.catalog)?,
    };
    let evaluation = simulate::evaluate(study.portfolio, &allocation, study.settings)?;
    let document = simulate::EvaluationDocument::new(&evaluation.summary, study.settings);
    let render = |format| match format {
        OutFormat::Json => io::json::to_string_pretty(&document),
        OutFormat::Csv => report::evaluation_table(&evaluation.summary).to_csv(),
        OutFormat::Md | OutFormat::Html => {
            Ok(report::evaluation_document_markdown_in(&document, study.catalog, output.lang))
        }
    };
    output.write_with_figures(render, |lang| report::evaluation_chart(&document, lang).into_iter().collect())
}

/// `simulate --mode robustness`: re-optimise every sampled scenario; the core index per project.
fn robustness(study: &Study<'_>, output: &Output) -> Result<ExitCode, Error> {
    let scenarios = study.settings.scenarios;
    let r = with_progress(scenarios, "re-optimised scenarios", |control| {
        simulate::robustness_range(study.portfolio, study.plan, study.catalog, study.settings, 0..scenarios, control)
    })?;
    let document = simulate::RobustnessDocument::new(&r, study.settings, &study.plan.solver);
    let render = |format| match format {
        OutFormat::Json => io::json::to_string_pretty(&document),
        OutFormat::Csv => report::robustness_table(&r).to_csv(),
        OutFormat::Md | OutFormat::Html => Ok(report::robustness_document_markdown_in(&document, output.lang)),
    };
    output.write_with_figures(render, |lang| report::robustness_chart(&document, lang).into_iter().collect())
}

/// `simulate --draw K`: the draws of robustness scenario K, per project (overrun, delivery,
/// impact, extra state money at full scale).
fn write_draws(study: &Study<'_>, mode: Mode, index: usize, output: &Output) -> Result<ExitCode, Error> {
    if mode != Mode::Robustness {
        return Err(Error::usage("--draw draws a robustness scenario: use it with --mode robustness"));
    }
    let draws = simulate::scenario_draws(study.portfolio, study.plan, study.catalog, study.settings, index)?;
    output.write(|format| match format {
        OutFormat::Json => io::json::to_string_pretty(&draws),
        OutFormat::Csv => report::scenario_draws_table(&draws).to_csv(),
        OutFormat::Md | OutFormat::Html => Ok(report::scenario_draws_table(&draws).to_markdown()),
    })
}

/// The most levels `--steps` may ask for: each is a MIP solve, and a mistyped count (10^12) would
/// otherwise fill the memory with levels before the first solve.
const MAX_STEPS: usize = 1_000_000;

/// `steps` levels from `from` to `to`, both included: one level needs `from` = `to`, so that
/// neither end is dropped.
fn evenly_spaced(from: f64, to: f64, steps: usize) -> Result<Vec<f64>, Error> {
    let range = format!("--from {from} --to {to} --steps {steps}");
    if !(from.is_finite() && to.is_finite()) || to < from {
        return Err(Error::usage(format!("{range}: --from and --to must be numbers with --from <= --to")));
    }
    if steps == 0 || (steps == 1 && from != to) {
        let least = if from == to { 1 } else { 2 };
        return Err(Error::usage(format!(
            "{range}: --steps counts the levels, --from and --to included, so it must be at least {least} \
             (or give the levels with --levels)"
        )));
    }
    if steps == 1 {
        return Ok(vec![from]);
    }
    if steps > MAX_STEPS {
        return Err(Error::usage(format!(
            "{range}: each level is a solve; give at most {MAX_STEPS} --steps (or the levels with --levels)"
        )));
    }
    // Rounded to 1e-9 so that 0.1 + 0.27142857... prints as a readable level.
    Ok((0..steps).map(|k| ((from + (to - from) * k as f64 / (steps - 1) as f64) * 1e9).round() / 1e9).collect())
}
