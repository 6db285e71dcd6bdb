//! Long pages on a terminal go through `$PAGER` (default `less -FRX`), as git does: only when
//! stdout is a terminal and the text is taller than the screen. `PAGER=` (empty) turns paging
//! off; when the pager cannot be started, the text is printed directly.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::error::Result;

use super::Ui;

/// The pager when `$PAGER` is unset: quit at once if the text fits (`F`), pass colours (`R`),
/// leave the text on screen afterwards (`X`).
const DEFAULT: &str = "less -FRX";

/// Shows `text` on stdout, through the pager when it is long and stdout is a terminal.
pub fn page(ui: &Ui, text: &str, allowed: bool) -> Result<()> {
    let tall = text.lines().count() >= usize::from(ui.height().unwrap_or(24));
    if !(allowed && ui.is_tty() && tall) {
        return ui.print(text);
    }
    let cmd = std::env::var("PAGER").unwrap_or_else(|_| DEFAULT.to_string());
    let mut words = cmd.split_whitespace();
    let Some(program) = words.next() else {
        return ui.print(text); // PAGER="" means no pager
    };
    let mut child = Command::new(program);
    child.args(words).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        // For a `less` named in $PAGER without flags: colours and quit-if-one-screen.
        child.env("LESS", "FRX");
    }
    let Ok(mut child) = child.spawn() else {
        return ui.print(text);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit before the end (`q` in less): that is not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    let _ = child.wait();
    Ok(())
}
