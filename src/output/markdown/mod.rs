//! Markdown for the terminal: headings, lists, emphasis, links (text and URL), block quotes
//! (with GitHub's `> [!WARNING]` alerts), tables and code blocks, wrapped to a width. Pure:
//! markdown text, a width and a colour flag in, a string out.
//!
//! Code blocks are printed verbatim between two rules, never wrapped or indented beyond the
//! list they sit in, so a command can be copied straight into a shell at 4am. Without colour,
//! emphasis keeps plain-text markers (`*strong*`, `_emphasis_`, `` `code` ``) so no meaning is
//! lost. Control characters in the file are shown as `�` rather than sent to the terminal.

use anstyle::AnsiColor;
use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use super::wrap::{self, Frag, Style, sanitize};

mod blocks;
#[cfg(test)]
mod tests;

/// Renders `markdown` for a terminal `width` columns wide, with ANSI styles when `color`.
pub fn render(markdown: &str, width: usize, color: bool) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let mut r = Renderer {
        width: width.max(20),
        color,
        ..Renderer::default()
    };
    for event in Parser::new_ext(markdown, options) {
        r.event(event);
    }
    r.flush_inline();
    let mut out = r.out.trim_end().to_string();
    out.push('\n');
    out
}

pub(super) const HEADING: AnsiColor = AnsiColor::Magenta;
pub(super) const CODE: AnsiColor = AnsiColor::Cyan;

/// A block that prefixes every line inside it: a list item (bullet, then hanging indent) or
/// a block quote (a bar).
struct Container {
    /// For the first line only; taken when used.
    first: Option<String>,
    rest: String,
    width: usize,
    /// A list item, not a quote.
    item: bool,
}

struct List {
    /// The next number of an ordered list.
    next: Option<u64>,
    /// Items hold paragraphs (blank lines between items) rather than bare text.
    loose: bool,
}

struct Link {
    url: String,
    /// Where the link's text starts in `inline`.
    start: usize,
    autolink: bool,
}

#[derive(Default)]
struct TableState {
    align: Vec<Alignment>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
}

#[derive(Default)]
struct Renderer {
    width: usize,
    color: bool,
    out: String,
    containers: Vec<Container>,
    lists: Vec<List>,
    inline: Vec<Frag>,
    links: Vec<Link>,
    strong: u32,
    emphasis: u32,
    strike: u32,
    heading: Option<HeadingLevel>,
    /// Inside a code block: its language and text so far.
    code: Option<(String, String)>,
    html: Option<String>,
    table: Option<TableState>,
    /// A block ended; the next one starts after a blank line.
    blank: bool,
}

