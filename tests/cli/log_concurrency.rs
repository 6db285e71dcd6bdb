//! The page log under pressure, with the real binary: 16 processes appending 50 events each
//! lose and tear nothing; a writer killed mid-append leaves a log every reader still reads,
//! and the next append starts on a fresh line.

#![allow(clippy::print_stderr)] // the measurements are worth seeing with --nocapture

use std::process::Stdio;
use std::time::Instant;

use crate::common::{BASIC, TestRepo, json, log_rows, run};

#[test]
fn sixteen_processes_times_fifty_events_are_eight_hundred_intact_rows() {
    let repo = TestRepo::new(BASIC);
    let (code, out, _) = run(repo.oncall().args(["page", "api", "-s", "busy"]));
    assert_eq!(code, 0);
    let id = out.split('\t').next().unwrap().to_string();
    let start = Instant::now();
    std::thread::scope(|s| {
        for p in 0..16 {
            let (repo, id) = (&repo, &id);
            s.spawn(move || {
                for n in 0..50 {
                    let text = format!("p{p}-n{n} \"quoted\", =formula");
                    let (code, _, err) = run(repo.oncall().args(["note", id, &text]));
                    assert_eq!(code, 0, "{err}");
                }
            });
        }
    });
    eprintln!("800 appends by 16 processes: {:?}", start.elapsed());
    let rows = log_rows(&repo);
    assert_eq!(rows.len(), 801);
    let mut notes: Vec<&str> = rows[1..].iter().map(|r| r[11].as_str()).collect();
    notes.sort_unstable();
    notes.dedup();
    assert_eq!(notes.len(), 800, "every note exactly once");
    assert!(rows.iter().all(|r| r.len() == 15));
    let (code, out, err) = run(repo.oncall().args(["--json", "status"]));
    assert_eq!(code, 0);
    assert!(!err.contains("skipped"), "{err}");
    assert_eq!(json(&out)[0]["id"], id.as_str());
}

/// An Alertmanager payload for group `n` whose summary is `size` bytes: one big row.
fn big_payload(n: usize, size: usize) -> String {
    let summary = "x".repeat(size);
    format!(
        r#"{{"version":"4","groupKey":"{{}}:{{alertname=\"Big{n}\"}}","status":"firing","receiver":"r",
        "alerts":[{{"status":"firing","labels":{{"alertname":"Big{n}","service":"api"}},"annotations":{{"summary":"{summary}"}}}}],
        "commonLabels":{{"alertname":"Big{n}","service":"api"}},"commonAnnotations":{{"summary":"{summary}"}}}}"#
    )
}

#[test]
fn a_writer_killed_mid_append_leaves_a_log_every_reader_reads() {
    let repo = TestRepo::new(BASIC);
    let size = 2 << 20;
    let payload = |n: usize| {
        let file = repo.file(&format!("payload-{n}.json"));
        std::fs::write(&file, big_payload(n, size)).unwrap();
        file
    };
    let write = |n: usize| {
        let mut cmd = repo.oncall_std();
        cmd.args(["page", "--from", "alertmanager"])
            .arg(payload(n))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    };
    // How long one full write takes, to aim the kills inside it.
    let t = Instant::now();
    assert!(write(0).status().unwrap().success());
    let full = t.elapsed();
    // SIGKILL at pseudo-random moments of a run.
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for n in 1..=8 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let frac = 0.2 + (seed % 1000) as f64 / 1000.0;
        let mut child = write(n).spawn().unwrap();
        std::thread::sleep(full.mul_f64(frac));
        let _ = child.kill();
        let _ = child.wait();
    }
    // And one writer the kernel kills halfway through its row, for certain: with a file
    // size limit, its write stops at the limit and the next one gets SIGXFSZ.
    let len = std::fs::metadata(repo.file("pages.csv")).unwrap().len();
    let limit_kib = (len + size as u64 / 2) / 1024;
    let file = payload(99);
    let status = repo
        .with_env("bash".as_ref())
        .args(["-c", &format!("ulimit -f {limit_kib}; exec \"$0\" \"$@\"")])
        .arg(assert_cmd::cargo::cargo_bin!("oncall"))
        .args([
            "--repo",
            repo.path().to_str().unwrap(),
            "page",
            "--from",
            "alertmanager",
        ])
        .arg(&file)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the size-limited writer must die");
    let torn_len = std::fs::metadata(repo.file("pages.csv")).unwrap().len();
    assert!(torn_len > len, "it wrote part of its row");
    assert!(
        !repo.read("pages.csv").ends_with('\n'),
        "the log ends in a torn row"
    );

    // Every reader still reads; the damage is a warning naming the line.
    for args in [
        vec!["status"],
        vec!["--json", "status"],
        vec!["ack", "zzzzz"],
    ] {
        let (code, _, err) = run(repo.oncall().args(&args));
        assert!(code == 0 || args[0] == "ack", "{args:?}: {err}");
        assert!(
            err.contains("incomplete last row") && err.contains("skipped"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // A clean append afterwards lands on a line of its own and reads back.
    let (code, out, err) = run(repo.oncall().args(["page", "api", "-s", "after the crash"]));
    assert_eq!(code, 0, "{err}");
    let id = out.split('\t').next().unwrap();
    let (code, out, err) = run(repo.oncall().args(["--json", "status"]));
    assert_eq!(code, 0);
    let open = json(&out);
    assert!(
        open.as_array().unwrap().iter().any(|i| i["id"] == id),
        "{id} missing"
    );
    assert!(
        err.contains("unbalanced quotes") || err.contains("cells"),
        "{err}"
    );
    let text = repo.read("pages.csv");
    let last = text.lines().last().unwrap();
    assert!(
        last.ends_with(",after the crash,manual,,"),
        "{}",
        &last[..last.len().min(200)]
    );
    assert!(text.ends_with("\r\n"));
    let damaged = err.matches("skipped").count();
    eprintln!(
        "one write: {full:?}; damaged rows after 8 random kills and one certain one: {damaged}"
    );
}
