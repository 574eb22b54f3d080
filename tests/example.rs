//! The shipped example: three reports (English, Urdu, Vietnamese) with one real conflict
//! (the article count) and traps that must stay silent.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use serde_json::Value;

const EXAMPLE: &str = "examples/hanoi-convention";

fn report() -> Value {
    let out = run_in(&root(), &["check", "--format", "json", EXAMPLE]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    json(&out)
}

fn claim<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["claims"].as_array().expect("claims").iter().find(|c| c["id"] == id).expect("claim id")
}

#[test]
fn the_article_count_is_the_one_error() {
    let r = report();
    let conflicts = r["conflicts"].as_array().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    let c = &conflicts[0];
    assert_eq!(c["severity"], "error");
    assert_eq!(c["code"], "CC101");
    // One conflict for the quantity, listing all three reports, grouped by value.
    let ids: Vec<&str> = c["claims"].as_array().expect("ids").iter().filter_map(Value::as_str).collect();
    assert_eq!(ids.len(), 3);
    for id in &ids {
        assert_eq!(claim(&r, id)["measure"], "article");
    }
    let values: Vec<(&str, usize)> = c["values"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| (v["value"].as_str().unwrap_or_default(), v["claims"].as_array().map_or(0, Vec::len)))
        .collect();
    assert_eq!(values, vec![("68", 2), ("71", 1)]);
}

#[test]
fn traps_are_not_flagged_and_agreements_are_edges() {
    let out = run_in(&root(), &["graph", "--format", "json", EXAMPLE]);
    let g = json(&out);
    let r = report();
    let text = |id: &Value| claim(&r, id.as_str().unwrap_or_default())["text"].as_str().unwrap_or_default().to_string();
    let mut agrees = Vec::new();
    let mut conflicts = Vec::new();
    for e in g["edges"].as_array().expect("edges") {
        let pair = (text(&e["from"]), text(&e["to"]));
        if e["kind"] == "agrees" { agrees.push(pair) } else { conflicts.push(pair) }
    }
    // 72 countries signed, in English and in Urdu: one quantity, agreeing across languages.
    assert!(agrees.iter().any(|(a, b)| a == "72 countries" && b.starts_with("72 ")), "{agrees:?}");
    // "about 100 countries confirmed" is another predicate than "72 countries signed".
    assert!(!conflicts.iter().any(|(a, b)| a.contains("100") || b.contains("100")), "{conflicts:?}");
    // $9.5 trillion in 2024 and $17.9 trillion by 2030 are different times.
    assert!(!conflicts.iter().any(|(a, b)| a.contains("9.5") || b.contains("9.5")), "{conflicts:?}");
}

#[test]
fn snapshot_example_human() {
    let out = run_in(&root(), &["check", EXAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    snapshots(|| insta::assert_snapshot!("example_human", stdout(&out)));
}

#[test]
fn snapshot_example_json() {
    let out = run_in(&root(), &["check", "--format", "json", EXAMPLE]);
    snapshots(|| insta::assert_snapshot!("example_json", stdout(&out)));
}
