#!/usr/bin/env python3
"""Independent expected values for crates/engine/tests/pwc_golden.rs.

Reads the PwC call-centre CSV with the stdlib csv module only and prints, per agent
(all three months) and per agent for January 2021: contacts, answered_rate, resolved_rate,
first_response_secs_mean, handle_secs_mean, csat_mean, csat_top2_rate.

Definitions (the public metric contract):
- contacts: every row; answered_rate: Answered (Y/N) == "Y" among them;
- the rest are over answered calls only: resolved_rate = Resolved == "Y";
  means over the non-empty values ("Speed of answer in seconds" as seconds,
  AvgTalkDuration "h:mm:ss" as seconds, "Satisfaction rating" 1-5); top-2 = rating >= 4.

Usage: python3 pwc_expected.py [path/to/Call-Center-Dataset.csv]
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "../../../../../shared/data/pwc_call_center/Call-Center-Dataset.csv")


def seconds(text):
    hours, minutes, secs = text.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + int(secs)


def summarise(rows):
    answered = [r for r in rows if r["Answered (Y/N)"] == "Y"]
    speeds = [float(r["Speed of answer in seconds"]) for r in answered if r["Speed of answer in seconds"]]
    talks = [seconds(r["AvgTalkDuration"]) for r in answered if r["AvgTalkDuration"]]
    ratings = [int(r["Satisfaction rating"]) for r in rows if r["Satisfaction rating"]]
    return [
        len(rows),
        len(answered) / len(rows),
        sum(r["Resolved"] == "Y" for r in answered) / len(answered),
        sum(speeds) / len(speeds),
        sum(talks) / len(talks),
        sum(ratings) / len(ratings),
        sum(x >= 4 for x in ratings) / len(ratings),
    ]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    agents = sorted({r["Agent"] for r in rows})
    for title, subset in [
        ("ALL_PERIODS", rows),
        ("JANUARY", [r for r in rows if r["Date"].startswith("2021-01-")]),
    ]:
        print(f"const {title}: [(&str, [f64; 7]); {len(agents)}] = [")
        for agent in agents:
            values = ", ".join(repr(float(v)) for v in summarise([r for r in subset if r["Agent"] == agent]))
            print(f'    ("{agent}", [{values}]),')
        print("];")


if __name__ == "__main__":
    main()
