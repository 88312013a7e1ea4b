//! cargo oracle: the `semver` crate (Cargo's own version requirement semantics).
//! range   mode: "range\tversion" -> "range\tversion\tdecision"
//!   decision = VersionReq::parse(r)?.matches(&Version::parse(v)?)
//!   bad-range when VersionReq::parse(r) errs (checked first); bad-version when Version::parse(v) errs.
//! compare mode: "a\tb" -> "a\tb\t-1|0|1|bad-version"  (Version's Ord; build metadata takes part in Ord
//!   in semver 1.x, see README)
//! valid   mode: "v" -> "v\tvalid|bad-version"  (Version::parse)
use semver::{Version, VersionReq};
use std::io::{self, Read, Write};

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "range".to_string());
    if mode == "version" {
        println!("semver crate {}", env!("SEMVER_CRATE_VERSION"));
        return;
    }
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).expect("stdin is not UTF-8");
    let mut lines: Vec<&str> = input.split('\n').collect();
    if lines.last() == Some(&"") {
        lines.pop();
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for raw in lines {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let mut f = line.splitn(3, '\t');
        let a = f.next().unwrap_or("");
        let b = f.next().unwrap_or("");
        match mode.as_str() {
            "range" => {
                let d = match VersionReq::parse(a) {
                    Err(_) => "bad-range",
                    Ok(req) => match Version::parse(b) {
                        Err(_) => "bad-version",
                        Ok(v) => {
                            if req.matches(&v) {
                                "match"
                            } else {
                                "nomatch"
                            }
                        }
                    },
                };
                writeln!(out, "{}\t{}\t{}", a, b, d).unwrap();
            }
            "compare" => {
                let d = match (Version::parse(a), Version::parse(b)) {
                    (Ok(x), Ok(y)) => match x.cmp(&y) {
                        std::cmp::Ordering::Less => "-1",
                        std::cmp::Ordering::Equal => "0",
                        std::cmp::Ordering::Greater => "1",
                    },
                    _ => "bad-version",
                };
                writeln!(out, "{}\t{}\t{}", a, b, d).unwrap();
            }
            "valid" => {
                let d = if Version::parse(a).is_ok() { "valid" } else { "bad-version" };
                writeln!(out, "{}\t{}", a, d).unwrap();
            }
            _ => {
                eprintln!("unknown mode {}", mode);
                std::process::exit(2);
            }
        }
    }
}
