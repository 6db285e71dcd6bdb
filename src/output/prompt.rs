//! Questions to the person at the terminal (dialoguer), only when there is one: callers check
//! `Ui::can_prompt` and otherwise require `--yes`.

use dialoguer::{Confirm, Input};

use crate::error::{Error, Kind, Result};

use super::Ui;

/// Asks a yes/no question on stderr. Esc or Ctrl-C cancels (exit 130).
pub fn confirm(_ui: &Ui, question: &str, default: bool) -> Result<bool> {
    let theme = dialoguer::theme::SimpleTheme;
    Confirm::with_theme(&theme)
        .with_prompt(question)
        .default(default)
        .interact_opt()
        .map_err(|e| Error::new("cannot ask for confirmation").cause(e))?
        .ok_or_else(|| Error::new("cancelled").with_kind(Kind::Cancelled))
}

/// Asks for a score from 1 to 5 on stderr; an empty answer skips (`None`). Callers check
/// `Ui::can_prompt` first.
pub fn score(_ui: &Ui, question: &str) -> Result<Option<u8>> {
    let theme = dialoguer::theme::SimpleTheme;
    let answer: String = Input::with_theme(&theme)
        .with_prompt(question)
        .allow_empty(true)
        .validate_with(|s: &String| -> std::result::Result<(), &str> {
            match s.trim() {
                "" | "1" | "2" | "3" | "4" | "5" => Ok(()),
                _ => Err("a whole number from 1 to 5, or Enter to skip"),
            }
        })
        .interact_text()
        .map_err(|e| Error::new("cannot ask for a score").cause(e))?;
    Ok(answer.trim().parse().ok())
}

/// Goes ahead when `yes`, asks when interactive, and otherwise refuses with a hint.
pub fn confirm_or_yes(ui: &Ui, yes: bool, question: &str) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !ui.can_prompt() {
        return Err(
            Error::usage("this needs confirmation, and there is no terminal to ask on")
                .hint("pass `--yes` to go ahead without asking"),
        );
    }
    if confirm(ui, question, false)? {
        Ok(())
    } else {
        Err(Error::new("cancelled").with_kind(Kind::Cancelled))
    }
}
