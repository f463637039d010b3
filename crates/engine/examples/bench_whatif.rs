//! What-if benchmark: the UI rescores every row on each weight drag. Builds a synthetic
//! measure table of 2,000 agents x 3 months x 17 metrics, compiles the default scheme
//! once, then repeatedly changes one weight and rescores all 6,000 rows into a reused
//! board, printing p50 / p95 / max per rescore.
//!
//! `cargo run --release --example bench_whatif -p carescore-engine`

use std::time::{Duration, Instant};

use carescore_engine::measure::{Measure, MeasureRow, MeasureTable};
use carescore_engine::scorecard::defaults::default_history;
use carescore_engine::scoring::CompiledScheme;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

const AGENTS: usize = 2_000;
const PERIODS: [&str; 3] = ["2021-01", "2021-02", "2021-03"];
const RESCORES: usize = 2_000;

/// The 17 standard metrics (the 360 peer review of the default card is absent, N/A as in
/// real data), with plausible value ranges.
const METRICS: [(&str, f64, f64); 17] = [
    ("contacts", 50.0, 800.0),
    ("answered_rate", 0.7, 1.0),
    ("resolved_rate", 0.6, 1.0),
    ("fcr_rate", 0.5, 1.0),
    ("first_response_secs_mean", 5.0, 300.0),
    ("first_response_secs_median", 5.0, 240.0),
    ("first_response_secs_p90", 20.0, 600.0),
    ("handle_secs_mean", 120.0, 900.0),
    ("resolution_secs_mean", 600.0, 172_800.0),
    ("resolution_secs_median", 600.0, 86_400.0),
    ("csat_mean", 2.5, 5.0),
    ("csat_top2_rate", 0.3, 1.0),
    ("csat_rated_rate", 0.1, 0.9),
    ("complaint_rate", 0.0, 0.03),
    ("reopen_rate", 0.0, 0.2),
    ("reassign_rate", 0.0, 0.4),
    ("sla_met_rate", 0.5, 1.0),
];

fn synthetic_table(rng: &mut SmallRng) -> MeasureTable {
    let mut rows = Vec::with_capacity(AGENTS * PERIODS.len());
    for agent in 0..AGENTS {
        for period in PERIODS {
            let values = METRICS
                .iter()
                .map(|&(_, low, high)| {
                    // About 3% N/A, so redistribution is exercised.
                    if rng.random::<f64>() < 0.03 {
                        return Measure::not_available();
                    }
                    let sample = rng.random_range(5..600);
                    Measure {
                        value: Some(rng.random_range(low..high)),
                        sample,
                        numerator: None,
                        excluded: vec![],
                    }
                })
                .collect();
            rows.push(MeasureRow {
                group: format!("agent{agent:04}"),
                team: Some(format!("team{:02}", agent % 40)),
                period: period.to_string(),
                records: 300,
                values,
            });
        }
    }
    MeasureTable {
        metric_ids: METRICS.iter().map(|m| m.0.to_string()).collect(),
        rows,
    }
}

/// A fixed reference loop (60,000 divide-adds, best of 200) so figures from different
/// machines can be compared: the rescore time divided by this is machine-independent-ish.
fn reference_loop_micros() -> f64 {
    let values: Vec<f64> = (0..60_000).map(|i| f64::from(i).sin()).collect();
    let mut best = f64::MAX;
    let mut sink = 0.0;
    for _ in 0..200 {
        let started = Instant::now();
        let mut sum = 0.0;
        for (i, v) in values.iter().enumerate() {
            sum += v / (1.0 + (i & 7) as f64);
        }
        sink += std::hint::black_box(sum);
        best = best.min(started.elapsed().as_secs_f64());
    }
    std::hint::black_box(sink);
    best * 1e6
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let mut rng = SmallRng::seed_from_u64(7);
    let table = synthetic_table(&mut rng);
    let history = default_history();

    let started = Instant::now();
    let mut scheme = CompiledScheme::compile(&history, &table).expect("default scheme compiles");
    let compile_time = started.elapsed();
    let started = Instant::now();
    let mut board = scheme.score();
    let first_score_time = started.elapsed();

    let mut times = Vec::with_capacity(RESCORES);
    let mut checksum = 0.0;
    for i in 0..RESCORES {
        // A weight drag: the service-quality weight moves between 20 and 60.
        let weight = 20.0 + (i % 41) as f64;
        let started = Instant::now();
        scheme
            .set_dimension_weight(0, 0, weight)
            .expect("valid weight");
        scheme.score_into(&mut board);
        times.push(started.elapsed());
        checksum += board.rows[i % board.rows.len()].total.unwrap_or(0.0);
    }
    times.sort();

    let explain_started = Instant::now();
    let explanation = scheme
        .explain(&table, &board, "agent0042", "2021-02")
        .expect("row exists");
    let explain_time = explain_started.elapsed();

    println!(
        "what-if rescore: {} rows ({AGENTS} agents x {} periods x {} metrics), {RESCORES} rescores",
        table.rows.len(),
        PERIODS.len(),
        METRICS.len()
    );
    println!(
        "  per rescore: p50 {:.1} us, p95 {:.1} us, max {:.1} us",
        percentile(&times, 0.5).as_secs_f64() * 1e6,
        percentile(&times, 0.95).as_secs_f64() * 1e6,
        times.last().unwrap().as_secs_f64() * 1e6
    );
    println!(
        "  compile once: {:.2} ms; first full scoring (curves too): {:.2} ms; one explanation: {:.1} us ({} dimensions)",
        compile_time.as_secs_f64() * 1e3,
        first_score_time.as_secs_f64() * 1e3,
        explain_time.as_secs_f64() * 1e6,
        explanation.dimensions.len()
    );
    println!(
        "  machine reference: 60k divide-adds take {:.1} us here; (checksum {checksum:.3})",
        reference_loop_micros()
    );
}
