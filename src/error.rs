//! The one error type of the binary: what went wrong, why, what to do, and the exit code.
//!
//! Domain modules return their own small error values; command code wraps them into an
//! [`Error`] with a kind (which decides the exit code), `caused by` lines and `hint` lines.
//! Rendering lives in `output::report_error`, so this module never prints.

use std::fmt;

/// What kind of failure this is; decides the process exit code (see the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Something failed, or `check` found problems: exit 1.
    Failure,
    /// The command line was wrong: exit 2.
    Usage,
    /// Credentials are missing or were rejected: exit 4.
    Credentials,
    /// Some channels or targets failed and others succeeded: exit 5.
    Partial,
    /// The user cancelled (a prompt or Ctrl-C): exit 130.
    Cancelled,
    /// The command already reported its findings on stdout and only needs a non-zero exit.
    Silent,
    /// stdout was closed by the reader (`oncall who | head -1`): stop quietly, exit 0.
    BrokenPipe,
}

impl Kind {
    /// The process exit code for this kind.
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Failure | Kind::Silent => 1,
            Kind::Usage => 2,
            Kind::Credentials => 4,
            Kind::Partial => 5,
            Kind::Cancelled => 130,
            Kind::BrokenPipe => 0,
        }
    }
}

/// An error ready to be shown to a person: `error: message`, a source excerpt, causes, hints.
#[derive(Debug, Clone)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
    /// Pre-rendered context such as a file excerpt pointing at the offending line.
    pub detail: Option<String>,
    pub causes: Vec<String>,
    pub hints: Vec<String>,
}

/// The result type used across the binary.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A plain failure (exit 1).
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            kind: Kind::Failure,
            message: message.into(),
            detail: None,
            causes: Vec::new(),
            hints: Vec::new(),
        }
    }

    /// A usage error (exit 2): the command line itself was wrong.
    pub fn usage(message: impl Into<String>) -> Self {
        Error::new(message).with_kind(Kind::Usage)
    }

    /// A non-zero exit with nothing more to print (the output already said it).
    pub fn silent() -> Self {
        Error::new(String::new()).with_kind(Kind::Silent)
    }

    pub fn with_kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    /// Adds a `caused by:` line.
    pub fn cause(mut self, cause: impl fmt::Display) -> Self {
        self.causes.push(cause.to_string());
        self
    }

    /// Adds a `hint:` line.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        for cause in &self.causes {
            write!(f, ": {cause}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Attaches "what we were doing" to a lower-level error, which becomes the `caused by` line.
pub trait Context<T> {
    fn context(self, message: impl Into<String>) -> Result<T>;
}

impl<T, E: fmt::Display> Context<T> for std::result::Result<T, E> {
    fn context(self, message: impl Into<String>) -> Result<T> {
        self.map_err(|e| Error::new(message).cause(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_spec() {
        assert_eq!(Kind::Failure.exit_code(), 1);
        assert_eq!(Kind::Usage.exit_code(), 2);
        assert_eq!(Kind::Credentials.exit_code(), 4);
        assert_eq!(Kind::Partial.exit_code(), 5);
        assert_eq!(Kind::Cancelled.exit_code(), 130);
    }

    #[test]
    fn context_keeps_the_cause() {
        let r: std::result::Result<(), String> = Err("disk full".into());
        let e = r.context("cannot write `pages.csv`").unwrap_err();
        assert_eq!(e.message, "cannot write `pages.csv`");
        assert_eq!(e.causes, vec!["disk full"]);
    }
}
