//! The blocks of a rendered page that are more than wrapped text: headings with their rules,
//! code blocks between rules, links' URLs, tables, and the labels of GitHub alerts.

use anstyle::AnsiColor;
use comfy_table::{CellAlignment, ContentArrangement, LineStyle, TableStyle};
use pulldown_cmark::{Alignment, BlockQuoteKind, HeadingLevel};

use super::{CODE, Frag, Renderer, Style, sanitize, wrap};

/// Boxed tables with a rule under the header.
const TABLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::new('┌', '─', '┬', '┐'))
    .header_lines(comfy_table::ContentLineStyle::new('│', '│', '│'))
    .header_separator(LineStyle::new('├', '─', '┼', '┤'))
    .content_lines(comfy_table::ContentLineStyle::new('│', '│', '│'))
    .bottom_border(LineStyle::new('└', '─', '┴', '┘'));

impl Renderer {
    pub(super) fn heading_end(&mut self, level: HeadingLevel) {
        let frags = std::mem::take(&mut self.inline);
        self.heading = None;
        let lines = wrap::wrap(&frags, self.avail());
        let longest = lines.iter().map(wrap::line_width).max().unwrap_or(0);
        for line in &lines {
            self.emit(&wrap::paint(line, self.color));
        }
        let rule = match level {
            HeadingLevel::H1 => Some("═"),
            HeadingLevel::H2 => Some("─"),
            _ => None,
        };
        if let Some(rule) = rule {
            let rule = rule.repeat(longest.min(self.avail()));
            self.emit(&wrap::paint_str(&rule, Style::dim(), self.color));
        }
        self.blank = true;
    }

    pub(super) fn code_end(&mut self) {
        let Some((lang, text)) = self.code.take() else {
            return;
        };
        let lines: Vec<String> = text.lines().map(sanitize).collect();
        let longest = lines.iter().map(|l| wrap::width(l)).max().unwrap_or(0);
        let len = longest.clamp(12, self.avail());
        let top = if lang.is_empty() {
            "─".repeat(len)
        } else {
            let label = format!("── {lang} ");
            let fill = len.saturating_sub(wrap::width(&label));
            format!("{label}{}", "─".repeat(fill))
        };
        self.emit(&wrap::paint_str(&top, Style::dim(), self.color));
        for line in &lines {
            self.emit(&wrap::paint_str(line, Style::fg(CODE), self.color));
        }
        self.emit(&wrap::paint_str(&"─".repeat(len), Style::dim(), self.color));
        self.blank = true;
    }

    pub(super) fn link_end(&mut self, image: bool) {
        let Some(link) = self.links.pop() else {
            return;
        };
        let text: String = self.inline[link.start.min(self.inline.len())..]
            .iter()
            .map(|f| f.text.as_str())
            .collect();
        if image {
            self.push(Frag::new("]", Style::dim()));
        }
        let same = text == link.url || format!("mailto:{text}") == link.url;
        if !(link.autolink || same || link.url.starts_with('#') || link.url.is_empty()) {
            self.push(Frag::new(" ", Style::PLAIN));
            self.push(Frag::nobreak(
                format!("({})", sanitize(&link.url)),
                Style::dim(),
            ));
        }
    }

    pub(super) fn table_end(&mut self) {
        let Some(t) = self.table.take() else {
            return;
        };
        let mut table = comfy_table::Table::new();
        table
            .load_style(TABLE)
            .force_no_tty()
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(self.avail()).unwrap_or(u16::MAX));
        if self.color {
            table.enforce_styling();
        }
        let align = |i: usize| match t.align.get(i) {
            Some(Alignment::Right) => CellAlignment::Right,
            Some(Alignment::Center) => CellAlignment::Center,
            _ => CellAlignment::Left,
        };
        table.set_header(t.header.iter().enumerate().map(|(i, h)| {
            comfy_table::Cell::new(h)
                .add_attribute(comfy_table::Attribute::Bold)
                .set_alignment(align(i))
        }));
        for row in &t.rows {
            table.add_row(
                row.iter()
                    .enumerate()
                    .map(|(i, c)| comfy_table::Cell::new(c).set_alignment(align(i))),
            );
        }
        for line in table.lines() {
            self.emit(line.trim_end());
        }
        self.blank = true;
    }
}

/// The label of a GitHub alert (`> [!WARNING]`) and its colour.
pub(super) fn alert(kind: BlockQuoteKind) -> (&'static str, AnsiColor) {
    match kind {
        BlockQuoteKind::Note => ("ℹ Note", AnsiColor::Blue),
        BlockQuoteKind::Tip => ("✔ Tip", AnsiColor::Green),
        BlockQuoteKind::Important => ("❢ Important", AnsiColor::Magenta),
        BlockQuoteKind::Warning => ("⚠ Warning", AnsiColor::Yellow),
        BlockQuoteKind::Caution => ("⛔ Caution", AnsiColor::Red),
    }
}
