//! Ingest + metrics benchmark: generates a 1M-row canonical CSV in memory (2,000 agents,
//! 100 teams, 3 months, every field), then times `read_csv`, the sliced `CsvIngester`,
//! and `metrics::compute` of the 17 standard metrics by agent x month, and prints the
//! store's memory per record.
//!
//! `cargo run --release --example bench_ingest_metrics -p carescore-engine [-- ROWS]`
//!
//! Each phase prints wall time and, on Linux, this thread's CPU time (from
//! /proc/thread-self/stat, 10 ms ticks): on a shared, loaded machine wall time overstates
//! the cost, CPU time does not.

use std::fmt::Write;
use std::time::{Duration, Instant};

use carescore_engine::ingest::{read_csv, CsvIngester};
use carescore_engine::metrics::{compute, standard::definitions, GroupBy};
use carescore_engine::period::PeriodKind;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

const AGENTS: usize = 2_000;
const TEAMS: usize = 100;

fn generate(rows: usize) -> String {
    let mut rng = SmallRng::seed_from_u64(7);
    let mut text = String::with_capacity(rows * 140);
    text.push_str(
        "id,agent,team,channel,topic,opened_at,answered,first_response_secs,handle_secs,\
         resolved,resolved_at,first_contact_resolved,reopen_count,reassign_count,complaint,\
         csat,sla_met\n",
    );
    let channels = ["chat", "phone", "email"];
    let topics = ["refund", "delivery", "return", "invoice", "warranty"];
    let yes_no = |flag: bool| if flag { "Y" } else { "N" };
    for row in 0..rows {
        let agent = rng.random_range(0..AGENTS);
        let month = rng.random_range(1..=3u32);
        let day = rng.random_range(1..=27u32);
        let (hour, minute, second) = (
            rng.random_range(8..20u32),
            rng.random_range(0..60u32),
            rng.random_range(0..60u32),
        );
        let answered = rng.random_bool(0.9);
        let resolved = answered && rng.random_bool(0.8);
        let _ = write!(
            text,
            "C{row},Agent {agent},Team {},{},{},2021-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02},{},",
            agent % TEAMS,
            channels[row % 3],
            topics[rng.random_range(0..5)],
            yes_no(answered),
        );
        if answered {
            let _ = write!(
                text,
                "{},{}:{:02}",
                rng.random_range(1..300),
                rng.random_range(0..20),
                rng.random_range(0..60)
            );
        } else {
            text.push(',');
        }
        let _ = write!(text, ",{},", yes_no(resolved));
        if resolved {
            let _ = write!(
                text,
                "2021-{month:02}-{:02} {hour:02}:{minute:02}:{second:02}",
                day + 1
            );
        }
        let _ = write!(
            text,
            ",{},{},{},{},",
            yes_no(resolved && rng.random_bool(0.7)),
            rng.random_range(0..3),
            rng.random_range(0..2),
            yes_no(rng.random_bool(0.01)),
        );
        if answered && rng.random_bool(0.3) {
            let _ = write!(text, "{}", rng.random_range(1..=5));
        }
        let _ = writeln!(text, ",{}", yes_no(rng.random_bool(0.85)));
    }
    text
}

/// This thread's user + system CPU time, where /proc tells it.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Runs `work`, printing `what` with its wall and CPU time.
fn timed<T>(what: &str, work: impl FnOnce() -> T) -> (T, Duration) {
    let (wall, cpu) = (Instant::now(), cpu_time());
    let result = work();
    let elapsed = wall.elapsed();
    let cpu = cpu.zip(cpu_time()).map(|(before, after)| after - before);
    match cpu {
        Some(cpu) => println!("{what}: wall {elapsed:.2?}, cpu {cpu:.2?}"),
        None => println!("{what}: wall {elapsed:.2?}"),
    }
    (result, cpu.unwrap_or(elapsed))
}

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(1_000_000);
    let started = Instant::now();
    let csv = generate(rows);
    println!(
        "generated {rows} rows, {:.1} MB, in {:.2?}",
        csv.len() as f64 / 1e6,
        started.elapsed()
    );

    // Calibration: the csv crate alone, splitting rows into cells and nothing else.
    let (cells, _) = timed("csv crate alone (baseline)", || {
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
        let mut record = csv::ByteRecord::new();
        let mut cells = 0;
        while reader.read_byte_record(&mut record).expect("valid CSV") {
            cells += record.len();
        }
        cells
    });
    assert_eq!(cells, rows * 17);

    let (result, ingest) = timed("read_csv", || {
        read_csv(csv.as_bytes(), None).expect("canonical headers")
    });
    assert!(result.rejected.is_empty(), "{:?}", result.rejected.first());
    let store = result.store;
    println!(
        "  {:.0} ns/row (cpu), {} records, store {:.1} MB = {:.1} bytes/record (ids included)",
        ingest.as_nanos() as f64 / rows as f64,
        store.len(),
        store.heap_bytes() as f64 / 1e6,
        store.heap_bytes() as f64 / store.len() as f64
    );

    let (sliced, _) = timed("CsvIngester in 50k-row slices", || {
        let mut ingester = CsvIngester::new(csv.as_bytes(), None).expect("canonical headers");
        while !ingester.step(50_000).done {}
        ingester.finish()
    });
    assert_eq!(sliced.store.len(), store.len());

    let defs = definitions();
    for (by, period) in [
        (GroupBy::Agent, PeriodKind::Month),
        (GroupBy::Agent, PeriodKind::All),
        (GroupBy::Team, PeriodKind::Week),
        (GroupBy::All, PeriodKind::Day),
    ] {
        let what = format!(
            "compute {} metrics by {} x {}",
            defs.len(),
            by.as_str(),
            period.as_str()
        );
        let (table, _) = timed(&what, || compute(&store, &defs, by, period));
        println!("  {} rows", table.rows.len());
    }
}