impl Renderer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                let t = sanitize(&t);
                if self.plain() {
                    self.push(Frag::nobreak(format!("`{t}`"), self.style()));
                } else {
                    let style = Style {
                        fg: Some(CODE),
                        ..self.style()
                    };
                    self.push(Frag::nobreak(t, style));
                }
            }
            Event::Html(t) => match &mut self.html {
                Some(h) => h.push_str(&t),
                None => self.text(&t),
            },
            Event::InlineHtml(t) => {
                let tag = t.trim().to_ascii_lowercase().replace(' ', "");
                if matches!(tag.as_str(), "<br>" | "<br/>") {
                    self.push(Frag::new("\n", Style::PLAIN));
                } else if !tag.starts_with("<!--") {
                    self.push(Frag::new(sanitize(&t), Style::dim()));
                }
            }
            Event::SoftBreak => self.push(Frag::new(" ", Style::PLAIN)),
            Event::HardBreak => self.push(Frag::new("\n", Style::PLAIN)),
            Event::Rule => {
                self.begin_block();
                let rule = "─".repeat(self.avail());
                self.emit(&wrap::paint_str(&rule, Style::dim(), self.color));
                self.blank = true;
            }
            Event::TaskListMarker(done) => {
                self.push(Frag::new(if done { "[x] " } else { "[ ] " }, Style::PLAIN));
            }
            Event::FootnoteReference(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text(&t);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                if self.in_item()
                    && let Some(l) = self.lists.last_mut()
                {
                    l.loose = true;
                }
                self.begin_block();
            }
            Tag::Heading { level, .. } => {
                self.begin_block();
                self.heading = Some(level);
                if level > HeadingLevel::H2 {
                    let marks = "#".repeat(level as usize);
                    self.push(Frag::new(format!("{marks} "), Style::dim()));
                }
            }
            Tag::BlockQuote(kind) => {
                self.begin_block();
                let bar = wrap::paint_str("│ ", Style::dim(), self.color);
                self.containers.push(Container {
                    first: None,
                    rest: bar,
                    width: 2,
                    item: false,
                });
                if let Some(kind) = kind {
                    let (label, color) = blocks::alert(kind);
                    let style = Style {
                        bold: true,
                        fg: Some(color),
                        ..Style::PLAIN
                    };
                    self.emit(&wrap::paint_str(label, style, self.color));
                }
            }
            Tag::CodeBlock(kind) => {
                self.begin_block();
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.split([' ', ',']).next().unwrap_or("").into(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Tag::HtmlBlock => {
                self.begin_block();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.begin_block();
                self.lists.push(List {
                    next: start,
                    loose: false,
                });
            }
            Tag::Item => {
                self.flush_inline();
                if std::mem::take(&mut self.blank) {
                    self.blank_line();
                }
                let depth = self.lists.len();
                let marker = match self.lists.last_mut().and_then(|l| l.next.as_mut()) {
                    Some(n) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    None => format!("{} ", ["•", "◦", "▪"][(depth + 2) % 3]),
                };
                let width = wrap::width(&marker);
                let style = Style::fg(HEADING);
                self.containers.push(Container {
                    first: Some(wrap::paint_str(&marker, style, self.color)),
                    rest: " ".repeat(width),
                    width,
                    item: true,
                });
            }
            Tag::Table(align) => {
                self.begin_block();
                self.table = Some(TableState {
                    align,
                    ..TableState::default()
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.row.clear();
                }
            }
            Tag::TableCell => self.inline.clear(),
            Tag::Emphasis => self.mark(|r| &mut r.emphasis, 1, "_"),
            Tag::Strong => self.mark(|r| &mut r.strong, 1, "*"),
            Tag::Strikethrough => self.mark(|r| &mut r.strike, 1, "~~"),
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self.links.push(Link {
                url: dest_url.to_string(),
                start: self.inline.len(),
                autolink: matches!(link_type, LinkType::Autolink | LinkType::Email),
            }),
            Tag::Image { dest_url, .. } => {
                self.push(Frag::new("[image: ", Style::dim()));
                self.links.push(Link {
                    url: dest_url.to_string(),
                    start: self.inline.len(),
                    autolink: false,
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                self.flush_inline();
                self.blank = true;
            }
            TagEnd::Heading(level) => self.heading_end(level),
            TagEnd::BlockQuote(_) => {
                self.flush_inline();
                self.containers.pop();
                self.blank = true;
            }
            TagEnd::CodeBlock => self.code_end(),
            TagEnd::HtmlBlock => {
                let html = self.html.take().unwrap_or_default();
                let t = html.trim();
                // Comments are notes for editors, invisible when rendered.
                if !(t.starts_with("<!--") && t.ends_with("-->")) {
                    for line in html.lines() {
                        self.emit(&wrap::paint_str(&sanitize(line), Style::dim(), self.color));
                    }
                    self.blank = true;
                }
            }
            TagEnd::List(_) => {
                self.flush_inline();
                self.lists.pop();
                // A list nested in a tight item is part of that item: no blank line after it.
                self.blank = !self.in_item() || self.lists.last().is_none_or(|l| l.loose);
            }
            TagEnd::Item => {
                self.flush_inline();
                if self.containers.last().is_some_and(|c| c.first.is_some()) {
                    self.emit("");
                }
                self.containers.pop();
                // Items of a tight list follow each other even after a code block.
                if self.lists.last().is_some_and(|l| !l.loose) {
                    self.blank = false;
                }
            }
            TagEnd::TableCell => {
                let text: String = self.inline.drain(..).map(|f| f.text).collect();
                if let Some(t) = &mut self.table {
                    t.row.push(text.trim().to_string());
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.header = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => self.table_end(),
            TagEnd::Emphasis => self.mark(|r| &mut r.emphasis, -1, "_"),
            TagEnd::Strong => self.mark(|r| &mut r.strong, -1, "*"),
            TagEnd::Strikethrough => self.mark(|r| &mut r.strike, -1, "~~"),
            TagEnd::Link | TagEnd::Image => self.link_end(tag == TagEnd::Image),
            _ => {}
        }
    }

    /// Inline text, or the contents of a code or HTML block.
    fn text(&mut self, t: &str) {
        if let Some((_, code)) = &mut self.code {
            code.push_str(t);
        } else if let Some(html) = &mut self.html {
            html.push_str(t);
        } else {
            self.push(Frag::new(sanitize(t), self.style()));
        }
    }

    fn push(&mut self, f: Frag) {
        self.inline.push(f);
    }

    /// Plain-text markers stand in for styles without colour, and inside tables (whose cells
    /// hold one style each).
    fn plain(&self) -> bool {
        !self.color || self.table.is_some()
    }

    /// Opens or closes a styled span: counts nesting, and writes the marker when plain.
    fn mark(&mut self, depth: fn(&mut Renderer) -> &mut u32, step: i32, marker: &str) {
        let d = depth(self);
        *d = d.saturating_add_signed(step);
        if self.plain() {
            self.push(Frag::new(marker, Style::PLAIN));
        }
    }

    fn style(&self) -> Style {
        let heading = self.heading.is_some();
        Style {
            bold: self.strong > 0 || heading,
            italic: self.emphasis > 0,
            underline: !self.links.is_empty(),
            strike: self.strike > 0,
            dim: false,
            fg: (heading && self.heading <= Some(HeadingLevel::H2)).then_some(HEADING),
        }
    }

    fn in_item(&self) -> bool {
        self.containers.last().is_some_and(|c| c.item)
    }

    /// Columns left for text inside the current containers.
    fn avail(&self) -> usize {
        let used: usize = self.containers.iter().map(|c| c.width).sum();
        self.width.saturating_sub(used).max(10)
    }

    /// Ends pending inline text (a tight list item's text before a nested block) and leaves
    /// a blank line after the previous block.
    fn begin_block(&mut self) {
        self.flush_inline();
        if std::mem::take(&mut self.blank) && !self.out.is_empty() {
            self.blank_line();
        }
    }

    fn flush_inline(&mut self) {
        if self.inline.iter().all(|f| f.text.trim().is_empty()) {
            self.inline.clear();
            return;
        }
        let frags = std::mem::take(&mut self.inline);
        for line in wrap::wrap(&frags, self.avail()) {
            self.emit(&wrap::paint(&line, self.color));
        }
    }

    /// Writes one line inside the current containers.
    fn emit(&mut self, content: &str) {
        let mut line: String = self
            .containers
            .iter_mut()
            .map(|c| c.first.take().unwrap_or_else(|| c.rest.clone()))
            .collect();
        line.push_str(content);
        self.out.push_str(line.trim_end_matches(' '));
        self.out.push('\n');
    }

    fn blank_line(&mut self) {
        let prefix: String = self.containers.iter().map(|c| c.rest.as_str()).collect();
        self.out.push_str(prefix.trim_end());
        self.out.push('\n');
    }
}
