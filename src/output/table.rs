//! Tables: comfy-table on a terminal, tab-separated rows (no header) when piped, so
//! `oncall schedule | cut -f3` works.

use comfy_table::{Attribute, Color, ContentArrangement};
use comfy_table::{LineStyle, TableStyle};

use super::Tone;

/// No borders; a light rule under the header. Easy to read at 4am, easy to copy from.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

/// A table cell: text and how it should look on a terminal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl Cell {
    pub fn new(text: impl Into<String>, tone: Tone) -> Cell {
        Cell {
            text: text.into(),
            tone,
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::new(s, Tone::Plain)
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::new(s, Tone::Plain)
    }
}

/// Rows of cells under a header.
#[derive(Debug, Clone, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|h| (*h).to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Boxed columns fitted to `width`, styled when `color`.
    pub fn render_tty(&self, width: u16, color: bool) -> String {
        let mut t = comfy_table::Table::new();
        t.load_style(STYLE)
            .force_no_tty()
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
        if color {
            t.enforce_styling();
        }
        t.set_header(
            self.header
                .iter()
                .map(|h| comfy_table::Cell::new(h).add_attribute(Attribute::Bold)),
        );
        for row in &self.rows {
            t.add_row(row.iter().map(styled));
        }
        // comfy-table pads every cell; trailing blanks only get in the way when copying.
        t.lines().map(|l| format!("{}\n", l.trim_end())).collect()
    }

    /// One line per row, cells separated by tabs; tabs and newlines inside cells become spaces.
    pub fn render_tsv(&self) -> String {
        let mut s = String::new();
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| c.text.replace(['\t', '\n', '\r'], " "))
                .collect();
            s.push_str(&cells.join("\t"));
            s.push('\n');
        }
        s
    }
}

fn styled(c: &Cell) -> comfy_table::Cell {
    let cell = comfy_table::Cell::new(&c.text);
    match c.tone {
        Tone::Plain => cell,
        Tone::Bold => cell.add_attribute(Attribute::Bold),
        Tone::Dim => cell.add_attribute(Attribute::Dim),
        Tone::Good => cell.fg(Color::Green),
        Tone::Warn => cell.fg(Color::Yellow),
        Tone::Bad => cell.fg(Color::Red).add_attribute(Attribute::Bold),
        Tone::Accent => cell.fg(Color::Cyan),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_has_no_header_and_no_stray_tabs() {
        let mut t = Table::new(&["A", "B"]);
        t.row(vec!["x\ty".into(), "line\nbreak".into()]);
        assert_eq!(t.render_tsv(), "x y\tline break\n");
    }

    #[test]
    fn tty_has_header_and_no_escapes_without_color() {
        let mut t = Table::new(&["ROLE", "PERSON"]);
        t.row(vec!["manager".into(), Cell::new("Alice", Tone::Bold)]);
        let s = t.render_tty(80, false);
        assert!(s.contains("ROLE") && s.contains("Alice"));
        assert!(!s.contains('\u{1b}'));
        assert!(t.render_tty(80, true).contains('\u{1b}'));
    }
}
