//! Conflict evaluation: precision and recall of the rules on labelled claim pairs.
//!
//! Each story of the dev corpus (`tests/corpus/<story>/`, consistent reports in 17
//! languages) is checked together with its variant reports (`tests/eval/<story>/`, some
//! figures wrong on purpose). Every gold claim names the fact it states; pairs of claims
//! from different documents get their label from that (see `tests/eval/README.md`):
//! `conflict` (same fact, one side wrong), `agree`, `explained` (facts that differ in
//! time), `look-alike` (facts that differ in predicate, subject or scope, or unrelated
//! facts of one measure). A conflict the report raises is split into its cross-document
//! claim pairs of values that cannot both hold; each is matched to the labels.
//!
//! Floors (the rules issue): error-level precision 0.95, recall of real conflicts 0.75,
//! no explained or look-alike pair at error level. Recall is below its target for now and
//! held by a ratchet (see `RECALL_FLOOR`). `EVAL_DEBUG=1` prints, for every missed pair,
//! which part of the two claims' keys differs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

const PRECISION_FLOOR: f64 = 0.95;
/// The target for recall is 0.75 (the rules issue); until the keys reach it, the test
/// holds the level last reached (a ratchet, raised as keying improves) and prints both.
const RECALL_TARGET: f64 = 0.75;
const RECALL_FLOOR: f64 = 0.75;

#[derive(Deserialize)]
struct Gold {
    lang: String,
    #[serde(default)]
    claim: Vec<GoldClaim>,
}

#[derive(Deserialize)]
struct GoldClaim {
    quote: String,
    #[serde(default)]
    nth: Option<usize>,
    value: String,
    #[allow(dead_code)]
    qualifier: String,
    measure: String,
    #[serde(default)]
    fact: Option<String>,
    #[serde(default)]
    wrong: bool,
}

#[derive(Deserialize)]
struct Facts {
    #[serde(default)]
    fact: Vec<Fact>,
    #[serde(default)]
    related: Vec<Related>,
}

#[derive(Deserialize)]
struct Fact {
    id: String,
    measure: String,
}

