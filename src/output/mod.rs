//! Everything the binary writes to the terminal goes through [`Ui`]: data to stdout, status,
//! warnings and errors to stderr; colour only when wanted (`--color`, `NO_COLOR`, a terminal);
//! JSON for scripts. Other modules compute; this one decides how it looks.

pub mod diag;
pub mod fmt;
pub mod markdown;
pub mod pager;
pub mod prompt;
pub mod retro;
pub mod spark;
pub mod table;
pub mod wrap;

use std::io::{self, IsTerminal, Write};

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::error::{Error, Kind, Result};

pub use table::{Cell, Table};

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set or `TERM=dumb`.
    #[default]
    Auto,
    /// Colour even when piped (still never with `NO_COLOR`).
    Always,
    Never,
}

/// A tone for a piece of text; mapped to a colour only when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    Bold,
    Dim,
    Good,
    Warn,
    Bad,
    Accent,
}

impl Tone {
    fn style(self) -> Style {
        match self {
            Tone::Plain => Style::new(),
            Tone::Bold => Style::new().bold(),
            Tone::Dim => Style::new().dimmed(),
            Tone::Good => AnsiColor::Green.on_default(),
            Tone::Warn => AnsiColor::Yellow.on_default(),
            Tone::Bad => AnsiColor::Red.on_default().bold(),
            Tone::Accent => AnsiColor::Cyan.on_default(),
        }
    }
}

/// The terminal: where output goes and how it looks.
#[derive(Debug, Clone)]
pub struct Ui {
    pub json: bool,
    pub quiet: bool,
    stdout_tty: bool,
    stdin_tty: bool,
    stderr_tty: bool,
    color_out: bool,
    color_err: bool,
    width: u16,
    height: Option<u16>,
    forced_tty: bool,
}

/// The guard of [`Ui::progress`]: erases the status line when dropped.
#[must_use]
pub struct Progress {
    on: bool,
}

impl Drop for Progress {
    fn drop(&mut self) {
        if self.on {
            // Back to the start of the line and clear it.
            let _ = write!(io::stderr().lock(), "\r\x1b[2K");
        }
    }
}

impl Ui {
    /// Decides TTY-ness and colour once. `ONCALL_FORCE_TTY=1` makes stdout and stderr count as
    /// terminals (for tests of the human output); `COLUMNS` and `LINES` set the size when not a
    /// terminal.
    pub fn new(color: ColorChoice, json: bool, quiet: bool) -> Ui {
        let forced = std::env::var_os("ONCALL_FORCE_TTY").is_some_and(|v| v == "1");
        let stdout_tty = forced || io::stdout().is_terminal();
        let stderr_tty = forced || io::stderr().is_terminal();
        let stdin_tty = io::stdin().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        let pick = |tty: bool| match color {
            _ if no_color => false,
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !dumb,
        };
        let size = terminal_size::terminal_size();
        let env = |k| std::env::var(k).ok().and_then(|c| c.parse().ok());
        let width = size
            .map(|(w, _)| w.0)
            .or_else(|| env("COLUMNS"))
            .unwrap_or(100);
        let height = size.map(|(_, h)| h.0).or_else(|| env("LINES"));
        Ui {
            json,
            quiet,
            stdout_tty,
            stdin_tty,
            stderr_tty,
            color_out: pick(stdout_tty),
            color_err: pick(stderr_tty),
            width,
            height,
            forced_tty: forced,
        }
    }

    /// Whether stdout is a terminal (tables and relative times) or a pipe (TSV, RFC 3339).
    pub fn is_tty(&self) -> bool {
        self.stdout_tty
    }

    /// Whether we may ask questions: both stdin and stderr are terminals.
    pub fn can_prompt(&self) -> bool {
        self.stdin_tty && self.stderr_tty
    }

