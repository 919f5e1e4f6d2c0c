#!/usr/bin/env python3
"""Expected KPIs of cfpb_first_300.csv, computed independently of Redress.

Reads the fixture with Python's csv module and applies the definitions of
docs/KPIS.md and the CFPB mapping of docs/IMPORT.md directly to the CSV
columns, with none of Redress's code. Writes expected_kpis.json next to it;
RedressReportsTests compares `redress report` against that file.

    python3 Tests/RedressReportsTests/Fixtures/expected_kpis.py

Values are unrounded; the test allows each KPI's rounding (docs/KPIS.md).
"""
import csv
import datetime
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_SAMPLE = 10
RELIEF = {"Closed with monetary relief", "Closed with non-monetary relief", "Closed with relief"}
CLOSED = {"Closed with explanation", "Closed with monetary relief", "Closed with non-monetary relief",
          "Closed with relief", "Closed without relief", "Closed"}


def day(text):
    return datetime.date.fromisoformat(text)


def nearest_rank(values, p):
    ordered = sorted(values)
    return ordered[math.ceil(p * len(ordered) / 100) - 1]


def share(numerator, denominator):
    return numerator / denominator if denominator >= MIN_SAMPLE else None


def kpis(rows):
    n = len(rows)
    ack_hours = [(day(r["Date sent to company"]) - day(r["Date received"])).days * 24 for r in rows]
    closed = [r for r in rows if r["Company response to consumer"] in CLOSED]
    referred = [r for r in closed if r["Consumer disputed?"] == "Yes"]
    open_rows = [r for r in rows if r["Company response to consumer"] not in CLOSED]
    web = sum(1 for r in rows if r["Submitted via"] in ("Web", "Web Referral"))
    return {
        "complaints": n,
        "ack_hours_median": nearest_rank(ack_hours, 50) if n >= MIN_SAMPLE else None,
        "ack_hours_p90": nearest_rank(ack_hours, 90) if n >= MIN_SAMPLE else None,
        # Acknowledged (sent to the company) within the default 48-hour promise.
        "ack_within_promise": share(sum(1 for h in ack_hours if h <= 48), n),
        # Every row has a timeliness verdict, so every row is judged.
        "resolved_within_promise": share(sum(1 for r in rows if r["Timely response?"] == "Yes"), n),
        "referral_rate": share(len(referred), len(closed)),
        # Upheld = closed with relief of either kind, among complaints the company answered (docs/IMPORT.md).
        "upheld_rate": share(sum(1 for r in closed if r["Company response to consumer"] in RELIEF), len(closed)),
        "escalation_rate": share(len(referred), n),
        "reached_level_4": share(len(referred), n),
        "reopen_rate": share(0, len(closed)),
        "web_form_share": share(web, n),
        # Open: the company has not closed it; all are long past the 15-day response promise.
        "backlog": len(open_rows),
        "overdue": len(open_rows),
        "first_contact_resolution": None,
        "csat_mean": None,
        "nps": None,
        "resolve_days_median": None,
    }


def main():
    with open(os.path.join(HERE, "cfpb_first_300.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_company, by_month = {}, {}
    for r in rows:
        by_company.setdefault(r["Company"], []).append(r)
        by_month.setdefault(r["Date received"][:7], []).append(r)
    expected = {
        "rows": len(rows),
        "companies": len(by_company),
        "by_company": {name: kpis(group) for name, group in sorted(by_company.items()) if len(group) >= 5},
        "by_month": {month: len(group) for month, group in sorted(by_month.items())},
    }
    with open(os.path.join(HERE, "expected_kpis.json"), "w") as f:
        json.dump(expected, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
