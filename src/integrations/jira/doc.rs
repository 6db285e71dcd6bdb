//! A small rich-text model for ticket descriptions and comments, rendered as Atlassian
//! Document Format (Jira Cloud, REST v3) or wiki markup (Data Center, REST v2).

use serde_json::{Value, json};

/// Inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Bold(String),
    Link { text: String, href: String },
}

/// A block of content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    Bullets(Vec<Vec<Inline>>),
}

/// A document: blocks in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc(pub Vec<Block>);

impl Doc {
    /// A document of one plain paragraph.
    pub fn text(s: impl Into<String>) -> Doc {
        Doc(vec![Block::Paragraph(vec![Inline::Text(s.into())])])
    }

    /// Atlassian Document Format. Empty text nodes are left out (ADF rejects them).
    pub fn to_adf(&self) -> Value {
        let content: Vec<Value> = self
            .0
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(inl) => {
                    let c = adf_inlines(inl);
                    (!c.is_empty()).then(|| json!({"type": "paragraph", "content": c}))
                }
                Block::Bullets(items) => {
                    let items: Vec<Value> = items
                        .iter()
                        .map(|i| adf_inlines(i))
                        .filter(|c| !c.is_empty())
                        .map(|c| {
                            json!({"type": "listItem", "content": [{"type": "paragraph", "content": c}]})
                        })
                        .collect();
                    (!items.is_empty()).then(|| json!({"type": "bulletList", "content": items}))
                }
            })
            .collect();
        json!({"type": "doc", "version": 1, "content": content})
    }

    /// Jira wiki markup, with markup characters in the text escaped.
    pub fn to_wiki(&self) -> String {
        let blocks: Vec<String> = self
            .0
            .iter()
            .map(|b| match b {
                Block::Paragraph(inl) => wiki_inlines(inl),
                Block::Bullets(items) => items
                    .iter()
                    .map(|i| wiki_inlines(i))
                    .filter(|s| !s.is_empty())
                    .map(|s| format!("* {s}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
            .filter(|s| !s.is_empty())
            .collect();
        blocks.join("\n\n")
    }
}

fn adf_inlines(inl: &[Inline]) -> Vec<Value> {
    inl.iter()
        .filter_map(|i| match i {
            Inline::Text(t) if !t.is_empty() => Some(json!({"type": "text", "text": t})),
            Inline::Bold(t) if !t.is_empty() => {
                Some(json!({"type": "text", "text": t, "marks": [{"type": "strong"}]}))
            }
            Inline::Link { text, href } if !text.is_empty() => Some(json!({
                "type": "text", "text": text,
                "marks": [{"type": "link", "attrs": {"href": href}}]
            })),
            _ => None,
        })
        .collect()
}

fn wiki_inlines(inl: &[Inline]) -> String {
    inl.iter()
        .map(|i| match i {
            Inline::Text(t) => escape(t),
            Inline::Bold(t) if !t.is_empty() => format!("*{}*", escape(t)),
            Inline::Bold(_) => String::new(),
            Inline::Link { text, href } => {
                format!("[{}|{}]", escape(text), href.replace('|', "%7C"))
            }
        })
        .collect()
}

/// Escapes the characters that start wiki markup, so alert text shows as written.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '{' | '}' | '[' | ']' | '|' | '*' | '_' | '!' | '^' | '~' | '+' | '?'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Doc {
        Doc(vec![
            Block::Paragraph(vec![
                Inline::Bold("Service: ".into()),
                Inline::Text("api".into()),
            ]),
            Block::Bullets(vec![
                vec![Inline::Text("a*b".into())],
                vec![Inline::Link {
                    text: "runbook".into(),
                    href: "https://x/r".into(),
                }],
                vec![Inline::Text(String::new())],
            ]),
            Block::Paragraph(vec![]),
        ])
    }

    #[test]
    fn renders_adf_without_empty_nodes() {
        let adf = sample().to_adf();
        assert_eq!(adf["type"], "doc");
        assert_eq!(adf["version"], 1);
        assert_eq!(adf["content"].as_array().unwrap().len(), 2);
        assert_eq!(adf["content"][1]["content"].as_array().unwrap().len(), 2);
        assert_eq!(
            adf["content"][1]["content"][1]["content"][0]["content"][0]["marks"][0]["attrs"]["href"],
            "https://x/r"
        );
    }

    #[test]
    fn renders_escaped_wiki() {
        assert_eq!(
            sample().to_wiki(),
            "*Service: *api\n\n* a\\*b\n* [runbook|https://x/r]"
        );
    }
}