    pub fn color(&self) -> bool {
        self.color_out
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    /// The terminal's height in lines, when known.
    pub fn height(&self) -> Option<u16> {
        self.height
    }

    /// Writes a long page of data to stdout, through `$PAGER` on a terminal when it does not
    /// fit on the screen and `allowed`.
    pub fn page(&self, text: &str, allowed: bool) -> Result<()> {
        pager::page(self, text, allowed)
    }

    /// `text` styled for stdout.
    pub fn paint(&self, tone: Tone, text: &str) -> String {
        paint(self.color_out, tone, text)
    }

    /// Writes data to stdout. A closed pipe (`oncall who | head -1`) ends the run quietly.
    pub fn print(&self, text: &str) -> Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(io_to_error)
    }

    /// Writes a line of data to stdout.
    pub fn println(&self, text: &str) -> Result<()> {
        self.print(&format!("{text}\n"))
    }

    /// Writes `value` as pretty JSON on stdout.
    pub fn json<T: Serialize>(&self, value: &T) -> Result<()> {
        let text = serde_json::to_string_pretty(value)
            .map_err(|e| Error::new("cannot encode the JSON output").cause(e))?;
        self.println(&text)
    }

    /// A progress or status line on stderr; muted by `-q`.
    pub fn status(&self, msg: &str) {
        if !self.quiet {
            eprint_line(msg);
        }
    }

    /// A line on stderr that `-q` does not mute, for what scripts read there (the address a
    /// server bound to).
    pub fn notice(&self, msg: &str) {
        eprint_line(msg);
    }

    /// `warning: ...` on stderr; muted by `-q`.
    pub fn warn(&self, msg: &str) {
        if !self.quiet {
            eprint_line(&format!(
                "{} {msg}",
                paint(self.color_err, Tone::Warn, "warning:")
            ));
        }
    }

    /// `hint: ...` on stderr; muted by `-q`.
    pub fn hint(&self, msg: &str) {
        if !self.quiet {
            eprint_line(&format!(
                "{} {msg}",
                paint(self.color_err, Tone::Accent, "hint:")
            ));
        }
    }

    /// A status line on stderr while something slow runs (only on a terminal, and not with
    /// `-q`); it is erased when the returned guard is dropped.
    pub fn progress(&self, msg: &str) -> Progress {
        let on = self.stderr_tty && !self.quiet && !self.forced_tty;
        if on {
            let _ = write!(io::stderr().lock(), "{msg}");
        }
        Progress { on }
    }

    /// Renders an error as `error: what`, the detail, `caused by:` lines and `hint:` lines.
    pub fn report_error(&self, e: &Error) {
        if e.kind == Kind::Silent || e.kind == Kind::BrokenPipe {
            return;
        }
        let mut s = format!(
            "{} {}\n",
            paint(self.color_err, Tone::Bad, "error:"),
            e.message
        );
        if let Some(detail) = &e.detail {
            s.push_str(detail);
            if !detail.ends_with('\n') {
                s.push('\n');
            }
        }
        for c in &e.causes {
            s.push_str(&format!(
                "  {} {c}\n",
                paint(self.color_err, Tone::Dim, "caused by:")
            ));
        }
        for h in &e.hints {
            s.push_str(&format!(
                "{} {h}\n",
                paint(self.color_err, Tone::Accent, "hint:")
            ));
        }
        let _ = io::stderr().lock().write_all(s.as_bytes());
    }

    /// Renders a table: boxed columns on a terminal, tab-separated rows when piped.
    pub fn table(&self, table: &Table) -> String {
        if self.stdout_tty {
            table.render_tty(self.width, self.color_out)
        } else {
            table.render_tsv()
        }
    }
}

fn eprint_line(msg: &str) {
    let _ = writeln!(io::stderr().lock(), "{msg}");
}

fn paint(on: bool, tone: Tone, text: &str) -> String {
    if on && tone != Tone::Plain {
        let style = tone.style();
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_string()
    }
}

fn io_to_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Error::new("broken pipe").with_kind(Kind::BrokenPipe)
    } else {
        Error::new("cannot write to stdout").cause(e)
    }
}
