//! Generates a large, realistic `pages.csv` for benchmarks: a very noisy team (about 100,000
//! rows a year, ~60 incidents a day) ending on a fixed date, mostly in time order with blocks
//! of rows moved out of order as union merges leave them, some damaged-free noise (notes,
//! announcements, escalations), a few incidents never resolved, and morale rows.
//!
//! `cargo run --release --example gen_log -- --rows 1000000 --out pages.csv [--end 2026-11-29]`
//! Deterministic: the same arguments give the same file.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{BufWriter, Write};

use chrono::{DateTime, Duration, NaiveDate, Utc};

const SERVICES: [(&str, &str); 6] = [
    ("ingest", "high"),
    ("stream-processing", "high"),
    ("warehouse", "low"),
    ("query-api", "high"),
    ("scheduler", "low"),
    ("dashboards", "low"),
];
const PEOPLE: [&str; 9] = [
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "henrik", "ivan",
];
const ROWS_PER_YEAR: f64 = 100_000.0;

/// xorshift64*: fast, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(1000) < percent * 10
    }
}

struct Row {
    time: DateTime<Utc>,
    line: String,
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn id(n: u64) -> String {
    // Base 36 of a scrambled counter: short, unique, not sequential-looking.
    let mut x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) % 36u64.pow(7);
    let mut s = Vec::new();
    for _ in 0..7 {
        s.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(x % 36) as usize]);
        x /= 36;
    }
    String::from_utf8(s).unwrap_or_default()
}

fn main() {
    let mut rows_wanted: usize = 1_000_000;
    let mut out = String::from("pages.csv");
    let mut end = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let v = args.next().unwrap_or_default();
        match a.as_str() {
            "--rows" => rows_wanted = v.parse().expect("--rows N"),
            "--out" => out = v,
            "--end" => end = v.parse().expect("--end YYYY-MM-DD"),
            _ => panic!("usage: gen_log --rows N --out FILE [--end YYYY-MM-DD]"),
        }
    }
    let end = end.and_hms_opt(23, 0, 0).unwrap_or_default().and_utc();
    let span = Duration::seconds((rows_wanted as f64 / ROWS_PER_YEAR * 365.25 * 86400.0) as i64);
    let start = end - span;
    let mut rng = Rng(0x05EE_D0F0_CA11);
    let mut rows: Vec<Row> = Vec::with_capacity(rows_wanted + 64);
    // Incidents arrive at random; ~4.6 rows each on average.
    let mean_gap = span.num_seconds() as f64 / (rows_wanted as f64 / 4.6);
    let mut t = start;
    let mut n = 0u64;
    let push = |rows: &mut Vec<Row>, time: DateTime<Utc>, rest: String| {
        rows.push(Row {
            time,
            line: format!("{},{rest}\r\n", stamp(time)),
        });
    };
    let mut next_morale = start;
    while rows.len() < rows_wanted {
        t += Duration::seconds(1 + rng.below((2.0 * mean_gap) as u64) as i64);
        if t >= end {
            t = start + Duration::seconds(rng.below(span.num_seconds() as u64) as i64);
        }
        while next_morale < t {
            let who = PEOPLE[rng.below(9) as usize];
            let score = 1 + rng.below(5);
            push(
                &mut rows,
                next_morale,
                format!(",morale,,,,{who},alice,dave,,{score},,manual,,"),
            );
            next_morale += Duration::hours(84);
        }
        n += 1;
        let inc = id(n);
        let (svc, urg) = SERVICES[rng.below(6) as usize];
        let m = PEOPLE[rng.below(9) as usize];
        let e = PEOPLE[rng.below(9) as usize];
        let ticket = format!("OPS-{n}");
        push(
            &mut rows,
            t,
            format!(
                "{inc},page,{svc},{urg},1,alertmanager,{m},{e},{ticket},,{svc} alert {n},alertmanager,,"
            ),
        );
        let mut at = t;
        if rng.chance(95) {
            at += Duration::seconds(30 + rng.below(1800) as i64);
            push(
                &mut rows,
                at,
                format!("{inc},ack,{svc},,,{e},{m},{e},,,,manual,,"),
            );
        }
        if rng.chance(10) {
            at += Duration::minutes(30);
            push(
                &mut rows,
                at,
                format!("{inc},escalate,{svc},,2,{e},{m},{e},,,,manual,,"),
            );
            if rng.chance(30) {
                at += Duration::minutes(30);
                push(
                    &mut rows,
                    at,
                    format!("{inc},escalate,{svc},,3,{e},{m},{e},,,,manual,,"),
                );
            }
        }
        if rng.chance(40) {
            at += Duration::seconds(60 + rng.below(3600) as i64);
            push(
                &mut rows,
                at,
                format!(
                    "{inc},announce,{svc},,,{m},{m},{e},,investigating,\"Investigating, {svc}\",manual,,"
                ),
            );
        }
        for _ in 0..rng.below(3) {
            at += Duration::seconds(60 + rng.below(3600) as i64);
            push(
                &mut rows,
                at,
                format!("{inc},note,{svc},,,{e},{m},{e},,,tried runbook step,manual,,"),
            );
        }
        if !rng.chance(1) || rng.below(10) > 0 {
            at += Duration::seconds(60 + rng.below(4 * 3600) as i64);
            let doc = rng.chance(55);
            let auto = rng.chance(20);
            push(
                &mut rows,
                at,
                format!("{inc},resolve,{svc},,,{e},{m},{e},,,,manual,{doc},{auto}"),
            );
        }
    }
    rows.truncate(rows_wanted);
    rows.sort_by_key(|r| r.time);
    // Union merges: every ~2,000 rows, a block of 40 rows from one clone lands after 150 rows
    // of the other.
    let mut i = 0;
    while i + 200 < rows.len() {
        rows[i..i + 190].rotate_left(40);
        i += 1500 + rng.below(1000) as usize;
    }
    let file = std::fs::File::create(&out).expect("cannot create the output file");
    let mut w = BufWriter::with_capacity(1 << 20, file);
    w.write_all(b"time,incident,event,service,urgency,level,actor,manager,engineer,ticket,status,summary,source,documented,automated\r\n")
        .expect("write");
    for r in &rows {
        w.write_all(r.line.as_bytes()).expect("write");
    }
    w.flush().expect("write");
    eprintln!(
        "wrote {} rows ({n} incidents, {} to {}) to {out}",
        rows.len(),
        stamp(start),
        stamp(end)
    );
}
