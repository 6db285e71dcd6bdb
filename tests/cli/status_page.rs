//! The static status page opened in headless Chromium: it renders, shows the latest state and
//! the history of updates, and text people wrote (`<script>`, an `onerror` image) stays text:
//! nothing runs and no element is injected.

use crate::common::{BASIC, TestRepo, run};
use crate::support::chats::page;
use crate::support::peers::headless_chromium as chromium_on;

const ATTACK: &str = "Fix deployed <script>document.title='pwned'</script><img src=x onerror=\"document.body.innerHTML='pwned'\">";

#[test]
fn the_status_page_renders_in_chromium_with_user_text_as_text() {
    let repo = TestRepo::new(BASIC);
    let announce = |at: &str, args: &[&str]| {
        let (code, _, err) = run(repo
            .oncall()
            .env("ONCALL_NOW", at)
            .arg("announce")
            .args(args)
            .arg("--yes"));
        assert_eq!(code, 0, "{err}");
    };
    let old = page(&repo);
    announce(
        "2026-11-24T15:16:00Z",
        &[&old, "Dashboards are slow.", "--status", "investigating"],
    );
    announce(
        "2026-11-24T15:20:00Z",
        &[
            &old,
            "Dashboards are back to normal.",
            "--status",
            "resolved",
        ],
    );
    let id = page(&repo);
    announce(
        "2026-11-24T15:30:00Z",
        &[&id, "We are investigating checkout errors."],
    );
    announce(
        "2026-11-24T15:30:00Z",
        &[&id, ATTACK, "--status", "identified"],
    );

    let index = repo.file("status/index.html");
    let dom = chromium_on(&index, &["--dump-dom"]);
    assert!(dom.contains("<main>"), "no page rendered:\n{dom}");
    assert!(
        dom.contains("<title>Test Team status: Partial System Outage</title>"),
        "{dom}"
    );
    assert!(
        !dom.contains("pwned</title>") && !dom.contains("<body>pwned"),
        "user text ran as code:\n{dom}"
    );
    // Exactly the markup the page wrote: no element came from the message.
    assert!(!dom.contains("<script"), "{dom}");
    assert!(!dom.contains("<img"), "{dom}");
    assert!(dom.contains("Fix deployed &lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img src=x onerror=\"document.body.innerHTML='pwned'\"&gt;"), "{dom}");
    // The latest state first, with the history of updates under it.
    let current = dom
        .find(&format!("id=\"incident-{id}\""))
        .expect("current incident");
    let past = dom
        .find(&format!("id=\"incident-{old}\""))
        .expect("past incident");
    assert!(current < past, "{dom}");
    assert!(dom.contains("data-status=\"identified\""));
    let newest = dom.find("Fix deployed").unwrap();
    let older = dom.find("We are investigating checkout errors.").unwrap();
    assert!(newest < older, "updates newest first");
    assert!(dom.contains("Dashboards are back to normal.") && dom.contains("Dashboards are slow."));
    assert!(dom.contains("Partial System Outage"));

    // And it paints: a screenshot of the page has real content.
    let shot = repo.file("shot.png");
    chromium_on(
        &index,
        &[
            "--window-size=900,1200",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    let png = std::fs::read(&shot).expect("no screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
}
