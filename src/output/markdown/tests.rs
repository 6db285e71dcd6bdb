//! The renderer on small pieces of markdown, each checked line by line.

use super::*;

fn plain(md: &str, width: usize) -> String {
    render(md, width, false)
}

#[test]
fn headings_paragraphs_and_emphasis() {
    let md = "# Title\n\nSome **bold**, *soft* and `code` text\nthat wraps.\n\n### Deep\n\ntext";
    assert_eq!(
        plain(md, 30),
        "Title\n═════\n\nSome *bold*, _soft_ and `code`\ntext that wraps.\n\n### Deep\n\ntext\n"
    );
}

#[test]
fn links_show_their_url_once() {
    let md = "[Grafana](https://g.example.com/d/1), <https://x.example.com>, \
              [same](same), [top](#lag), ![graph](g.png)";
    assert_eq!(
        plain(md, 200),
        "Grafana (https://g.example.com/d/1), https://x.example.com, same, top, \
         [image: graph] (g.png)\n"
    );
}

#[test]
fn tight_nested_and_loose_lists() {
    let md = "- one\n- two\n  - inner\n- three\n\n1. a\n\n   more a\n\n2. b\n\n- [x] done\n- [ ] todo\n-\n";
    assert_eq!(
        plain(md, 40),
        "• one\n• two\n  ◦ inner\n• three\n\n1. a\n\n   more a\n\n2. b\n\n• [x] done\n• [ ] todo\n•\n"
    );
}

#[test]
fn hanging_indent_when_items_wrap() {
    let md = "7. alpha beta gamma delta epsilon\n8. zeta";
    assert_eq!(
        plain(md, 20),
        "7. alpha beta gamma\n   delta epsilon\n8. zeta\n"
    );
}

#[test]
fn code_blocks_are_verbatim_and_never_wrapped() {
    let md = "```sh\nkubectl scale --replicas=24 deploy/a-very-long-name\n  indented\n```\n";
    assert_eq!(
        plain(md, 20),
        "── sh ──────────────\n\
         kubectl scale --replicas=24 deploy/a-very-long-name\n  indented\n\
         ────────────────────\n"
    );
}

#[test]
fn quotes_alerts_and_rules() {
    let md = "> [!CAUTION]\n> Drops data.\n>\n> - really\n\n---\n\nafter";
    assert_eq!(
        plain(md, 24),
        "│ ⛔ Caution\n│ Drops data.\n│\n│ • really\n\n────────────────────────\n\nafter\n"
    );
}

#[test]
fn tables_fit_the_width() {
    let md = "| Signal | Page when |\n|:--|--:|\n| lag | over five minutes for ten minutes |\n";
    let out = plain(md, 30);
    assert!(out.lines().all(|l| wrap::width(l) <= 30), "{out}");
    assert!(out.starts_with("┌"), "{out}");
    assert!(out.contains("│ lag    │"), "{out}");
}

#[test]
fn html_comments_vanish_and_control_characters_are_defused() {
    let md = "<!-- editors only -->\n\nhi \u{1b}[31mred\n\n```\n\u{1b}]0;title\u{7}\n```\n";
    let out = render(md, 40, false);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.starts_with("hi �[31mred\n"), "{out:?}");
}

#[test]
fn colour_only_when_asked() {
    let md = "# T\n\n**b** `c` [l](u)";
    assert!(!render(md, 40, false).contains('\u{1b}'));
    let out = render(md, 40, true);
    assert!(out.contains("\u{1b}[1mb\u{1b}[0m"), "{out:?}");
    assert!(out.contains("\u{1b}[36mc\u{1b}[0m"), "{out:?}");
    assert!(!out.contains('*') && !out.contains('`'), "{out:?}");
}
