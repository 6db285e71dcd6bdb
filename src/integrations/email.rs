//! Email over SMTP (lettre): STARTTLS (required, never silently plain), implicit TLS, or no
//! encryption for a local relay; AUTH when credentials are set. One message, plain text and
//! HTML alternatives, with a Message-ID derived from the announcement so a re-sent copy is
//! recognisably the same message. Transient failures (4xx replies, network trouble) are
//! retried through the shared retry loop; 5xx replies are final.

use std::time::{Duration, SystemTime};

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};

use crate::schedule::config::SmtpTls;

use super::http::Policy;
use super::retry::{Retryable, retry};
use super::settings::SmtpSettings;

/// One message to send.
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Without angle brackets: `oncall.k7m2q.1795000000.email@example.com`.
    pub message_id: String,
    pub date: SystemTime,
}

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpError {
    pub message: String,
    /// A 4xx reply, a timeout or a dropped connection: worth trying again.
    pub transient: bool,
    /// The server refused the credentials (or wants some).
    pub auth: bool,
}

impl std::fmt::Display for SmtpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl Retryable for SmtpError {
    fn is_transient(&self) -> bool {
        self.transient
    }
}

impl SmtpError {
    fn config(message: impl Into<String>) -> SmtpError {
        SmtpError {
            message: message.into(),
            transient: false,
            auth: false,
        }
    }

    fn from_lettre(e: &lettre::transport::smtp::Error) -> SmtpError {
        let code = e.status().map(|c| c.to_string());
        // 530: authentication required; 534/535: credentials refused (RFC 4954).
        let auth = matches!(code.as_deref(), Some("530" | "534" | "535" | "454"));
        let transient = !auth && (e.is_transient() || e.is_timeout() || is_network(e));
        SmtpError {
            message: format!("SMTP: {}", one_line(&e.to_string())),
            transient,
            auth,
        }
    }
}

fn is_network(e: &lettre::transport::smtp::Error) -> bool {
    // lettre's kinds for "could not talk to the server" are not public; a refused or reset
    // connection surfaces as an io::Error somewhere in the chain.
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if s.downcast_ref::<std::io::Error>().is_some() {
            return true;
        }
        source = s.source();
    }
    false
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds the message (checking the addresses) before anything touches the network.
pub fn build(mail: &Mail) -> Result<Message, SmtpError> {
    let mailbox = |a: &str, what: &str| {
        a.parse::<Mailbox>()
            .map_err(|e| SmtpError::config(format!("`{a}` is not a valid {what} address: {e}")))
    };
    let mut b = Message::builder()
        .from(mailbox(&mail.from, "`from`")?)
        .subject(mail.subject.clone())
        .date(mail.date)
        .message_id(Some(format!("<{}>", mail.message_id)));
    for to in &mail.to {
        b = b.to(mailbox(to, "`to`")?);
    }
    b.multipart(MultiPart::alternative_plain_html(
        mail.text.clone(),
        mail.html.clone(),
    ))
    .map_err(|e| SmtpError::config(format!("cannot build the message: {e}")))
}

fn transport(s: &SmtpSettings, timeout: Duration) -> Result<SmtpTransport, SmtpError> {
    let tls = |host: &str| {
        TlsParameters::new(host.to_string())
            .map_err(|e| SmtpError::config(format!("SMTP TLS setup for `{host}`: {e}")))
    };
    let mut b = SmtpTransport::builder_dangerous(&s.host)
        .port(s.port)
        .timeout(Some(timeout));
    b = match s.tls {
        SmtpTls::Starttls => b.tls(Tls::Required(tls(&s.host)?)),
        SmtpTls::Tls => b.tls(Tls::Wrapper(tls(&s.host)?)),
        SmtpTls::None => b.tls(Tls::None),
    };
    if let (Some(user), Some(password)) = (&s.user, &s.password) {
        b = b.credentials(Credentials::new(
            user.clone(),
            password.expose().to_string(),
        ));
    }
    Ok(b.build())
}

/// Sends `mail`, retrying transient failures per `policy`; returns the server's answer.
pub fn send(s: &SmtpSettings, policy: Policy, mail: &Mail) -> Result<String, SmtpError> {
    let message = build(mail)?;
    let t = transport(s, policy.timeout)?;
    retry(policy, || match t.send(&message) {
        Ok(r) => Ok(format!(
            "{} {}",
            r.code(),
            one_line(&r.message().collect::<Vec<_>>().join(" "))
        )),
        Err(e) => Err(SmtpError::from_lettre(&e)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_two_part_messages_with_our_message_id() {
        let m = Mail {
            from: "Oncall <oncall@example.com>".into(),
            to: vec!["status@example.com".into(), "b@example.com".into()],
            subject: "[Identified] The API: fixed <soon>".into(),
            text: "plain & simple".into(),
            html: "<p>plain &amp; simple</p>".into(),
            message_id: "oncall.k7m2q.1.email@example.com".into(),
            date: SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_000_000),
        };
        let raw = String::from_utf8(build(&m).unwrap().formatted()).unwrap();
        assert!(
            raw.contains("Message-ID: <oncall.k7m2q.1.email@example.com>"),
            "{raw}"
        );
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("text/plain; charset=utf-8"));
        assert!(raw.contains("text/html; charset=utf-8"));
        assert!(raw.contains("To: status@example.com, b@example.com"));
        let bad = Mail {
            from: "not an address".into(),
            ..m
        };
        let e = build(&bad).unwrap_err();
        assert!(!e.transient && e.message.contains("`from`"));
    }
}