#[derive(Deserialize)]
struct Related {
    facts: Vec<String>,
    kind: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
enum Label {
    Conflict,
    Agree,
    Explained,
    LookAlike,
    Other,
}

/// One labelled claim of one document of the run.
struct Labelled {
    doc: usize,
    lang: String,
    start: usize,
    end: usize,
    fact: String,
    value: String,
    wrong: bool,
    measure: String,
    quote: String,
    path: String,
}

fn nth_offset(text: &str, quote: &str, nth: usize) -> Option<usize> {
    let mut from = 0;
    let mut found = None;
    for _ in 0..nth {
        let i = text[from..].find(quote)? + from;
        found = Some(i);
        from = i + quote.len();
    }
    found
}

struct Story {
    name: String,
    files: Vec<(PathBuf, PathBuf)>,
    facts: Facts,
}

fn stories() -> Vec<Story> {
    let mut out = Vec::new();
    for name in ["budget", "earthquake", "treaty"] {
        let mut files = Vec::new();
        for dir in [root().join("tests/corpus").join(name), root().join("tests/eval").join(name)] {
            let mut here: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            here.sort();
            for t in here {
                let g = t.with_extension("gold.toml");
                assert!(g.exists(), "{} has no gold", t.display());
                files.push((t, g));
            }
        }
        let facts: Facts =
            toml::from_str(&std::fs::read_to_string(root().join("tests/eval").join(name).join("facts.toml")).unwrap())
                .unwrap();
        out.push(Story { name: name.to_string(), files, facts });
    }
    out
}

fn label(
    a: &Labelled,
    b: &Labelled,
    related: &HashMap<(String, String), String>,
    facts: &HashMap<String, String>,
) -> Label {
    if a.fact == b.fact {
        return if a.wrong != b.wrong || (a.wrong && b.wrong && a.value != b.value) {
            Label::Conflict
        } else {
            Label::Agree
        };
    }
    match related.get(&(a.fact.clone(), b.fact.clone())).map(String::as_str) {
        Some("time") => Label::Explained,
        Some(_) => Label::LookAlike,
        None if facts.get(&a.fact) == facts.get(&b.fact) => Label::LookAlike,
        None => Label::Other,
    }
}

#[derive(Default)]
struct Tally {
    /// Flagged pairs at error level, by label (`None`: a claim without a fact label).
    flagged: BTreeMap<Option<Label>, usize>,
    conflicts: usize,
    found_error: usize,
    found_any: usize,
}

impl Tally {
    fn tp(&self) -> usize {
        self.flagged.get(&Some(Label::Conflict)).copied().unwrap_or(0)
    }
    fn fp(&self) -> usize {
        self.flagged.iter().filter(|(l, _)| **l != Some(Label::Conflict)).map(|(_, n)| n).sum()
    }
    fn precision(&self) -> f64 {
        let all = self.tp() + self.fp();
        if all == 0 { 1.0 } else { self.tp() as f64 / all as f64 }
    }
    fn recall(&self) -> f64 {
        if self.conflicts == 0 { 1.0 } else { self.found_error as f64 / self.conflicts as f64 }
    }
}

fn pair_key(a: &str, b: &str) -> String {
    if a <= b { format!("{a}-{b}") } else { format!("{b}-{a}") }
}

#[test]
fn conflicts_are_precise_and_found() {
    let rules = rules();
    let mut total = Tally::default();
    let mut by_rule: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_langs: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    let mut false_alarms: Vec<String> = Vec::new();
    for story in stories() {
        let mut sources = Vec::new();
        let mut labelled: Vec<Labelled> = Vec::new();
        for (doc, (txt, gold)) in story.files.iter().enumerate() {
            let text = std::fs::read_to_string(txt).unwrap();
            let g: Gold = toml::from_str(&std::fs::read_to_string(gold).unwrap()).unwrap();
            let path = txt.strip_prefix(root()).unwrap_or(txt).display().to_string();
            for c in g.claim {
                let Some(fact) = c.fact.filter(|f| f != "-") else { continue };
                let start = nth_offset(&text, &c.quote, c.nth.unwrap_or(1))
                    .unwrap_or_else(|| panic!("{}: {:?} not found", gold.display(), c.quote));
                labelled.push(Labelled {
                    doc,
                    lang: g.lang.clone(),
                    start,
                    end: start + c.quote.len(),
                    fact,
                    value: c.value,
                    wrong: c.wrong,
                    measure: c.measure,
                    quote: c.quote,
                    path: path.clone(),
                });
            }
            sources.push(crosscheck::source::Source { path, text: text.into() });
        }
        let report = crosscheck::analyze(&rules, &sources, &crosscheck::Options::default()).unwrap();
        // Each report claim to the gold claim it overlaps most.
        let gold_of: Vec<Option<usize>> = report
            .claims
            .iter()
            .map(|rc| {
                labelled
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| g.doc == rc.doc && g.start < rc.end && rc.start < g.end)
                    .max_by_key(|(_, g)| rc.end.min(g.end) - rc.start.max(g.start))
                    .map(|(k, _)| k)
            })
            .collect();
        let report_of: HashMap<usize, usize> =
            gold_of.iter().enumerate().filter_map(|(r, g)| g.map(|g| (g, r))).collect();
        let mut related: HashMap<(String, String), String> = HashMap::new();
        for r in &story.facts.related {
            if let [a, b] = r.facts.as_slice() {
                related.insert((a.clone(), b.clone()), r.kind.clone());
                related.insert((b.clone(), a.clone()), r.kind.clone());
            }
        }
        let fact_measure: HashMap<String, String> =
            story.facts.fact.iter().map(|f| (f.id.clone(), f.measure.clone())).collect();
        // Flagged pairs: claims of different values, in different documents.
        let mut flagged_error: HashSet<(usize, usize)> = HashSet::new();
        let mut flagged_any: HashSet<(usize, usize)> = HashSet::new();
        for c in &report.conflicts {
            for (i, va) in c.values.iter().enumerate() {
                for vb in &c.values[i + 1..] {
                    for &a in &va.claims {
                        for &b in &vb.claims {
                            let (ca, cb) = (&report.claims[a], &report.claims[b]);
                            // A conflict lists every value at odds with another; two of
                            // its values that overlap ("nearly 4", "about 4", against
                            // "nearly 6") are not said to disagree with each other.
                            if ca.doc == cb.doc || !crosscheck::graph::disjoint(ca, cb, &rules.measures) {
                                continue;
                            }
                            let key = (a.min(b), a.max(b));
                            flagged_any.insert(key);
                            if c.severity != crosscheck::checks::Severity::Error || !flagged_error.insert(key) {
                                continue;
                            }
                            let l = match (gold_of[a], gold_of[b]) {
                                (Some(x), Some(y)) => Some(label(&labelled[x], &labelled[y], &related, &fact_measure)),
                                _ => None,
                            };
                            let langs = pair_key(
                                report.documents[ca.doc].lang.as_deref().unwrap_or("?"),
                                report.documents[cb.doc].lang.as_deref().unwrap_or("?"),
                            );
                            for t in [
                                &mut total,
                                by_rule.entry(c.code.to_string()).or_default(),
                                by_langs.entry(langs).or_default(),
                            ] {
                                *t.flagged.entry(l).or_default() += 1;
                            }
                            if l != Some(Label::Conflict) {
                                false_alarms.push(format!(
                                    "{} {:?}: {}:{} «{}» vs {}:{} «{}»",
                                    c.code, l, ca.path, ca.line, ca.text, cb.path, cb.line, cb.text
                                ));
                            }
                        }
                    }
                }
            }
        }
        if std::env::var_os("EVAL_DEBUG").is_some() {
            for (x, g) in labelled.iter().enumerate().filter(|(_, g)| g.wrong) {
                let r = report_of.get(&x).map(|&r| (&report.claims[r].text, report.claims[r].doc, r));
                eprintln!("{} {:?} -> {:?}", g.quote, g.doc, r);
            }
            eprintln!("flagged {}", flagged_error.len());
        }
        // Recall over the labelled conflict pairs.
        for (x, gx) in labelled.iter().enumerate() {
            for (y, gy) in labelled.iter().enumerate().skip(x + 1) {
                if gx.doc == gy.doc || label(gx, gy, &related, &fact_measure) != Label::Conflict {
                    continue;
                }
                let found = match (report_of.get(&x), report_of.get(&y)) {
                    (Some(&a), Some(&b)) => Some((a.min(b), a.max(b))),
                    _ => None,
                };
                let error = found.is_some_and(|k| flagged_error.contains(&k));
                let any = found.is_some_and(|k| flagged_any.contains(&k));
                if std::env::var_os("EVAL_DEBUG").is_some() && !error {
                    let why = match (report_of.get(&x), report_of.get(&y)) {
                        (Some(&a), Some(&b)) => {
                            let (ca, cb) = (&report.claims[a], &report.claims[b]);
                            let mut d = Vec::new();
                            // Keys as the graph forms them (synonyms merged, neutral
                            // and timeless parts left out); raw parts when unkeyed.
                            let (ka, kb) = (
                                crosscheck::graph::key(ca, &rules.measures),
                                crosscheck::graph::key(cb, &rules.measures),
                            );
                            if ca.ambiguous || cb.ambiguous {
                                d.push("ambiguous".into());
                            }
                            match (&ka, &kb) {
                                (Some(x), Some(y)) => {
                                    if x.measure != y.measure {
                                        d.push(format!("measure {:?}/{:?}", x.measure, y.measure));
                                    }
                                    if x.subject != y.subject {
                                        d.push(format!("subject {:?}/{:?}", x.subject, y.subject));
                                    }
                                    if x.predicate != y.predicate {
                                        d.push(format!("predicate {:?}/{:?}", x.predicate, y.predicate));
                                    }
                                    if x.time != y.time {
                                        d.push(format!("time {:?}/{:?}", x.time, y.time));
                                    }
                                }
                                _ if d.is_empty() => d.push(format!(
                                    "unkeyed: measure {:?}/{:?}, subject {:?}/{:?}, predicate {:?}/{:?}, scope only {}/{}",
                                    ca.measure, cb.measure, ca.subject, cb.subject, ca.predicate, cb.predicate,
                                    ca.scope_only, cb.scope_only
                                )),
                                _ => {}
                            }
                            if d.is_empty() {
                                let why = report
                                    .conflicts
                                    .iter()
                                    .find(|c| c.claims.contains(&a) && c.claims.contains(&b))
                                    .map(|c| {
                                        format!(
                                            " ({:?}, confidence {}, subjects {:?}/{:?})",
                                            c.severity, c.confidence, ca.subject_source, cb.subject_source
                                        )
                                    })
                                    .unwrap_or_default();
                                d.push(format!("same key; any={any}{why}"));
                            }
                            d.join("; ")
                        }
                        _ => "not extracted".into(),
                    };
                    eprintln!("MISS {} «{}» vs «{}»: {why}", story.name, gx.quote, gy.quote);
                }
                let langs = pair_key(&gx.lang, &gy.lang);
                for t in [&mut total, by_langs.entry(langs).or_default()] {
                    t.conflicts += 1;
                    t.found_error += usize::from(error);
                    t.found_any += usize::from(any);
                }
                if !error {
                    let (w, r) = if gx.wrong { (gx, gy) } else { (gy, gx) };
                    misses.push(format!(
                        "{} {} «{}» ({}) vs «{}»{}",
                        story.name,
                        w.path,
                        w.quote,
                        w.measure,
                        r.quote,
                        if any { " [below error]" } else { "" }
                    ));
                }
            }
        }
    }

