#!/usr/bin/env python3
"""Writes the example page log (pages.csv) of the on-call repository shipped at the project
root: six weeks of a plausible data team's pages, acknowledgements, escalations, notes,
resolutions and morale scores, driven through the real `oncall` binary with `--at` so every
row is exactly what the tool writes. One incident is left open.

Usage: scripts/seed-example-log.py [path/to/oncall]   (run from the project root)
"""
import datetime as dt
import os
import random
import subprocess
import sys

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/debug/oncall"
NOW = "2026-11-24T15:00:00Z"
START = dt.datetime(2026, 10, 12, tzinfo=dt.timezone.utc)
END = dt.datetime(2026, 11, 24, 13, 0, tzinfo=dt.timezone.utc)

PAGES = {
    "ingest": ["S3 sink lag above 10 minutes", "Collector 5xx above 1%",
               "Kafka under-replicated partitions", "Broker disk above 80%"],
    "stream-processing": ["Flink checkpoints failing", "Enrichment job restarting",
                          "Sessioniser consumer lag above 5 minutes"],
    "warehouse": ["Nightly dbt build failed", "Snowflake load stuck", "Warehouse credits spiking"],
    "query-api": ["p99 latency above 2 s", "5xx above 2%", "Redis cache evictions"],
    "scheduler": ["Airflow scheduler heartbeat missing", "Backfill DAG failed"],
    "dashboards": ["Superset dashboards slow", "Dashboard refresh failing"],
}
NOTES = ["restarted the connector", "rolled back the last deploy", "scaled consumers to 24",
         "cleared the stuck load and re-ran it", "raised the warehouse to L", "failed over Redis"]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def oncall(*args, actor=None):
    env = dict(os.environ, ONCALL_NOW=NOW, ONCALL_REPO=os.getcwd(), NO_COLOR="1",
               ONCALL_NO_CACHE="1")
    env.pop("ONCALL_FORCE_TTY", None)
    if actor:
        env["ONCALL_ACTOR"] = actor
    out = subprocess.run([BIN, *args], env=env, capture_output=True, text=True)
    if out.returncode not in (0,):
        sys.exit(f"oncall {' '.join(args)} failed: {out.stderr}")
    return out.stdout


def holders(at):
    import json
    v = json.loads(oncall("who", "--json", "--at", iso(at)))
    return v["manager"]["id"], v["engineer"]["id"]


def main():
    rnd = random.Random(2026)
    if os.path.exists("pages.csv"):
        sys.exit("pages.csv exists: remove it first")
    plan = []  # (time, kind, data)
    t = START
    n = 0
    while t < END:
        t += dt.timedelta(hours=rnd.expovariate(1 / 28))
        if t >= END:
            break
        svc = rnd.choice(list(PAGES))
        plan.append((t, "incident", (n, svc, rnd.choice(PAGES[svc]))))
        n += 1
    week = START
    while week + dt.timedelta(days=6, hours=15) < END:
        plan.append((week + dt.timedelta(days=6, hours=15), "morale", None))
        week += dt.timedelta(weeks=1)
    plan.append((END + dt.timedelta(minutes=40), "open", ("ingest", "S3 sink lag above 10 minutes")))
    events = []
    for at, kind, data in plan:
        if kind == "morale":
            m, e = holders(at)
            bad = at.date() in (dt.date(2026, 10, 31), dt.date(2026, 11, 21))
            for who in (m, e):
                score = rnd.choice([2, 3]) if bad else rnd.choice([3, 4, 4, 5])
                events.append((at, ["morale", str(score), "--at", iso(at)], who))
            continue
        if kind == "open":
            svc, summary = data
            events.append((at, ["page", svc, "--summary", summary, "--at", iso(at)], None, "open"))
            events.append((at + dt.timedelta(minutes=6), ["ack", "{id}", "--at", iso(at + dt.timedelta(minutes=6))], "engineer", "open"))
            continue
        idx, svc, summary = data
        key = f"i{idx}"
        events.append((at, ["page", svc, "--summary", summary, "--at", iso(at)], None, key))
        ack = at + dt.timedelta(minutes=rnd.choice([2, 3, 4, 6, 9, 14, 25]))
        events.append((ack, ["ack", "{id}", "--at", iso(ack)], "engineer", key))
        end = ack + dt.timedelta(minutes=int(rnd.expovariate(1 / 70)) + 8)
        if rnd.random() < 0.22:
            esc = at + dt.timedelta(minutes=31)
            events.append((esc, ["escalate", "{id}", "--at", iso(esc)], "manager", key))
            end = max(end, esc + dt.timedelta(minutes=40))
            if rnd.random() < 0.3:
                esc3 = at + dt.timedelta(minutes=62)
                events.append((esc3, ["escalate", "{id}", "--level", "3", "--at", iso(esc3)], "manager", key))
                end = max(end, esc3 + dt.timedelta(minutes=30))
        if rnd.random() < 0.5:
            note = ack + (end - ack) / 2
            events.append((note, ["note", "{id}", rnd.choice(NOTES), "--at", iso(note)], "engineer", key))
        flags = []
        if rnd.random() < 0.55:
            flags.append("--documented")
        if rnd.random() < 0.25:
            flags.append("--automated")
        events.append((end, ["resolve", "{id}", *flags, "--at", iso(end)], "engineer", key))
    events.sort(key=lambda e: e[0])
    ids, pairs = {}, {}
    for ev in events:
        at, args = ev[0], ev[1]
        if args[0] == "morale":
            oncall(*args, actor=ev[2])
            continue
        key = ev[3]
        if args[0] == "page":
            pairs[key] = holders(at)
            ids[key] = oncall(*args, actor=pairs[key][0]).split("\t")[0].strip()
            continue
        who = pairs[key][0] if ev[2] == "manager" else pairs[key][1]
        oncall(*[a.replace("{id}", ids[key]) for a in args], actor=who)
    print(f"{len(ids)} incidents, {len(events)} events")


if __name__ == "__main__":
    main()
