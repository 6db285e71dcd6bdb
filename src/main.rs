//! The `oncall` binary: everything happens in `oncall::run`.

fn main() -> std::process::ExitCode {
    oncall::run()
}
