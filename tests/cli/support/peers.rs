//! Real protocol peers the announce tests run: an SMTP server (aiosmtpd) and a Matrix
//! homeserver (Synapse), both from a Python venv made by `scripts/test-peers`, and headless
//! Chromium (Debian `chromium`). A missing peer fails the test with what to run; it never
//! skips it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

use serde_json::Value;
use tempfile::TempDir;

/// The venv's Python: `$ONCALL_TEST_VENV/bin/python`, else `target/test-venv/bin/python`.
pub fn venv_python() -> PathBuf {
    let venv = std::env::var_os("ONCALL_TEST_VENV").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-venv"),
        PathBuf::from,
    );
    let py = venv.join("bin/python");
    assert!(
        py.is_file(),
        "the test venv is missing ({}): run `scripts/test-peers` first (it installs aiosmtpd and \
         matrix-synapse there), or point ONCALL_TEST_VENV at a venv that has them",
        venv.display()
    );
    py
}

fn peer_script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/peers")
        .join(name)
}

/// A fixture process; it stops when its stdin closes (on drop), and is killed if it does not.
pub struct Peer {
    child: Child,
    stdin: Option<ChildStdin>,
    pub dir: TempDir,
    /// The first line the fixture printed (its address, credentials...).
    pub hello: String,
}

impl Peer {
    fn start(script: &str, what: &str, within: Duration) -> Peer {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(venv_python())
            .arg(peer_script(script))
            .arg(dir.path().join("work"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let out = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(out).read_line(&mut line);
            let _ = tx.send(line);
        });
        let hello = rx.recv_timeout(within).unwrap_or_default();
        if hello.trim().is_empty() {
            let _ = child.kill();
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            panic!("{what} did not start within {within:?}: {err}");
        }
        Peer {
            child,
            stdin,
            dir,
            hello: hello.trim().to_string(),
        }
    }

    pub fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        drop(self.stdin.take());
        for _ in 0..100 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An SMTP server with STARTTLS and AUTH required; returns it and its port. Its CA is
/// `work()/ca.pem`; delivered messages appear as `work()/N.json`.
pub fn smtp() -> (Peer, u16) {
    let p = Peer::start(
        "smtp_fixture.py",
        "the SMTP server (aiosmtpd)",
        Duration::from_secs(30),
    );
    let port = p
        .hello
        .strip_prefix("ready ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected hello from the SMTP fixture: {}", p.hello));
    (p, port)
}

/// Synapse with a bot user and a room: `{"url", "token", "room", "user"}`.
pub fn synapse() -> (Peer, Value) {
    let p = Peer::start(
        "matrix_fixture.py",
        "the Matrix homeserver (Synapse)",
        Duration::from_secs(90),
    );
    let info: Value = serde_json::from_str(&p.hello).unwrap_or_else(|e| {
        panic!(
            "unexpected hello from the Matrix fixture ({e}): {}",
            p.hello
        )
    });
    (p, info)
}

/// Headless Chromium's binary (Debian `chromium`).
pub fn chromium() -> PathBuf {
    for dir in std::env::var("PATH").unwrap_or_default().split(':') {
        for name in ["chromium", "chromium-browser"] {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("chromium is not installed: run `scripts/test-peers` (apt-get install chromium)");
}

/// Runs headless Chromium on `file` with `extra` flags; returns stdout.
pub fn headless_chromium(file: &Path, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", file.display()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut { out }, &mut s);
        s
    });
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(90), "chromium hung");
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// One HTTP request with a real client (Synapse answers chunked), for reading rooms back and
/// for the proxy in front of the homeserver; returns (status, body).
pub fn request(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    // The project builds reqwest without a default crypto provider.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let mut req = client.request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    if !body.is_empty() {
        req = req.body(body.to_string());
    }
    let resp = req.send().unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().unwrap_or_default())
}
