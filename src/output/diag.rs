//! Source excerpts for problems in a file: `schedule.toml:12:9` and the line with a caret
//! under the offending span, as compilers show them.

use crate::schedule::Problem;
use crate::schedule::load::line_col;

/// The `file:line:col` location of `p` and an excerpt of the line with carets (plain text).
pub fn locate(label: &str, text: &str, p: &Problem) -> (String, String) {
    let Some(span) = &p.span else {
        return (label.to_string(), String::new());
    };
    let (line, col) = line_col(text, span.start);
    let src_line = text.lines().nth(line - 1).unwrap_or("");
    let width = line.to_string().len();
    // Carets under the span, limited to this line.
    let span_chars = text
        .get(span.clone())
        .map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
    let carets =
        "^".repeat(span_chars.clamp(1, src_line.chars().count().saturating_sub(col - 1).max(1)));
    let pad = " ".repeat(width);
    let indent = " ".repeat(col - 1);
    let excerpt = format!("{pad} |\n{line} | {src_line}\n{pad} | {indent}{carets}\n");
    (format!("{label}:{line}:{col}"), excerpt)
}
