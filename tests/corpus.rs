//! The dev corpus: short reports written for this project, several stories each told in
//! several languages, with every numeric claim labelled (`<lang>.gold.toml` beside
//! `<lang>.txt`). Prints precision, recall and F1 of claim extraction per language; a
//! claim counts when its span overlaps the gold span and value, qualifier and measure
//! all match.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use crosscheck::source::Source;
use crosscheck::{Options, analyze};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Gold {
    lang: String,
    #[serde(default)]
    claim: Vec<GoldClaim>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoldClaim {
    /// The claim's exact text in the report.
    quote: String,
    /// Which occurrence of the quote, from 1 (default 1).
    #[serde(default)]
    nth: Option<usize>,
    /// `68`, `100..` (more than / at least), `..20`, `20..30`, `2019-05-03`.
    value: String,
    qualifier: String,
    /// A measure id, or `-` for a bare number.
    measure: String,
    /// Which fact of the story's fact sheet the claim states (`tests/eval/<story>/facts.toml`);
    /// read by `tests/eval.rs`, not here.
    #[serde(default)]
    #[allow(dead_code)]
    fact: Option<String>,
}

/// F1 floor per language: the target is 0.95; a language below it keeps the floor it
/// last reached (a ratchet, raised as the packs improve).
const FLOORS: &[(&str, f64)] = &[];

fn floor(lang: &str) -> f64 {
    FLOORS.iter().find(|(l, _)| *l == lang).map_or(0.95, |(_, f)| *f)
}

fn value_text(c: &crosscheck::claim::Claim) -> String {
    match (c.value.low_string(), c.value.high_string()) {
        (Some(l), Some(h)) if l == h => l,
        (l, h) => format!("{}..{}", l.unwrap_or_default(), h.unwrap_or_default()),
    }
}

fn gold_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for story in std::fs::read_dir(dir).expect("tests/corpus") {
        let story = story.expect("entry").path();
        if !story.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&story).expect("story") {
            let f = f.expect("entry").path();
            if f.to_string_lossy().ends_with(".gold.toml") {
                out.push(f);
            }
        }
    }
    out.sort();
    out
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    stories: std::collections::BTreeSet<String>,
}

#[test]
fn claim_extraction_f1_per_language() {
    let rules = common::rules();
    let dir = common::root().join("tests/corpus");
    let verbose = std::env::var_os("CORPUS_VERBOSE").is_some();
    let mut per_lang: BTreeMap<String, Counts> = BTreeMap::new();
    for gold_path in gold_files(&dir) {
        let gold: Gold = toml::from_str(&std::fs::read_to_string(&gold_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
        let text_path = PathBuf::from(gold_path.to_string_lossy().replace(".gold.toml", ".txt"));
        let text = std::fs::read_to_string(&text_path).unwrap_or_else(|e| panic!("{}: {e}", text_path.display()));
        let src = Source { path: text_path.display().to_string(), text: text.as_str().into() };
        let report =
            analyze(&rules, &[src], &Options { lang: Some(gold.lang.clone()), ..Options::default() }).expect("analyze");
        let counts = per_lang.entry(gold.lang.clone()).or_default();
        counts.stories.insert(gold_path.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned());
        let mut matched = vec![false; report.claims.len()];
        for g in &gold.claim {
            let nth = g.nth.unwrap_or(1);
            let start = text
                .match_indices(g.quote.as_str())
                .nth(nth - 1)
                .map(|(i, _)| i)
                .unwrap_or_else(|| panic!("{}: quote {:?} (#{nth}) not in the text", gold_path.display(), g.quote));
            let end = start + g.quote.len();
            let hit = report.claims.iter().enumerate().find(|(k, c)| {
                !matched[*k]
                    && c.start < end
                    && start < c.end
                    && value_text(c) == g.value
                    && c.qualifier.as_str() == g.qualifier
                    && c.measure.as_deref().unwrap_or("-") == g.measure
            });
            match hit {
                Some((k, _)) => {
                    matched[k] = true;
                    counts.tp += 1;
                }
                None => {
                    counts.fn_ += 1;
                    if verbose {
                        let near: Vec<String> = report
                            .claims
                            .iter()
                            .filter(|c| c.start < end && start < c.end)
                            .map(|c| format!("{:?} {} {} {:?}", c.text, value_text(c), c.qualifier.as_str(), c.measure))
                            .collect();
                        println!(
                            "  miss {}: {:?} want {} {} {} got {near:?}",
                            gold.lang, g.quote, g.value, g.qualifier, g.measure
                        );
                    }
                }
            }
        }
        for (k, c) in report.claims.iter().enumerate() {
            if !matched[k] {
                counts.fp += 1;
                if verbose {
                    println!(
                        "  extra {}: {:?} {} {} {:?}",
                        gold.lang,
                        c.text,
                        value_text(c),
                        c.qualifier.as_str(),
                        c.measure
                    );
                }
            }
        }
    }
    println!(
        "{:<6} {:>7} {:>5} {:>5} {:>5} {:>9} {:>7} {:>6} {:>6}",
        "lang", "stories", "tp", "fp", "fn", "precision", "recall", "f1", "floor"
    );
    let mut failures = Vec::new();
    for (lang, c) in &per_lang {
        let p = c.tp as f64 / (c.tp + c.fp).max(1) as f64;
        let r = c.tp as f64 / (c.tp + c.fn_).max(1) as f64;
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        let fl = floor(lang);
        println!(
            "{lang:<6} {:>7} {:>5} {:>5} {:>5} {p:>9.3} {r:>7.3} {f1:>6.3} {fl:>6.2}",
            c.stories.len(),
            c.tp,
            c.fp,
            c.fn_
        );
        if f1 + 1e-9 < fl {
            failures.push(format!("{lang}: F1 {f1:.3} below {fl:.2}"));
        }
    }
    // The corpus itself must stay broad: three stories, each in at least six languages.
    let full: Vec<&String> = per_lang.iter().filter(|(_, c)| c.stories.len() >= 3).map(|(l, _)| l).collect();
    assert!(full.len() >= 6, "only {} languages tell all three stories: {full:?}", full.len());
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The dev corpus tells each story consistently in 17 languages: checking all of it at once
/// must raise no error or warning (the hard negatives: "212 votes to 148", several
/// percentages of one budget in one sentence, a death toll on two days).
#[test]
fn consistent_reports_raise_no_false_alarm() {
    let rules = common::rules();
    let dir = common::root().join("tests/corpus");
    let loaded = crosscheck::source::load(&[dir]);
    assert!(loaded.errors.is_empty());
    assert!(loaded.sources.len() >= 51);
    let report = analyze(&rules, &loaded.sources, &Options::default()).expect("analyze");
    let loud: Vec<&String> = report
        .conflicts
        .iter()
        .filter(|c| c.severity != crosscheck::checks::Severity::Info)
        .map(|c| &c.message)
        .collect();
    assert!(loud.is_empty(), "false alarms on consistent reports: {loud:#?}");
}
