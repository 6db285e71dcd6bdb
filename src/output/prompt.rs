//! Questions to the person at the terminal (dialoguer), only when there is one: callers check
//! `Ui::can_prompt` and otherwise require `--yes`.

use dialoguer::Confirm;

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
