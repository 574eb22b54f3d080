//! Language knowledge lives in rules/, never in src/: no Arabic-script word, no seed
//! phrase and no seed number may appear in the sources.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for e in std::fs::read_dir(dir).expect("read src") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("read");
                out.push((p, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("src"), &mut out);
    assert!(out.len() > 10);
    out
}

fn arabic_script(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

#[test]
fn no_arabic_script_in_sources() {
    for (path, text) in sources() {
        for (n, line) in text.lines().enumerate() {
            assert!(!line.chars().any(arabic_script), "{}:{}: Arabic-script text in src/", path.display(), n + 1);
        }
    }
}

#[test]
fn no_seed_phrase_or_number_in_sources() {
    let Some(dir) = seeds_dir() else { return };
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).expect("gold")).expect("json");
    let mut needles: Vec<String> = Vec::new();
    for c in gold["claims"].as_array().expect("claims") {
        needles.push(c["quote"].as_str().unwrap_or_default().to_string());
        // The years the seeds speak of.
        for field in ["low", "high", "time"] {
            if let Some(s) = c[field].as_str() {
                if let Some(y) = s.get(..4).filter(|y| y.chars().all(|d| d.is_ascii_digit())) {
                    needles.push(y.to_string());
                }
                if let Some(y) =
                    s.split_whitespace().last().filter(|y| y.len() == 4 && y.chars().all(|d| d.is_ascii_digit()))
                {
                    needles.push(y.to_string());
                }
            }
        }
        // Distinctive numbers of the seeds: not round powers of ten, not single digits.
        if let Some(v) = c["low"].as_f64() {
            let s = if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v}") };
            let round = s.trim_start_matches('1').chars().all(|d| d == '0');
            if s.len() >= 2 && !round {
                needles.push(s);
            }
        }
    }
    needles.sort();
    needles.dedup();
    assert!(needles.len() > 20, "{needles:?}");
    for (path, text) in sources() {
        for needle in &needles {
            let found = text.match_indices(needle.as_str()).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + needle.len()..].chars().next();
                let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
                !alnum(before) && !alnum(after)
            });
            assert!(!found, "{} contains seed text or number {needle:?}", path.display());
        }
    }
}
