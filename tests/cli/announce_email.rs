//! Email against a real SMTP server on loopback (aiosmtpd) that requires STARTTLS, then AUTH:
//! the delivered message is read back (envelope, headers, both parts, escaping); refused
//! credentials are exit 4; a certificate the client does not trust stops it before AUTH.

use serde_json::Value;

use crate::common::{BASIC, TestRepo, run};
use crate::support::chats::{assert_no_secret, page, results};
use crate::support::peers::{Peer, smtp};

const PASSWORD: &str = "s3cret-smtp-pw";

fn repo(port: u16) -> TestRepo {
    TestRepo::new(&format!(
        "{BASIC}\n[announce.email]\nsmtp = \"127.0.0.1:{port}\"\ntls = \"starttls\"\nfrom = \"Oncall <oncall@example.com>\"\nto = [\"status@example.com\", \"ops@example.com\"]\n"
    ))
}

fn announce(
    repo: &TestRepo,
    peer: &Peer,
    args: &[&str],
    password: &str,
    trust: bool,
) -> (i32, String, String) {
    let mut cmd = repo.oncall();
    cmd.env("ONCALL_SMTP_USER", "oncall")
        .env("ONCALL_SMTP_PASSWORD", password)
        .env("ONCALL_HTTP_TIMEOUT_MS", "5000")
        .env("ONCALL_HTTP_BACKOFF_MS", "20");
    if trust {
        cmd.env("SSL_CERT_FILE", peer.work().join("ca.pem"));
    }
    let out = run(cmd
        .arg("announce")
        .args(args)
        .args(["--to", "email", "--yes"]));
    assert_no_secret(repo, &out);
    assert!(!out.1.contains(PASSWORD) && !out.2.contains(PASSWORD));
    out
}

fn delivered(peer: &Peer) -> Vec<Value> {
    let mut out = Vec::new();
    for n in 1.. {
        match std::fs::read_to_string(peer.work().join(format!("{n}.json"))) {
            Ok(t) => out.push(serde_json::from_str(&t).unwrap()),
            Err(_) => break,
        }
    }
    out
}

#[test]
fn email_goes_over_starttls_with_auth_in_two_parts() {
    let (peer, port) = smtp();
    let repo = repo(port);
    let id = page(&repo);
    let msg = "Errors <script>alert(1)</script> & \"quotes\" – naïve café";
    let (code, out, err) = announce(
        &repo,
        &peer,
        &[&id, msg, "--status", "identified"],
        PASSWORD,
        true,
    );
    assert_eq!(code, 0, "{out}{err}");
    let r = &results(&out)[0];
    assert_eq!((r.0.as_str(), r.2.as_str()), ("email", "ok"));
    assert_eq!(r.3, format!("127.0.0.1:{port}"));
    assert!(r.4.starts_with("250"), "{}", r.4);

    let mails = delivered(&peer);
    assert_eq!(mails.len(), 1);
    let m = &mails[0];
    assert_eq!(m["tls"], true, "STARTTLS before anything else");
    assert_eq!(m["authenticated"], true);
    assert_eq!(m["login"], "oncall");
    assert_eq!(m["mail_from"], "oncall@example.com");
    assert_eq!(
        m["rcpt_tos"],
        serde_json::json!(["status@example.com", "ops@example.com"])
    );
    let h = &m["headers"];
    assert_eq!(h["From"], "Oncall <oncall@example.com>");
    assert_eq!(h["To"], "status@example.com, ops@example.com");
    assert_eq!(h["Subject"], format!("[Identified] The API: {msg}"));
    assert_eq!(h["Date"], "Tue, 24 Nov 2026 15:15:00 +0000");
    assert_eq!(
        h["Message-ID"],
        format!("<oncall.{id}.1795533300.email@example.com>")
    );
    assert_eq!(h["MIME-Version"], "1.0");
    assert_eq!(m["content_type"], "multipart/alternative");
    let parts = m["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(
        (
            parts[0]["content_type"].as_str(),
            parts[0]["charset"].as_str()
        ),
        (Some("text/plain"), Some("utf-8"))
    );
    assert_eq!(
        (
            parts[1]["content_type"].as_str(),
            parts[1]["charset"].as_str()
        ),
        (Some("text/html"), Some("utf-8"))
    );
    let text = parts[0]["text"].as_str().unwrap().replace("\r\n", "\n");
    assert!(text.contains(&format!("\n{msg}\n")), "{text}");
    assert!(text.contains("Incident Manager:  Alice (@alice)"), "{text}");
    assert!(text.contains(&format!("Incident:          {id}")), "{text}");
    let html = parts[1]["text"].as_str().unwrap();
    assert!(
        html.contains(
            "Errors &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; – naïve café"
        ),
        "{html}"
    );
    assert!(!html.contains("<script>"));
}

#[test]
fn refused_credentials_are_exit_4_and_untrusted_certificates_stop_before_auth() {
    let (peer, port) = smtp();
    let repo = repo(port);
    let id = page(&repo);
    let (code, out, err) = announce(&repo, &peer, &[&id, "x"], "wrong-password", true);
    assert_eq!(code, 4, "{out}{err}");
    assert!(results(&out)[0].4.contains("535"), "{out}");
    assert!(
        err.contains("hint: email: check `ONCALL_SMTP_USER` and `ONCALL_SMTP_PASSWORD`"),
        "{err}"
    );

    // The server's certificate is signed by a CA the client was not told to trust.
    let (code, out, err) = announce(&repo, &peer, &[&id, "x"], PASSWORD, false);
    assert_eq!(code, 1, "{out}{err}");
    let reason = &results(&out)[0].4;
    assert!(
        reason.to_lowercase().contains("tls") || reason.contains("certificate"),
        "{reason}"
    );
    assert!(delivered(&peer).is_empty());
}
