//! Following an allocation being carried out: `generate-progress`, `monitor` and `replan`.

use std::process::ExitCode;

use stratfund::{io, monitor, report, Error};

use crate::args::{GenerateProgressArgs, MonitorArgs, OutFormat, ReplanArgs};

/// `stratfund generate-progress`: synthetic progress records of an allocation for one year.
pub fn generate_progress(args: GenerateProgressArgs) -> Result<ExitCode, Error> {
    let progress = stratfund::demo::generate_progress(&io::read_allocation(&args.allocation)?, args.year, args.seed);
    io::progress::write_progress(&progress, &args.out)?;
    say!("wrote {} progress records for {} to {}", progress.records.len(), args.year, args.out.display());
    Ok(ExitCode::SUCCESS)
}

/// `stratfund monitor`: the monitoring KPIs as of a period.
pub fn monitor(args: MonitorArgs) -> Result<ExitCode, Error> {
    let (portfolio, plan, catalog, allocation, progress) = args.tracking.read()?;
    let as_of = args
        .as_of
        .map(|p| p.parse::<monitor::Period>().map_err(|e| Error::usage(format!("--as-of: {e}"))))
        .transpose()?;
    let r = monitor::monitor(&portfolio, &plan, &allocation, &progress, as_of)?;
    let output = args.output;
    output.write(|format| match format {
        OutFormat::Json => io::json::to_string_pretty(&r),
        OutFormat::Csv => report::monitor_table(&r).to_csv(),
        OutFormat::Md | OutFormat::Html => Ok(report::monitor_markdown_in(&r, &catalog, output.lang)),
    })
}

/// `stratfund replan`: the remaining budget re-optimised under the policy file and the flags.
pub fn replan(args: ReplanArgs) -> Result<ExitCode, Error> {
    let (portfolio, plan, catalog, allocation, progress) = args.tracking.read()?;
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
    let output = args.output;
    output.write(|format| match format {
        OutFormat::Json => io::json::to_string_pretty(&r),
        OutFormat::Csv => report::projects_csv(&r.allocation),
        OutFormat::Md | OutFormat::Html => Ok(report::replan_markdown_in(&r, &catalog, output.lang)),
    })
}
