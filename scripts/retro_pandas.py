#!/usr/bin/env python3
"""The same weekly aggregation as `oncall retro --json`'s `trend[]`, in pandas: the baseline
for scripts/bench-retro, and a cross-check of the Rust numbers on a generated log.

usage: retro_pandas.py REPO [--weeks N] [--check ONCALL_JSON]

Reads REPO/schedule.toml (team zone, people's zones, office hours) and REPO/pages.csv, takes
"now" from $ONCALL_NOW, and prints the trend (oldest week first) as JSON. With --check it
compares its numbers with the `trend` of an `oncall retro --json` output and exits 1 on any
difference. Same rules as src/retro/stats.rs: incidents belong to the week of their first
page; nights 22:00-08:00 and weekends Sat/Sun on each responder's own clock; office hours
from [hours] on the responder's clock; shares over incidents resolved in the week. Not
implemented here (the generated log does not need them): filling empty manager/engineer
cells from the schedule, and escalate rows without a level.
"""

import datetime as dt
import json
import os
import sys
import tomllib

import numpy as np
import pandas as pd

DAYS = {"Mon": 0, "Tue": 1, "Wed": 2, "Thu": 3, "Fri": 4, "Sat": 5, "Sun": 6}


def week_bounds(now, tz, n):
    """Monday-00:00 boundaries (UTC) of the n weeks before now's week and of it, plus labels."""
    local = now.tz_convert(tz)
    monday = (local.tz_localize(None).normalize() - pd.Timedelta(days=local.weekday()))
    naive = [monday - pd.Timedelta(weeks=k) for k in range(n, -2, -1)]
    bounds = [
        t.tz_localize(tz, ambiguous=True, nonexistent="shift_forward").tz_convert("UTC")
        for t in naive
    ]
    labels = []
    for t in naive[:-1]:
        y, w, _ = t.isocalendar()
        labels.append(f"{y}-W{w:02d}")
    return bounds, labels


def classify(times, zone, hours):
    """night, weekend, office booleans for each UTC time on a clock in `zone`."""
    local = times.dt.tz_convert(zone)
    hour = local.dt.hour
    night = (hour >= 22) | (hour < 8)
    wd = local.dt.day_of_week
    weekend = wd >= 5
    minutes = hour * 60 + local.dt.minute
    workday = wd.isin(hours["days"]) & ~local.dt.date.isin(hours["holidays"])
    office = ~night & ~weekend & workday & (minutes >= hours["start"]) & (minutes < hours["end"])
    return night.to_numpy(), weekend.to_numpy(), office.to_numpy()


