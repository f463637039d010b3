//! `carescore demo`: writes the seeded demo data set as canonical CSV, which
//! `carescore metrics` reads back with no mapping.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, Write};

use carescore_engine::demo::{write_csv, DemoConfig};

const HELP: &str = "usage: carescore demo [--seed N] [--contacts N] [--agents N] [--teams N] \
[--months N] [--start YYYY-MM-DD] [--out FILE]

Writes a realistic after-sales service-centre data set (canonical CSV) to FILE or stdout.
Defaults: the demo workspace, seed 2026, 20000 contacts, 24 agents in 3 teams, 3 months
from 2026-07-01. The same options always give the same bytes.";

struct DemoArgs {
    config: DemoConfig,
    out: Option<OsString>,
}

pub fn run(args: Vec<OsString>) -> Result<(), String> {
    let Some(DemoArgs { config, out }) = parse(args)? else {
        println!("{HELP}");
        return Ok(());
    };
    config.validate()?;
    let written = match &out {
        Some(path) => {
            let file = File::create(path)
                .map_err(|error| format!("cannot create {}: {error}", path.to_string_lossy()))?;
            write_csv(&config, BufWriter::new(file))
        }
        None => {
            let stdout = io::stdout().lock();
            match write_csv(&config, BufWriter::new(stdout)) {
                // `carescore demo | head` is fine: the reader has seen enough.
                Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            }
        }
    };
    written.map_err(|error| format!("cannot write the demo data: {error}"))?;
    if out.is_none() {
        let _ = io::stdout().flush();
    }
    Ok(())
}

/// The options, or `None` when help was asked for.
fn parse(args: Vec<OsString>) -> Result<Option<DemoArgs>, String> {
    use lexopt::prelude::*;
    let mut config = DemoConfig::default();
    let mut teams = None;
    let mut out = None;
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next().map_err(|error| error.to_string())? {
        match arg {
            Long("seed") => config.seed = number(&mut parser, "--seed")?,
            Long("contacts") => config.contacts = number(&mut parser, "--contacts")?,
            Long("agents") => config.agents = number(&mut parser, "--agents")?,
            Long("teams") => teams = Some(number(&mut parser, "--teams")?),
            Long("months") => config.months = number(&mut parser, "--months")?,
            Long("start") => {
                let text = text_value(&mut parser, "--start")?;
                // `NaiveDate: FromStr` (YYYY-MM-DD) without naming chrono in this crate.
                config.start = text
                    .trim()
                    .parse()
                    .map_err(|_| format!("--start expects a date like 2026-07-01, got {text:?}"))?;
            }
            Long("out") | Short('o') => out = Some(parser.value().map_err(|e| e.to_string())?),
            Long("help") | Short('h') => return Ok(None),
            other => return Err(format!("demo: {}", other.unexpected())),
        }
    }
    // Fewer agents than the default three teams: one team per agent rather than an error.
    config.teams = teams.unwrap_or(config.teams.min(config.agents.max(1)));
    Ok(Some(DemoArgs { config, out }))
}

fn text_value(parser: &mut lexopt::Parser, option: &str) -> Result<String, String> {
    parser
        .value()
        .map_err(|error| error.to_string())?
        .into_string()
        .map_err(|_| format!("{option} expects UTF-8 text"))
}

fn number<T: std::str::FromStr>(parser: &mut lexopt::Parser, option: &str) -> Result<T, String> {
    let text = text_value(parser, option)?;
    text.trim()
        .parse()
        .map_err(|_| format!("{option} expects a whole number, got {text:?}"))
}
