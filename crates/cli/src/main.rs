//! `carescore`: the engine on the command line. One file per subcommand (`review` spreads
//! over the `review_*` files); this file only dispatches.
//!
//! Exit codes: 0 success, 2 bad arguments or unreadable input (one line on stderr; `review`
//! gives one line per problem, and 2 for a merge stopped by conflicts).

mod args;
mod demo_cmd;
mod input;
mod metrics_cmd;
mod review_cmd;
mod review_merge;
mod review_problems;
mod review_read;
mod review_summary;
mod score_cmd;
mod sql_cmd;

use std::process::ExitCode;

const USAGE: &str = "usage: carescore <command> [options]\n\ncommands:\n  metrics   \
    compute metrics from a contact-record file (carescore metrics --help)\n  demo      \
    write the seeded demo data set as canonical CSV (carescore demo --help)\n  score     \
    score a contact-record file with a scorecard (carescore score --help)\n  review    \
    validate or merge review files, the JSON teams exchange (carescore review --help)\n  sql       \
    print the metrics and scores as one DuckDB or Spark SQL query (carescore sql --help)\n\n\
    --input of metrics and score also takes a review file (recognised by its content).";

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(command) = args.next() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest: Vec<_> = args.collect();
    let result = match command.to_str() {
        Some("metrics") => metrics_cmd::run(rest),
        Some("demo") => demo_cmd::run(rest),
        Some("score") => score_cmd::run(rest),
        Some("sql") => sql_cmd::run(rest),
        // Review commands print one line per problem themselves.
        Some("review") => return review_cmd::run(rest),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(format!(
            "unknown command {:?}; try carescore --help",
            command.to_string_lossy()
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("carescore: {message}");
            ExitCode::from(2)
        }
    }
}
