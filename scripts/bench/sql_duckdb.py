#!/usr/bin/env python3
"""DuckDB running `carescore sql` beside the CLI computing the same metrics, timed in one run.

Usage (figures only; nothing here asserts a time):

    carescore demo --contacts 1000000 --agents 2000 --teams 80 --out /tmp/demo_1m.csv
    python3 scripts/bench/sql_duckdb.py /tmp/demo_1m.csv [--carescore target/release/carescore]
        [--by agent] [--period month] [--threads N] [--scores]

Prints, for the metrics by agent x month (or with --scores, metrics and scores):
- DuckDB: loading the CSV into a table (all columns as text), then the generated query
  (reading every value from text, as the engine's readers do) over that table;
- the CLI: `carescore metrics` (or `score`) on the same file, end to end (reading included);
and checks that both give the same number of rows.
"""

import argparse
import os
import subprocess
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="canonical demo CSV")
    parser.add_argument("--carescore", default="target/release/carescore")
    parser.add_argument("--by", default="agent")
    parser.add_argument("--period", default="month")
    parser.add_argument("--threads", type=int, help="DuckDB threads (default: all cores)")
    parser.add_argument("--scores", action="store_true", help="scores too, not only metrics")
    return parser.parse_args()


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def main():
    args = parse_args()
    try:
        import duckdb
    except ImportError:
        sys.exit("the DuckDB Python package is missing: scripts/setup.sh all (or pip install duckdb)")
    if not os.path.exists(args.carescore):
        sys.exit(f"{args.carescore} not found: cargo build --release -p carescore-cli")
    query_args = [args.carescore, "sql", "--dialect", "duckdb", "--table", "contacts",
                  "--by", args.by, "--period", args.period]
    if not args.scores:
        query_args.append("--metrics-only")
    query = subprocess.run(query_args, check=True, capture_output=True, text=True).stdout

    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    _, load = timed(lambda: con.execute(
        "CREATE TABLE contacts AS SELECT * FROM read_csv(?, all_varchar = true, header = true)",
        [args.csv]))
    rows = con.execute("SELECT count(*) FROM contacts").fetchone()[0]
    result, run = timed(lambda: con.execute(query).fetchall())

    command = "score" if args.scores else "metrics"
    cli_args = [args.carescore, command, "--input", args.csv, "--by", args.by,
                "--period", args.period, "--format", "csv"]
    cli, cli_time = timed(lambda: subprocess.run(cli_args, check=True, capture_output=True))
    cli_rows = cli.stdout.count(b"\n") - 1

    what = "metrics and scores" if args.scores else "metrics"
    print(f"{rows:,} records, {what} by {args.by} x {args.period}, load average "
          f"{os.getloadavg()[0]:.2f}")
    print(f"  DuckDB {duckdb.__version__} ({threads} threads): load CSV as text {load:6.2f} s, "
          f"query {run:6.2f} s, together {load + run:6.2f} s -> {len(result):,} rows")
    print(f"  carescore {command} (read + compute):            {cli_time:6.2f} s -> "
          f"{cli_rows:,} rows")
    if cli_rows != len(result):
        sys.exit("the row counts differ")


if __name__ == "__main__":
    main()
