#!/usr/bin/env python3
"""Runs `carescore sql --dialect spark` in a local Spark session and compares its rows with
the DuckDB dialect's (which crates/cli/tests/sql_duckdb.rs proves equal to the engine) and
with `carescore metrics`. Opt-in: not part of the test run (pyspark is large).

usage: python3 scripts/bench/sql_spark.py RECORDS.csv --carescore BIN [--scorecard CARD]
       [--by agent] [--period month]

Every column must agree within 1e-9 relative, NULL for N/A. Exits 1 on any difference.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUN_DUCKDB = os.path.join(HERE, "../../crates/cli/tests/sql/run_duckdb.py")
TOLERANCE = 1e-9


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--carescore", required=True)
    parser.add_argument("--scorecard")
    parser.add_argument("--by", default="agent")
    parser.add_argument("--period", default="month")
    return parser.parse_args()


def query(args, dialect):
    command = [args.carescore, "sql", "--dialect", dialect, "--table", "contacts",
               "--by", args.by, "--period", args.period]
    if args.scorecard:
        command += ["--scorecard", args.scorecard]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def same(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= TOLERANCE * max(abs(a), abs(b), 1e-300)
    return a == b


def compare(name, expected, actual, columns=None):
    """Rows keyed by (group, period); returns the number of differences."""
    key = lambda row: (row["group"], row["period"])  # noqa: E731
    actual = {key(row): row for row in actual}
    problems = 0
    if len(expected) != len(actual):
        print(f"{name}: {len(expected)} rows expected, {len(actual)} from Spark")
        problems += 1
    for row in expected:
        other = actual.get(key(row))
        if other is None:
            print(f"{name}: Spark has no row {key(row)}")
            problems += 1
            continue
        for column in columns or row.keys():
            if not same(row[column], other.get(column)):
                print(f"{name}: {key(row)} {column}: {row[column]} vs Spark {other.get(column)}")
                problems += 1
    return problems


def spark_rows(csv, sql):
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[2]").appName("carescore-sql")
             .config("spark.sql.ansi.enabled", "false")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "4")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    # Every column as text (no schema inference), as the engine's readers see a file.
    spark.read.csv(csv, header=True, inferSchema=False).createOrReplaceTempView("contacts")
    start = time.perf_counter()
    rows = [row.asDict() for row in spark.sql(sql.rstrip().rstrip(";")).collect()]
    elapsed = time.perf_counter() - start
    spark.stop()
    return rows, elapsed


def main():
    args = parse_args()
    try:
        import pyspark
    except ImportError:
        sys.exit("pyspark is missing: pip install pyspark==3.5.6 (needs Java 17)")
    spark_sql = query(args, "spark")
    with tempfile.TemporaryDirectory() as scratch:
        duck_sql = os.path.join(scratch, "duckdb.sql")
        with open(duck_sql, "w", encoding="utf-8") as f:
            f.write(query(args, "duckdb"))
        duck = json.loads(subprocess.run(
            [sys.executable, RUN_DUCKDB, args.csv, duck_sql],
            check=True, capture_output=True, text=True).stdout)
    metrics_cmd = [args.carescore, "metrics", "--input", args.csv, "--by", args.by,
                   "--period", args.period, "--format", "json"]
    cli = json.loads(subprocess.run(metrics_cmd, check=True, capture_output=True).stdout)
    cli_rows = [dict(group=g["group"], period=g["period"], **g["metrics"]) for g in cli["groups"]]

    spark, elapsed = spark_rows(args.csv, spark_sql)
    print(f"pyspark {pyspark.__version__}: {len(spark)} rows by {args.by} x {args.period} "
          f"in {elapsed:.1f} s")
    problems = compare("Spark vs DuckDB", duck, spark)
    problems += compare("Spark vs carescore metrics", cli_rows, spark,
                        [c for c in cli_rows[0].keys()] if cli_rows else None)
    columns = len(duck[0]) if duck else 0
    if problems:
        sys.exit(f"{problems} differences")
    print(f"same: every one of {columns} columns of {len(duck)} rows as DuckDB, and every "
          f"standard metric as carescore metrics")


if __name__ == "__main__":
    main()
