//! Record-store snapshot benchmark: builds the demo service centre with 1,000,000 contacts
//! over 2,000 agents (80 teams, 3 months, as `bench_import`), then prints the snapshot's
//! size and the time to encode it and to decode (and check) it again, best of a few runs.
//! It asserts nothing about time.
//!
//! ```text
//! cargo run --release -p carescore-engine --example bench_snapshot -- [--contacts N]
//! ```

use std::time::Instant;

use carescore_engine::demo::{record_store, DemoConfig};
use carescore_engine::records::RecordStore;

const RUNS: usize = 5;

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
                eprintln!("usage: bench_snapshot [--contacts N]");
                std::process::exit(2);
            }
        }
    }
    let store = record_store(&config).expect("valid demo config");
    let best = |mut run: Box<dyn FnMut()>| {
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                run();
                start.elapsed().as_secs_f64() * 1000.0
            })
            .fold(f64::INFINITY, f64::min)
    };
    let bytes = store.to_snapshot();
    let encode_ms = best(Box::new(|| {
        std::hint::black_box(store.to_snapshot());
    }));
    let decode_ms = best(Box::new(|| {
        std::hint::black_box(RecordStore::from_snapshot(&bytes).expect("loads"));
    }));
    let back = RecordStore::from_snapshot(&bytes).expect("loads");
    assert_eq!(back.len(), store.len());
    println!(
        "{} records (ids: {}): snapshot {:.1} MB ({:.1} bytes/record), \
         column memory ~{:.1} MB; encode {encode_ms:.1} ms, decode+check {decode_ms:.1} ms \
         (best of {RUNS})",
        store.len(),
        if store.id(0).is_some() { "yes" } else { "no" },
        bytes.len() as f64 / 1e6,
        bytes.len() as f64 / store.len() as f64,
        store.heap_bytes() as f64 / 1e6,
    );
}
