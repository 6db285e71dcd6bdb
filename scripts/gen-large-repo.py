#!/usr/bin/env python3
"""Generates a large on-call repository for benchmarks: 200 people in five zones, three
rotation eras, three years of overrides (about 940), 200 absences and 50 services, committed
to a fresh git repository.

Usage: scripts/gen-large-repo.py DIR
"""
import datetime as dt
import os
import random
import subprocess
import sys

ZONES = ["America/New_York", "America/Los_Angeles", "Europe/Berlin", "Europe/Dublin", "Asia/Kolkata"]


def main(out):
    rnd = random.Random(42)
    os.makedirs(os.path.join(out, "runbooks"), exist_ok=True)
    ids = [f"p{i:03d}" for i in range(200)]
    lines = ['[team]', 'name = "Large Team"', 'timezone = "America/New_York"', ""]
    for i, pid in enumerate(ids):
        lines += [
            f"[people.{pid}]",
            f'name = "Person {i}"',
            f'email = "{pid}@example.com"',
            f'chat = "@{pid}"',
            f'phone = "+1-555-{i:04d}"',
            f'timezone = "{ZONES[i % len(ZONES)]}"',
            "",
        ]
    pairs = ",\n".join(f'  {{ manager = "{ids[2 * i]}", engineer = "{ids[2 * i + 1]}" }}' for i in range(20))
    lines += ["[[rotation]]", "start = 2024-01-01T10:00:00", 'every = "1w"', f"pairs = [\n{pairs},\n]", ""]
    managers = ", ".join(f'"{p}"' for p in ids[40:70])
    engineers = ", ".join(f'"{p}"' for p in ids[70:110])
    lines += ["[[rotation]]", "start = 2025-01-06T10:00:00", 'every = "1w"', f"managers = [{managers}]", f"engineers = [{engineers}]", ""]
    pairs = ",\n".join(f'  {{ manager = "{ids[110 + 2 * i]}", engineer = "{ids[111 + 2 * i]}" }}' for i in range(25))
    lines += ["[[rotation]]", "start = 2026-01-05T10:00:00", 'every = "1w"', f"pairs = [\n{pairs},\n]", ""]
    day = dt.datetime(2024, 1, 1, 9, 0)
    while day < dt.datetime(2026, 12, 31):
        for _ in range(rnd.randint(4, 8)):
            start = day + dt.timedelta(hours=rnd.randint(0, 160))
            end = start + dt.timedelta(hours=rnd.randint(2, 72))
            lines += [
                "[[override]]",
                f'role = "{rnd.choice(["manager", "engineer"])}"',
                f'person = "{rnd.choice(ids)}"',
                f"start = {start:%Y-%m-%dT%H:%M:%S}",
                f"end = {end:%Y-%m-%dT%H:%M:%S}",
                f'reason = "cover #{rnd.randint(1, 9999)}"',
                "",
            ]
        day += dt.timedelta(weeks=1)
    for pid in rnd.sample(ids, 200):
        start = dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randint(0, 1000))
        lines += ["[[unavailable]]", f'person = "{pid}"', f"start = {start}", f"end = {start + dt.timedelta(days=rnd.randint(1, 14))}", ""]
    lines += [
        "[escalation]",
        f'level2 = {{ name = "Team leads", after = "30m", people = ["{ids[190]}", "{ids[191]}", "{ids[192]}"] }}',
        f'level3 = {{ name = "VP and CTO", after = "60m", people = ["{ids[198]}", "{ids[199]}"] }}',
        "",
        "[hours]",
        'days = ["Mon", "Tue", "Wed", "Thu", "Fri"]',
        'start = "09:00"',
        'end = "18:00"',
        "holidays = [2026-12-25, 2027-01-01]",
        "",
    ]
    for s in range(50):
        lines += [f"[services.svc{s:02d}]", f'description = "Service {s}"', f'urgency = "{"high" if s % 3 else "low"}"', f'lead = "{ids[190 + s % 3]}"', ""]
        with open(os.path.join(out, "runbooks", f"svc{s:02d}.md"), "w") as f:
            f.write(f"# svc{s:02d}\n\nRunbook for service {s}.\n")
    with open(os.path.join(out, "schedule.toml"), "w") as f:
        f.write("\n".join(lines))
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com")
    subprocess.run(["git", "init", "-q", "-b", "main", out], check=True, env=env)
    subprocess.run(["git", "-C", out, "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", out, "commit", "-q", "-m", "large schedule"], check=True, env=env)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
