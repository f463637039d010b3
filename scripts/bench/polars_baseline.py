#!/usr/bin/env python3
"""Baseline for CareScore's import benchmark: the 17 standard metrics per agent x month
computed with polars on the same canonical CSV, timed.

Usage (the CSV comes from the Rust benchmark or the CLI; keep it out of the repository):

    cargo run --release -p carescore-engine --example bench_import -- --write /tmp/demo_1m.csv
    # or: carescore demo --contacts 1000000 --agents 2000 --teams 80 --out /tmp/demo_1m.csv
    pip install polars
    python3 scripts/bench/polars_baseline.py /tmp/demo_1m.csv [--threads N] [--check FILE]

The metric semantics mirror crates/engine/src/metrics (populations: all, answered,
resolved; a rate over a boolean is true among known values, over a count the share above
zero; `answered` missing reads as true). `--check FILE` compares with
`carescore metrics --input CSV --period month --format csv > FILE` and prints the largest
relative difference per metric.
"""

import argparse
import os
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="canonical demo CSV")
    parser.add_argument("--threads", type=int, help="POLARS_MAX_THREADS (default: all cores)")
    parser.add_argument("--check", help="carescore metrics CSV output to compare against")
    return parser.parse_args()


def standard_metrics(pl, frame):
    """The standard metrics as polars expressions over one group."""
    answered = pl.col("answered").fill_null(True)
    resolved = pl.col("resolved") == True  # noqa: E712 (null stays out of the population)
    resolution_secs = (pl.col("resolved_at") - pl.col("opened_at")).dt.total_seconds()
    in_answered = lambda expr: expr.filter(answered)  # noqa: E731
    return frame.group_by("agent", "period").agg(
        pl.len().alias("contacts"),
        answered.cast(pl.Float64).mean().alias("answered_rate"),
        in_answered(pl.col("resolved")).cast(pl.Float64).mean().alias("resolved_rate"),
        in_answered(pl.col("first_contact_resolved")).cast(pl.Float64).mean().alias("fcr_rate"),
        in_answered(pl.col("first_response_secs")).mean().alias("first_response_secs_mean"),
        in_answered(pl.col("first_response_secs")).median().alias("first_response_secs_median"),
        in_answered(pl.col("first_response_secs"))
        .quantile(0.9, interpolation="linear")
        .alias("first_response_secs_p90"),
        in_answered(pl.col("handle_secs")).mean().alias("handle_secs_mean"),
        resolution_secs.filter(resolved).mean().alias("resolution_secs_mean"),
        resolution_secs.filter(resolved).median().alias("resolution_secs_median"),
        pl.col("csat").mean().alias("csat_mean"),
        pl.col("csat").is_between(4, 5).filter(pl.col("csat").is_not_null()).mean().alias("csat_top2_rate"),
        in_answered(pl.col("csat").is_not_null()).mean().alias("csat_rated_rate"),
        in_answered(pl.col("complaint")).cast(pl.Float64).mean().alias("complaint_rate"),
        (pl.col("reopen_count") > 0).filter(resolved).cast(pl.Float64).mean().alias("reopen_rate"),
        (pl.col("reassign_count") > 0).cast(pl.Float64).mean().alias("reassign_rate"),
        pl.col("sla_met").cast(pl.Float64).mean().alias("sla_met_rate"),
    )


def read(pl, path):
    """The file with typed columns. Datetimes are parsed with their explicit canonical format:
    polars' own date inference (`try_parse_dates`) is several times slower on this file."""
    frame = pl.read_csv(path, schema_overrides={"id": pl.String, "opened_at": pl.String, "resolved_at": pl.String})
    return frame.with_columns(
        pl.col("opened_at", "resolved_at").str.strptime(pl.Datetime, "%Y-%m-%d %H:%M:%S", strict=False)
    )


def compare(pl, table, check_path):
    theirs = pl.read_csv(check_path).rename({"group": "agent"})
    joined = table.join(theirs, on=["agent", "period"], suffix="_rust")
    print(f"check: {joined.height} of {table.height} groups matched by (agent, period)")
    for metric in table.columns[2:]:
        ours, rust = pl.col(metric).cast(pl.Float64), pl.col(f"{metric}_rust").cast(pl.Float64)
        worst = joined.select(((ours - rust).abs() / rust.abs().clip(lower_bound=1e-9)).max()).item()
        print(f"  {metric:28} max relative difference {worst if worst is not None else 'n/a'}")


def main():
    args = parse_args()
    if args.threads:
        os.environ["POLARS_MAX_THREADS"] = str(args.threads)
    import polars as pl  # after POLARS_MAX_THREADS is set

    started = time.perf_counter()
    frame = read(pl, args.csv)
    read_secs = time.perf_counter() - started

    started = time.perf_counter()
    frame = frame.with_columns(pl.col("opened_at").dt.strftime("%Y-%m").alias("period"))
    table = standard_metrics(pl, frame).sort("agent", "period")
    metric_secs = time.perf_counter() - started

    print(f"polars {pl.__version__}, {pl.thread_pool_size()} threads, {frame.height} rows")
    print(f"  read_csv:                      {read_secs:.2f} s")
    print(f"  metrics by agent x month:      {metric_secs:.2f} s ({table.height} rows x {table.width - 2} metrics)")
    print(f"  end to end (read + metrics):   {read_secs + metric_secs:.2f} s")
    if args.check:
        compare(pl, table, args.check)
    return 0


if __name__ == "__main__":
    sys.exit(main())
