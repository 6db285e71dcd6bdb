//! The interactive paths, typed into a real pseudo-terminal (`script` from util-linux runs
//! `oncall` on a pty; what is written to its stdin is typed there): confirmations, the
//! handoff's morale prompts, and announce's preview before sending.

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::{BASIC, TestRepo};

const ADD: &[&str] = &[
    "override",
    "add",
    "--role",
    "engineer",
    "--person",
    "dave",
    "--start",
    "2026-11-26 18:00",
    "--end",
    "2026-11-30 10:00",
];

/// Runs `oncall ARGS` on a pty in `repo`, typing `keys` one after another; returns the exit
/// code and everything the terminal showed.
fn in_pty(repo: &TestRepo, args: &[&str], keys: &[&str]) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin!("oncall");
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let line: Vec<String> = std::iter::once(bin.display().to_string())
        .chain(args.iter().map(|a| (*a).to_string()))
        .map(|a| quote(&a))
        .collect();
    let mut child = repo
        .with_env("script".as_ref())
        .env("TERM", "xterm")
        .args(["-qec", &line.join(" "), "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("`script` (util-linux) runs commands on a pseudo-terminal");
    let mut stdin = child.stdin.take().unwrap();
    let keys: Vec<String> = keys.iter().map(|k| (*k).to_string()).collect();
    let typist = std::thread::spawn(move || {
        for k in keys {
            // Give the prompt time to appear; typed-ahead keys would work too, but this is
            // how a person answers.
            std::thread::sleep(Duration::from_millis(400));
            let _ = stdin.write_all(k.as_bytes());
            let _ = stdin.flush();
        }
        stdin // keep the pty's input open until the command is done
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the command hung on the pty"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    drop(typist.join());
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    (status.code().unwrap_or(-1), out)
}

#[test]
fn removing_an_override_asks_first() {
    let repo = TestRepo::new(BASIC);
    let (code, _) = in_pty(&repo, ADD, &[]);
    assert_eq!(code, 0);
    let with_override = repo.read("schedule.toml");
    let (code, shown) = in_pty(&repo, &["override", "remove", "1"], &["n"]);
    assert_eq!(code, 130, "answering no cancels:\n{shown}");
    assert!(
        shown.contains("Remove override 1: dave covering engineer"),
        "{shown}"
    );
    assert_eq!(repo.read("schedule.toml"), with_override);
    let (code, shown) = in_pty(&repo, &["override", "remove", "1"], &["y"]);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("removed override 1"), "{shown}");
    assert_eq!(repo.read("schedule.toml"), BASIC);
}

#[test]
fn handoff_asks_each_role_for_a_morale_score() {
    let repo = TestRepo::new(BASIC);
    repo.write("runbooks/api.md", "# api\n");
    // A score for the manager; Enter skips the engineer.
    let (code, shown) = in_pty(&repo, &["handoff"], &["4\r", "\r"]);
    assert_eq!(code, 0, "{shown}");
    let log = repo.read("pages.csv");
    let morale: Vec<&str> = log.lines().filter(|l| l.contains(",morale,")).collect();
    assert_eq!(morale.len(), 1, "{log}");
    assert!(morale[0].contains(",4,"), "{}", morale[0]);
}

#[test]
fn announce_previews_and_sends_only_when_confirmed() {
    let repo = TestRepo::new(BASIC);
    let (code, out, err) =
        crate::common::run(repo.oncall().args(["page", "api", "--summary", "5xx"]));
    assert_eq!(code, 0, "{err}");
    let id = out.split('\t').next().unwrap().trim().to_string();
    let message = "Checkout errors are elevated; we are investigating.";
    let (code, shown) = in_pty(&repo, &["announce", &id, message], &["n"]);
    assert_eq!(code, 130, "{shown}");
    assert!(
        shown.contains("status/index.html"),
        "the preview names each channel:\n{shown}"
    );
    assert!(!repo.file("status/index.html").exists(), "nothing sent");
    assert!(!repo.read("pages.csv").contains(",announce,"));
    let (code, shown) = in_pty(&repo, &["announce", &id, message], &["y"]);
    assert_eq!(code, 0, "{shown}");
    assert!(
        repo.read("status/index.html")
            .contains("Checkout errors are elevated")
    );
    assert!(repo.read("pages.csv").contains(",announce,"));
}