def spread(values):
    v = np.sort(values.dropna().to_numpy(dtype=np.int64))
    if len(v) == 0:
        return None, None
    n = len(v)
    med = int(v[n // 2]) if n % 2 else int((v[n // 2 - 1] + v[n // 2]) // 2)
    return med, int(v[-1])


def main():
    args = sys.argv[1:]
    repo = args[0]
    weeks = int(args[args.index("--weeks") + 1]) if "--weeks" in args else 4
    check = args[args.index("--check") + 1] if "--check" in args else None
    now = pd.Timestamp(os.environ.get("ONCALL_NOW") or dt.datetime.now(dt.timezone.utc))
    now = now.tz_convert("UTC") if now.tzinfo else now.tz_localize("UTC")

    with open(os.path.join(repo, "schedule.toml"), "rb") as f:
        sched = tomllib.load(f)
    tz = sched["team"]["timezone"]
    zones = {pid: p.get("timezone", tz) for pid, p in sched.get("people", {}).items()}
    h = sched.get("hours", {})
    hm = lambda s: int(s[:2]) * 60 + int(s[3:5])
    hours = {
        "days": [DAYS[d] for d in h.get("days", ["Mon", "Tue", "Wed", "Thu", "Fri"])],
        "start": hm(h.get("start", "09:00")),
        "end": hm(h.get("end", "18:00")),
        "holidays": list(h.get("holidays", [])),
    }

    df = pd.read_csv(
        os.path.join(repo, "pages.csv"),
        dtype=str,
        keep_default_na=False,
        usecols=["time", "incident", "event", "service", "urgency", "level", "manager",
                 "engineer", "status", "documented", "automated"],
        on_bad_lines="skip",
    )
    df["time"] = pd.to_datetime(df["time"], utc=True, format="ISO8601", errors="coerce")
    df = df.dropna(subset=["time"])

    bounds, labels = week_bounds(now, tz, weeks)
    inc = df[df["incident"] != ""]
    ev = inc["event"]
    pages = inc[ev == "page"].sort_values("time", kind="stable")
    first = pages.drop_duplicates("incident").set_index("incident")
    I = pd.DataFrame({
        "paged": first["time"],
        "manager": first["manager"],
        "engineer": first["engineer"],
        "last_page": pages.groupby("incident")["time"].max(),
    })
    I["ack"] = inc[ev == "ack"].groupby("incident")["time"].min()
    res = inc[ev == "resolve"].sort_values("time", kind="stable")
    last = res.drop_duplicates("incident", keep="last").set_index("incident")
    I["resolved"] = last["time"]
    I["documented"] = last["documented"].str.lower() == "true"
    I["automated"] = last["automated"].str.lower() == "true"
    I["first_resolve"] = res.groupby("incident")["time"].min()
    I["level"] = pd.to_numeric(inc["level"], errors="coerce").groupby(inc["incident"]).max()
    I = I[I["paged"].notna()]

    lo, hi = bounds[0], bounds[-1]
    W = I[(I["paged"] >= lo) & (I["paged"] < hi)].copy()
    night = np.zeros(len(W), bool)
    weekend = np.zeros(len(W), bool)
    office = np.ones(len(W), bool)
    any_person = np.zeros(len(W), bool)
    for role in ["manager", "engineer"]:
        zone_of = W[role].map(lambda p: zones.get(p, tz))
        present = (W[role] != "").to_numpy()
        for zone in zone_of.unique():
            sel = (zone_of == zone).to_numpy() & present
            n, w, o = classify(W["paged"][sel], zone, hours)
            night[sel] |= n
            weekend[sel] |= w
            office[sel] &= o
        any_person |= present
    office &= any_person
    W["night"], W["weekend"], W["office"] = night, weekend, office
    W["evening"] = ~office & ~night & ~weekend
    inner = np.array([b.tz_localize(None).to_datetime64() for b in bounds[1:-1]],
                     dtype="datetime64[ns]")
    W["week"] = np.searchsorted(inner, W["paged"].dt.tz_localize(None).to_numpy(
        dtype="datetime64[ns]"), side="right")
    W["ack_s"] = (W["ack"] - W["paged"]).dt.total_seconds().clip(lower=0)
    W["res_s"] = (W["resolved"] - W["paged"]).dt.total_seconds().clip(lower=0)

    morale = df[(df["event"] == "morale") & df["status"].isin(["1", "2", "3", "4", "5"])]
    scores = pd.to_numeric(morale["status"])

    trend = []
    for k, label in enumerate(labels):
        start, end = bounds[k], bounds[k + 1]
        wk = W[W["week"] == k]
        r = I[(I["resolved"] >= start) & (I["resolved"] < end)]
        before = lambda col: I[col].where(I[col] < end)
        res_before = before("resolved").fillna(before("first_resolve"))
        lp = I["last_page"]
        open_ = (I["paged"] < end) & (res_before.isna() | ((lp < end) & (lp > res_before)))
        m = scores[(morale["time"] >= start) & (morale["time"] < end)]
        share = lambda col: round(float(r[col].mean()), 4) if len(r) else None
        am, aw = spread(wk["ack_s"])
        rm, rw = spread(wk["res_s"])
        trend.append({
            "week": label,
            "pages": int(len(wk)),
            "nights": int(wk["night"].sum()),
            "weekends": int(wk["weekend"].sum()),
            "evenings": int(wk["evening"].sum()),
            "office_hours": int(wk["office"].sum()),
            "ack_median": am, "ack_worst": aw,
            "resolve_median": rm, "resolve_worst": rw,
            "level2": int((wk["level"] >= 2).sum()),
            "level3": int((wk["level"] >= 3).sum()),
            "resolved": int(len(r)),
            "documented_share": share("documented"),
            "automated_share": share("automated"),
            "morale_mean": round(float(m.mean()), 2) if len(m) else None,
            "open_at_end_count": int(open_.sum()),
        })

    if check:
        with open(check) as f:
            rust = json.load(f)["trend"]
        flat = [{
            "week": t["week"], "pages": t["pages"],
            "nights": t["off_hours"]["nights"], "weekends": t["off_hours"]["weekends"],
            "evenings": t["off_hours"]["evenings"], "office_hours": t["off_hours"]["office_hours"],
            "ack_median": t["ack_seconds"]["median"], "ack_worst": t["ack_seconds"]["worst"],
            "resolve_median": t["resolve_seconds"]["median"],
            "resolve_worst": t["resolve_seconds"]["worst"],
            "level2": t["escalations"]["level2"], "level3": t["escalations"]["level3"],
            "resolved": t["resolved"], "documented_share": t["documented_share"],
            "automated_share": t["automated_share"], "morale_mean": t["morale"]["mean"],
            "open_at_end_count": t["open_at_end_count"],
        } for t in rust]
        if flat != trend:
            for a, b in zip(flat, trend):
                for key in a:
                    if a[key] != b.get(key):
                        print(f"{a['week']} {key}: oncall {a[key]} pandas {b.get(key)}",
                              file=sys.stderr)
            sys.exit(1)
        print("pandas and oncall agree on every trend number", file=sys.stderr)
    json.dump(trend, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
