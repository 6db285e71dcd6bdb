//! The checked-in completions under `completions/` match what the binary generates; when they
//! drift, run `scripts/completions` and commit the result.

use crate::common::{TestRepo, run};

#[test]
fn checked_in_completions_are_up_to_date() {
    let repo = TestRepo::empty();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in [
        ("bash", "oncall.bash"),
        ("zsh", "_oncall"),
        ("fish", "oncall.fish"),
        ("powershell", "_oncall.ps1"),
        ("elvish", "oncall.elv"),
    ] {
        let (code, out, err) = run(repo
            .oncall()
            .env_remove("ONCALL_REPO")
            .args(["completions", shell]));
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("oncall"));
        let checked_in = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        assert!(
            checked_in == out,
            "completions/{file} is out of date: run scripts/completions"
        );
    }
}
