#!/usr/bin/env bash
# Opt-in check of the Spark dialect of `carescore sql` (not part of scripts/test.sh): writes the
# 20,000-contact demo, then runs the Spark query in a local Spark session and compares every
# column with the DuckDB dialect's rows (proved equal to the engine by sql_duckdb.rs) and every
# standard metric with `carescore metrics`, for agents and teams by month (a versioned
# scorecard) and agents by week (the default card).
#
#   pip install pyspark==3.5.6     # about 320 MB; needs Java 17 (java -version)
#   scripts/bench/sql_spark.sh [target/debug/carescore]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BIN="${1:-$ROOT/target/debug/carescore}"
[ -x "$BIN" ] || { echo "no $BIN: cargo build -p carescore-cli" >&2; exit 2; }
command -v java >/dev/null || { echo "Spark needs Java 17: apt-get install openjdk-17-jre-headless" >&2; exit 2; }
python3 -c 'import pyspark' 2>/dev/null ||
    { echo "pyspark is missing: pip install pyspark==3.5.6" >&2; exit 2; }

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
"$BIN" demo --contacts 20000 --out "$SCRATCH/demo.csv"
HISTORY="$ROOT/crates/cli/tests/sql/history.json"
python3 "$ROOT/scripts/bench/sql_spark.py" "$SCRATCH/demo.csv" --carescore "$BIN" \
    --scorecard "$HISTORY" --by agent --period month
python3 "$ROOT/scripts/bench/sql_spark.py" "$SCRATCH/demo.csv" --carescore "$BIN" \
    --scorecard "$HISTORY" --by team --period month
python3 "$ROOT/scripts/bench/sql_spark.py" "$SCRATCH/demo.csv" --carescore "$BIN" \
    --by agent --period week
