// Records the version of the semver crate we build against, for `oracle version`.
fn main() {
    let toml = std::fs::read_to_string("/usr/share/cargo/registry/semver-1.0.14/Cargo.toml").unwrap_or_default();
    let mut ver = "unknown".to_string();
    let mut in_pkg = false;
    for l in toml.lines() {
        let t = l.trim();
        if t.starts_with('[') { in_pkg = t == "[package]"; }
        if in_pkg && t.starts_with("version") {
            ver = t.splitn(2, '=').nth(1).unwrap_or("").trim().trim_matches('"').to_string();
        }
    }
    println!("cargo:rustc-env=SEMVER_CRATE_VERSION={}", ver);
}
