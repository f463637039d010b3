//! Re-import benchmark: merges the demo service centre's 1,000,000 contacts into a store
//! already holding the same 1,000,000 (every incoming record a duplicate, keyed by id) and
//! prints the wall time of `records::dedupe::merge_import`, then of the data-quality report
//! against the same records. It asserts the counts, not the time.
//!
//! ```text
//! cargo run --release -p carescore-engine --example bench_dedupe -- [--contacts N]
//! ```

use std::time::{Duration, Instant};

use carescore_engine::demo::{record_store, DemoConfig};
use carescore_engine::ingest::{quality_report, IngestResult};
use carescore_engine::records::dedupe::merge_import;

/// CPU time of this thread so far (Linux; wall time misleads on a shared machine).
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(
        stat.split_whitespace().next()?.parse().ok()?,
    ))
}

/// `work`'s result, wall time and (when known) this thread's CPU time for it.
fn timed<T>(work: impl FnOnce() -> T) -> (T, String) {
    let cpu = thread_cpu();
    let started = Instant::now();
    let value = work();
    let wall = started.elapsed();
    let cpu = match (cpu, thread_cpu()) {
        (Some(before), Some(after)) => format!(", cpu {:.2?}", after.saturating_sub(before)),
        _ => String::new(),
    };
    (value, format!("wall {wall:.2?}{cpu}"))
}

fn main() {
    let mut config = DemoConfig {
        contacts: 1_000_000,
        agents: 2_000,
        teams: 80,
        ..DemoConfig::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match (flag.as_str(), args.next().and_then(|v| v.parse().ok())) {
            ("--contacts", Some(contacts)) => config.contacts = contacts,
            _ => {
                eprintln!("usage: bench_dedupe [--contacts N]");
                std::process::exit(2);
            }
        }
    }
    let started = Instant::now();
    let existing = record_store(&config).expect("valid demo config");
    let incoming = record_store(&config).expect("valid demo config");
    println!(
        "bench_dedupe: {} existing + {} incoming records (generated in {:.2?})",
        existing.len(),
        incoming.len(),
        started.elapsed()
    );

    let (merged, merging) = timed(|| merge_import(&existing, &incoming));
    assert_eq!(merged.store.len(), existing.len());
    assert_eq!(merged.added + merged.updated, 0);
    println!(
        "merge_import, every incoming record a duplicate: {merging} \
         ({} duplicates, {} within the file)",
        merged.duplicates, merged.duplicates_in_file
    );

    let result = IngestResult {
        rows_read: incoming.len(),
        store: incoming,
        ..IngestResult::default()
    };
    let (report, reporting) = timed(|| quality_report(&result, Some(&existing)));
    println!(
        "quality_report against the existing records: {reporting} ({} groups)",
        report.groups.len()
    );
}
