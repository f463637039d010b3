//! Import-to-scores benchmark on realistic demo data: generates the demo service centre with
//! 1,000,000 contacts over 2,000 agents (80 teams) and 3 months as CSV in memory, then times
//! (a) ingest alone, (b) the 17 standard metrics by agent x month from the store, (c) scoring
//! that table with the default scorecard history, and (d) all three end to end from the bytes.
//! Prints wall time, this thread's CPU time (`[cpu ...]`, from /proc/thread-self/schedstat:
//! on a shared machine wall time overstates the cost) and resident memory (VmRSS/VmHWM from
//! /proc/self/status); Linux only for the last two. It asserts nothing about time.
//!
//! ```text
//! cargo run --release -p carescore-engine --example bench_import -- \
//!     [--contacts N] [--agents N] [--teams N] [--seed N] [--write FILE]
//! ```
//! `--write FILE` also saves the CSV, for `scripts/bench/polars_baseline.py FILE`.

use std::time::{Duration, Instant};

use carescore_engine::demo::{csv_string, DemoConfig};
use carescore_engine::ingest::read_csv;
use carescore_engine::measure::MeasureTable;
use carescore_engine::metrics::{compute, standard::definitions, GroupBy};
use carescore_engine::period::PeriodKind;
use carescore_engine::records::RecordStore;
use carescore_engine::scorecard::defaults::default_history;
use carescore_engine::scoring::{score_table, ScoreBoard};

struct Options {
    config: DemoConfig,
    write: Option<String>,
}

fn parse_options() -> Options {
    let mut config = DemoConfig {
        contacts: 1_000_000,
        agents: 2_000,
        teams: 80,
        ..DemoConfig::default()
    };
    let mut write = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{flag} needs a value")))
        };
        let mut number = || {
            value()
                .parse()
                .unwrap_or_else(|_| usage("expected a number"))
        };
        match flag.as_str() {
            "--contacts" => config.contacts = number(),
            "--agents" => config.agents = number(),
            "--teams" => config.teams = number(),
            "--seed" => config.seed = number() as u64,
            "--write" => write = Some(value()),
            other => usage(&format!("unknown option {other}")),
        }
    }
    if let Err(message) = config.validate() {
        usage(&message);
    }
    Options { config, write }
}

fn usage(problem: &str) -> ! {
    eprintln!(
        "bench_import: {problem}\nusage: bench_import [--contacts N] [--agents N] [--teams N] \
         [--seed N] [--write FILE]"
    );
    std::process::exit(2);
}

/// `VmRSS` and `VmHWM` (peak) in MB, when the platform has /proc.
fn resident_mb() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = |key: &str| -> Option<f64> {
        let line = status.lines().find(|line| line.starts_with(key))?;
        line.split_whitespace().nth(1)?.parse::<f64>().ok()
    };
    Some((kb("VmRSS:")? / 1024.0, kb("VmHWM:")? / 1024.0))
}

fn print_memory(moment: &str) {
    match resident_mb() {
        Some((rss, peak)) => println!("  memory {moment}: VmRSS {rss:.0} MB, VmHWM {peak:.0} MB"),
        None => println!("  memory {moment}: /proc/self/status not available"),
    }
}

/// CPU time of this thread so far, from /proc/thread-self/schedstat (nanoseconds; Linux only).
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Runs `work` and returns its wall time; prints `[cpu ...]`, the thread's CPU time for it
/// (wall time alone misleads on a shared machine), to open the line the caller prints next.
fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let cpu_before = thread_cpu();
    let started = Instant::now();
    let value = work();
    let wall = started.elapsed();
    if let (Some(before), Some(after)) = (cpu_before, thread_cpu()) {
        print!("  [cpu {:.2?}] ", after.saturating_sub(before));
    }
    (value, wall)
}

fn ingest(csv: &str) -> RecordStore {
    let result = read_csv(csv.as_bytes(), None).expect("demo headers are canonical");
    assert!(
        result.rejected.is_empty(),
        "demo rows rejected: {:?}",
        result.rejected.first()
    );
    result.store
}

fn agent_months(store: &RecordStore) -> MeasureTable {
    compute(store, &definitions(), GroupBy::Agent, PeriodKind::Month)
}

fn scores(table: &MeasureTable) -> ScoreBoard {
    score_table(table, &default_history())
        .expect("the default scheme is valid")
        .1
}

fn per_record(duration: Duration, records: usize) -> String {
    format!(
        "{:.0} ns/record",
        duration.as_nanos() as f64 / records.max(1) as f64
    )
}

fn main() {
    let Options { config, write } = parse_options();
    println!(
        "bench_import: {} contacts, {} agents, {} teams, {} months from {} (seed {})",
        config.contacts, config.agents, config.teams, config.months, config.start, config.seed
    );
    print_memory("at start");

    let (csv, generating) = timed(|| csv_string(&config));
    println!(
        "generate demo CSV: {generating:.2?}, {:.1} MB ({:.0} bytes/row)",
        csv.len() as f64 / 1e6,
        csv.len() as f64 / config.contacts.max(1) as f64
    );
    if let Some(path) = &write {
        std::fs::write(path, &csv).expect("cannot write the CSV");
        println!("  written to {path}");
    }
    print_memory("with the CSV in memory, before the store");

    let (store, parsing) = timed(|| ingest(&csv));
    let records = store.len();
    println!(
        "(a) parse (ingest::read_csv): {parsing:.2?}, {}",
        per_record(parsing, records)
    );
    println!(
        "  store: {records} records, {:.1} MB estimated = {:.1} bytes/record",
        store.heap_bytes() as f64 / 1e6,
        store.heap_bytes() as f64 / records.max(1) as f64
    );
    print_memory("after building the store");

    let (table, measuring) = timed(|| agent_months(&store));
    println!(
        "(b) metrics by agent x month: {measuring:.2?}, {} rows x {} metrics",
        table.rows.len(),
        table.metric_ids.len()
    );

    let (board, scoring) = timed(|| scores(&table));
    let scored = board.rows.iter().filter(|row| row.total.is_some()).count();
    println!(
        "(c) scores, default scheme (compile + score): {scoring:.2?}, {} rows, {scored} with a total",
        board.rows.len()
    );
    drop((store, table, board));

    let ((table, board), end_to_end) = timed(|| {
        let store = ingest(&csv);
        let table = agent_months(&store);
        let board = scores(&table);
        (table, board)
    });
    println!(
        "(d) end to end parse + metrics + scores: {end_to_end:.2?}, {} ({} score rows)",
        per_record(end_to_end, records),
        board.rows.len().min(table.rows.len())
    );
    print_memory("at the end");
}
