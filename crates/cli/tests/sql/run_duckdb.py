"""Runs a query from `carescore sql --dialect duckdb` over a CSV file and prints its rows.

usage: python3 run_duckdb.py RECORDS.csv QUERY.sql [--typed]

The CSV is read into the table `contacts` with every column as text, so the query parses
values as the engine's readers parse a file; with --typed, with the types DuckDB detects
(timestamps, booleans, integers), as a warehouse table would have them. Prints a JSON list
of row objects.
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
    typed = "--typed" in sys.argv[3:]
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE contacts AS SELECT * FROM read_csv(?, all_varchar = ?, header = true)",
        [records, not typed],
    )
    with open(query, encoding="utf-8") as f:
        cursor = con.execute(f.read())
    columns = [d[0] for d in cursor.description]
    rows = [dict(zip(columns, row)) for row in cursor.fetchall()]
    json.dump(rows, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