    println!("\nerror-level pairs by rule:");
    for (rule, t) in &by_rule {
        println!("  {rule}  tp {:>4}  fp {:>4}  precision {:.3}", t.tp(), t.fp(), t.precision());
    }
    println!("\nby language pair (pairs of real conflicts found at error / labelled; false alarms):");
    for (langs, t) in &by_langs {
        if t.conflicts > 0 || t.fp() > 0 {
            println!("  {langs:<6} {:>3}/{:<3} fp {}", t.found_error, t.conflicts, t.fp());
        }
    }
    let explained = total.flagged.get(&Some(Label::Explained)).copied().unwrap_or(0);
    let look_alike = total.flagged.get(&Some(Label::LookAlike)).copied().unwrap_or(0);
    println!(
        "\nall: precision {:.3} ({} tp, {} fp: {explained} explained, {look_alike} look-alike, {} other), recall {:.3} at error ({}/{}), {:.3} at any severity",
        total.precision(),
        total.tp(),
        total.fp(),
        total.fp() - explained - look_alike,
        total.recall(),
        total.found_error,
        total.conflicts,
        total.found_any as f64 / total.conflicts.max(1) as f64
    );
    let mut distinct_misses: Vec<String> = misses.clone();
    distinct_misses.sort();
    distinct_misses.dedup_by(|a, b| a.split(" vs ").next() == b.split(" vs ").next());
    println!("\nmissed conflicts ({} pairs; one line per wrong claim):", misses.len());
    for m in &distinct_misses {
        println!("  {m}");
    }
    false_alarms.sort();
    false_alarms.dedup();
    println!("\nfalse alarms at error level ({}):", false_alarms.len());
    for f in false_alarms.iter().take(40) {
        println!("  {f}");
    }

    assert!(total.conflicts >= 150, "too few labelled conflict pairs: {}", total.conflicts);
    assert_eq!(explained + look_alike, 0, "explained or look-alike pairs flagged at error level");
    assert!(total.precision() >= PRECISION_FLOOR, "error-level precision {:.3}", total.precision());
    println!("recall target {RECALL_TARGET}, floor held {RECALL_FLOOR}");
    assert!(total.recall() >= RECALL_FLOOR, "recall {:.3} fell below {RECALL_FLOOR}", total.recall());
}
