//! Styled text for the terminal: runs of text with a style, word-wrapped to a width in display
//! columns (wide characters count twice), painted with ANSI escapes only when colour is on.
//! Words are never split: a long URL or command overflows its line rather than break, so it
//! can still be copied whole.

use anstyle::{AnsiColor, Style as Ansi};
use unicode_width::UnicodeWidthChar;

/// How a run of text looks. Mapped to ANSI only when colour is on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub strike: bool,
    pub dim: bool,
    pub fg: Option<AnsiColor>,
}

impl Style {
    pub const PLAIN: Style = Style {
        bold: false,
        italic: false,
        underline: false,
        strike: false,
        dim: false,
        fg: None,
    };

    pub fn dim() -> Style {
        Style {
            dim: true,
            ..Style::PLAIN
        }
    }

    pub fn fg(color: AnsiColor) -> Style {
        Style {
            fg: Some(color),
            ..Style::PLAIN
        }
    }

    fn ansi(self) -> Ansi {
        let mut s = Ansi::new().fg_color(self.fg.map(Into::into));
        if self.bold {
            s = s.bold();
        }
        if self.italic {
            s = s.italic();
        }
        if self.underline {
            s = s.underline();
        }
        if self.strike {
            s = s.strikethrough();
        }
        if self.dim {
            s = s.dimmed();
        }
        s
    }
}

/// A run of text in one style. `nobreak` keeps its spaces from being line-break points (for
/// inline code, which should stay on one line to be copied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frag {
    pub text: String,
    pub style: Style,
    pub nobreak: bool,
}

impl Frag {
    pub fn new(text: impl Into<String>, style: Style) -> Frag {
        Frag {
            text: text.into(),
            style,
            nobreak: false,
        }
    }

    pub fn nobreak(text: impl Into<String>, style: Style) -> Frag {
        Frag {
            nobreak: true,
            ..Frag::new(text, style)
        }
    }
}

/// One output line: pieces of text and their styles.
pub type Line = Vec<(String, Style)>;

/// The display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The display width of a line.
pub fn line_width(line: &Line) -> usize {
    line.iter().map(|(t, _)| width(t)).sum()
}

/// Fills lines of at most `width` columns with the words of `frags`. Spaces and tabs separate
/// words (runs of them collapse to one space); `\n` ends a line.
pub fn wrap(frags: &[Frag], width: usize) -> Vec<Line> {
    let mut w = Wrapper {
        width: width.max(1),
        lines: Vec::new(),
        line: Vec::new(),
        line_w: 0,
        word: Vec::new(),
        word_w: 0,
    };
    for f in frags {
        for c in f.text.chars() {
            match c {
                '\n' if !f.nobreak => {
                    w.end_word();
                    w.end_line();
                }
                ' ' | '\t' if !f.nobreak => w.end_word(),
                _ => w.push(c, f.style),
            }
        }
    }
    w.end_word();
    if !w.line.is_empty() {
        w.end_line();
    }
    w.lines
}

struct Wrapper {
    width: usize,
    lines: Vec<Line>,
    line: Line,
    line_w: usize,
    word: Line,
    word_w: usize,
}

impl Wrapper {
    fn push(&mut self, c: char, style: Style) {
        let c = if c == '\t' { ' ' } else { c };
        match self.word.last_mut() {
            Some((text, s)) if *s == style => text.push(c),
            _ => self.word.push((c.to_string(), style)),
        }
        self.word_w += c.width().unwrap_or(0);
    }

    fn end_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        if self.line_w > 0 && self.line_w + 1 + self.word_w > self.width {
            self.end_line();
        }
        let mut space = self.line_w > 0;
        if space {
            self.line_w += 1;
        }
        for (text, style) in self.word.drain(..) {
            match self.line.last_mut() {
                // Keep a styled phrase in one piece: a link's spaces are underlined too.
                Some((t, s)) if *s == style => {
                    if space {
                        t.push(' ');
                    }
                    t.push_str(&text);
                }
                _ => {
                    if space {
                        self.line.push((" ".into(), Style::PLAIN));
                    }
                    self.line.push((text, style));
                }
            }
            space = false;
        }
        self.line_w += self.word_w;
        self.word_w = 0;
    }

    fn end_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
        self.line_w = 0;
    }
}

/// The line as text, with ANSI escapes when `color`.
pub fn paint(line: &Line, color: bool) -> String {
    line.iter().map(|(t, s)| paint_str(t, *s, color)).collect()
}

/// `text` in `style`, with ANSI escapes when `color`.
pub fn paint_str(text: &str, style: Style, color: bool) -> String {
    if color && style != Style::PLAIN && !text.is_empty() {
        let a = style.ansi();
        format!("{}{text}{}", a.render(), a.render_reset())
    } else {
        text.to_string()
    }
}

/// Text from a file, safe to send to a terminal: control characters (escape sequences,
/// carriage returns, bells) become `�`; tabs and newlines are kept.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\t' && c != '\n' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| paint(l, false)).collect()
    }

    #[test]
    fn wraps_on_spaces_and_keeps_long_words_whole() {
        let f = [Frag::new(
            "see https://grafana.example.com/d/ingest-overview for the lag",
            Style::PLAIN,
        )];
        assert_eq!(
            plain(&wrap(&f, 20)),
            [
                "see",
                "https://grafana.example.com/d/ingest-overview",
                "for the lag"
            ]
        );
    }

    #[test]
    fn styles_join_within_a_word_and_nobreak_holds() {
        let bold = Style {
            bold: true,
            ..Style::PLAIN
        };
        let f = [
            Frag::new("run ", Style::PLAIN),
            Frag::nobreak("kubectl get pods", Style::fg(AnsiColor::Cyan)),
            Frag::new(", then ", Style::PLAIN),
            Frag::new("wait", bold),
            Frag::new(".\nNext", Style::PLAIN),
        ];
        let lines = wrap(&f, 12);
        assert_eq!(
            plain(&lines),
            ["run", "kubectl get pods,", "then wait.", "Next"]
        );
        let painted = paint(&lines[2], true);
        assert!(painted.contains("\u{1b}[1mwait\u{1b}[0m."), "{painted:?}");
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("日本"), 4);
        let f = [Frag::new("日本 日本 日本", Style::PLAIN)];
        assert_eq!(plain(&wrap(&f, 9)), ["日本 日本", "日本"]);
    }
}
