//! Links the `oncall` executable as non-PIE: a position-independent executable carries ~33,000
//! relocations that the loader applies on every start, which cost about 0.6 ms of the ~1.5 ms
//! a `oncall who` takes. Libraries, heap and stack stay randomised; only the executable's own
//! code is at a fixed address. Tests and libraries are unaffected (binaries only).

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
