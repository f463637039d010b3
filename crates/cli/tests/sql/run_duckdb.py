"""Runs a query from `carescore sql --dialect duckdb` over a CSV file and prints its rows.

usage: python3 run_duckdb.py RECORDS.csv QUERY.sql [TABLE]

The CSV is read into TABLE (default `contacts`) with every column as text, so the query
parses values as the engine's readers parse a file. Prints a JSON list of row objects.
Exits with status 3 and one line on stderr when the duckdb package is missing.
"""

import json
import sys

try:
    import duckdb
except ImportError:
    sys.stderr.write(
        "the DuckDB Python package is not installed: run scripts/setup.sh all "
        "(or pip install duckdb)\n"
    )
    sys.exit(3)


def main():
    records, query = sys.argv[1], sys.argv[2]
    table = sys.argv[3] if len(sys.argv) > 3 else "contacts"
    con = duckdb.connect()
    con.execute(
        f"CREATE TABLE {table} AS SELECT * FROM read_csv(?, all_varchar = true, header = true)",
        [records],
    )
    with open(query, encoding="utf-8") as f:
        cursor = con.execute(f.read())
    columns = [d[0] for d in cursor.description]
    rows = [dict(zip(columns, row)) for row in cursor.fetchall()]
    json.dump(rows, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
