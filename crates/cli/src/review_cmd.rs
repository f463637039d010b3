//! `carescore review validate|merge`: review files (`carescore.review-file`, the JSON a
//! team exports and colleagues exchange; `docs/review-file.md`) checked and merged with the
//! same library the app uses. Problems are printed one per line as
//! `<file>: <json.path>: <reason>`; exit code 2 when a file is refused or a merge stops.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use carescore_workspace::formats::review_file::Choice;

use crate::args;
use crate::review_merge::{merge, MergeArgs};
use crate::review_problems::read_all_problems;
use crate::review_summary::summary;

const HELP: &str = "usage: carescore review validate FILE...
       carescore review merge MINE THEIRS --out FILE [--take theirs|mine]

Review files are the JSON files CareScore exports and teams exchange (format
carescore.review-file).

  validate FILE...   check each file as the app would open it: one line per good file
                     on stdout (scope, records, scorecard versions, other slices);
                     each problem on stderr as FILE: JSON.PATH: REASON (every unknown
                     top-level key, every bad record and the first problem of each
                     other section)
  merge MINE THEIRS  merge THEIRS into MINE and write the result to --out: prints what
                     THEIRS added per section; an item both files hold with different
                     contents is a conflict, listed with the fields that differ
  --out FILE         where the merged file goes (may be MINE itself), written in the
                     newest review-file version
  --take SIDE        resolve every conflict by taking theirs or keeping mine; without
                     it, a merge with conflicts writes nothing and exits with code 2

Exit codes: 0 success, 2 a refused file, a merge with unresolved conflicts or bad
arguments.";

/// Problems listed per file before a count of the rest.
const PROBLEMS_LISTED: usize = 50;

/// Runs `review`; prints its own output and messages.
pub fn run(args: Vec<OsString>) -> ExitCode {
    let mut args = args.into_iter();
    let outcome = match args.next().as_ref().and_then(|a| a.to_str()) {
        Some("validate") => parse_validate(args.collect()).map(|files| match files {
            None => help(),
            Some(files) => validate(&files),
        }),
        Some("merge") => parse_merge(args.collect()).map(|parsed| match parsed {
            None => help(),
            Some(parsed) => print_merge(&parsed),
        }),
        None | Some("-h" | "--help" | "help") => Ok(help()),
        Some(other) => Err(format!(
            "review: unknown subcommand {other:?}; it is validate or merge (see carescore \
             review --help)"
        )),
    };
    outcome.unwrap_or_else(|message| {
        eprintln!("carescore: {message}");
        ExitCode::from(2)
    })
}

fn help() -> ExitCode {
    println!("{HELP}");
    ExitCode::SUCCESS
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let mut all_good = true;
    for file in files {
        let name = file.display().to_string();
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("{name}: $: cannot read: {error}");
                all_good = false;
                continue;
            }
        };
        match read_all_problems(&bytes) {
            Ok(document) => {
                let written = written_version(&bytes);
                println!("{name}: ok: {}", summary(document, written));
            }
            Err(problems) => {
                all_good = false;
                for problem in problems.iter().take(PROBLEMS_LISTED) {
                    eprintln!("{}", problem.line(&name));
                }
                if problems.len() > PROBLEMS_LISTED {
                    eprintln!(
                        "{name}: $: {} more problems not listed",
                        problems.len() - PROBLEMS_LISTED
                    );
                }
            }
        }
    }
    if all_good {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// The `schema_version` a readable file was written with.
fn written_version(bytes: &[u8]) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Version {
        schema_version: Option<u64>,
    }
    let text = carescore_engine::ingest::decode_to_utf8(bytes).ok()?;
    serde_json::from_slice::<Version>(&text)
        .ok()?
        .schema_version
}

fn print_merge(parsed: &MergeArgs) -> ExitCode {
    match merge(parsed) {
        Ok(lines) => {
            lines.iter().for_each(|line| println!("{line}"));
            ExitCode::SUCCESS
        }
        Err(lines) => {
            lines.iter().for_each(|line| eprintln!("{line}"));
            ExitCode::from(2)
        }
    }
}

/// The files, or `None` when help was asked for.
fn parse_validate(args: Vec<OsString>) -> Result<Option<Vec<PathBuf>>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut files = Vec::new();
    while let Some(arg) = parser.next().map_err(|error| error.to_string())? {
        match arg {
            Value(file) => files.push(PathBuf::from(file)),
            Long("help") | Short('h') => return Ok(None),
            other => return Err(format!("review validate: {}", other.unexpected())),
        }
    }
    if files.is_empty() {
        return Err("review validate: name a review file (see carescore review --help)".into());
    }
    Ok(Some(files))
}

/// The merge's files and choice, or `None` when help was asked for.
fn parse_merge(args: Vec<OsString>) -> Result<Option<MergeArgs>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut files = Vec::new();
    let mut out = None;
    let mut take = None;
    while let Some(arg) = parser.next().map_err(|error| error.to_string())? {
        match arg {
            Value(file) => files.push(PathBuf::from(file)),
            Long("out") | Short('o') => out = Some(args::path(&mut parser)?),
            Long("take") => {
                take = Some(match args::text(&mut parser, "--take")?.as_str() {
                    "theirs" => Choice::TakeTheirs,
                    "mine" => Choice::KeepOurs,
                    other => return Err(format!("--take must be theirs or mine, not {other:?}")),
                });
            }
            Long("help") | Short('h') => return Ok(None),
            other => return Err(format!("review merge: {}", other.unexpected())),
        }
    }
    let [mine, theirs]: [PathBuf; 2] = files.try_into().map_err(|files: Vec<PathBuf>| {
        format!(
            "review merge: name two review files, MINE and THEIRS (got {})",
            files.len()
        )
    })?;
    let out = out.ok_or("review merge: --out FILE is required (see carescore review --help)")?;
    Ok(Some(MergeArgs {
        mine,
        theirs,
        out,
        take,
    }))
}
