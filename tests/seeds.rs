//! The two Urdu seed reports against their hand-labelled gold (read from ../shared; the
//! article text is never copied into the project).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use serde_json::Value;

fn gold() -> Option<(std::path::PathBuf, Value)> {
    let dir = seeds_dir()?;
    let text = std::fs::read_to_string(dir.join("gold.json")).expect("gold.json readable");
    Some((dir, serde_json::from_str(&text).expect("gold.json is JSON")))
}

/// Gold numbers are JSON numbers or date strings; claims carry decimal strings.
fn gold_bound(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => {
            let f = n.as_f64().expect("finite");
            Some(if f.fract() == 0.0 { format!("{}", f as i64) } else { n.to_string() })
        }
        other => panic!("unexpected gold bound {other}"),
    }
}

fn check_json(dir: &std::path::Path) -> Value {
    let out = run_in(dir, &["check", "--format", "json", SEED_A, SEED_B]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    json(&out)
}

/// The claim of `report` matching a gold claim: same file, overlapping span.
fn matching<'a>(report: &'a Value, g: &Value) -> Vec<&'a Value> {
    let file = g["file"].as_str().expect("file");
    let (gs, ge) = (g["start"].as_u64().expect("start"), g["end"].as_u64().expect("end"));
    report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| {
            c["path"].as_str() == Some(file)
                && c["start"].as_u64().expect("s") < ge
                && gs < c["end"].as_u64().expect("e")
        })
        .collect()
}

#[test]
fn gold_claims_are_found_with_their_values() {
    let Some((dir, gold)) = gold() else { return };
    let report = check_json(&dir);
    let mut found = 0;
    let mut misses = Vec::new();
    let claims = gold["claims"].as_array().expect("claims");
    for g in claims {
        let (low, high) = (gold_bound(&g["low"]), gold_bound(&g["high"]));
        let hit = matching(&report, g)
            .into_iter()
            .any(|c| c["low"].as_str().map(String::from) == low && c["high"].as_str().map(String::from) == high);
        if hit {
            found += 1;
        } else {
            misses.push(format!("{} {:?} low={low:?} high={high:?}", g["id"], g["quote"].as_str()));
        }
    }
    println!("gold claims found: {found} of {}", claims.len());
    for m in &misses {
        println!("  missed {m}");
    }
    assert!(found >= 24, "only {found} of {} gold claims found; misses: {misses:#?}", claims.len());
}

#[test]
fn exactly_the_one_real_conflict_is_an_error() {
    let Some((dir, gold)) = gold() else { return };
    let report = check_json(&dir);
    let conflicts = report["conflicts"].as_array().expect("conflicts");
    let errors: Vec<&Value> = conflicts.iter().filter(|c| c["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "error-level conflicts: {errors:#?}");
    let ids: Vec<&str> = errors[0]["claims"].as_array().expect("ids").iter().filter_map(Value::as_str).collect();
    let claim = |id: &str| report["claims"].as_array().expect("claims").iter().find(|c| c["id"] == id).cloned();
    let texts: Vec<(String, u64)> = ids
        .iter()
        .filter_map(|id| claim(id))
        .map(|c| (c["path"].as_str().unwrap_or_default().to_string(), c["line"].as_u64().unwrap_or(0)))
        .collect();
    // The gold conflict: first seed line 41 against second seed line 12.
    let want = &gold["conflicts"][0]["claims"];
    let gold_claim = |id: &Value| gold["claims"].as_array().expect("claims").iter().find(|c| &c["id"] == id).cloned();
    let mut expected: Vec<(String, u64)> = want
        .as_array()
        .expect("pair")
        .iter()
        .filter_map(gold_claim)
        .map(|g| (g["file"].as_str().unwrap_or_default().to_string(), g["line"].as_u64().unwrap_or(0)))
        .collect();
    let mut got = texts.clone();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    assert_eq!(expected, vec![(SEED_A.to_string(), 41), (SEED_B.to_string(), 12)]);
}

#[test]
fn no_gold_non_conflict_is_flagged() {
    let Some((dir, gold)) = gold() else { return };
    let report = check_json(&dir);
    // Map every gold claim to the ids of the report claims that overlap it.
    let ids_of = |gid: &Value| -> Vec<String> {
        let g = gold["claims"].as_array().expect("claims").iter().find(|c| &c["id"] == gid).expect("gold id");
        matching(&report, g).iter().filter_map(|c| c["id"].as_str().map(String::from)).collect()
    };
    let mut checked = 0;
    for pair in gold["not_conflicts"].as_array().expect("not_conflicts") {
        let members: Vec<Vec<String>> = pair["claims"].as_array().expect("ids").iter().map(ids_of).collect();
        for conflict in report["conflicts"].as_array().expect("conflicts") {
            if conflict["severity"] == "info" {
                continue;
            }
            let cids: Vec<&str> =
                conflict["claims"].as_array().expect("ids").iter().filter_map(Value::as_str).collect();
            let covers = |ids: &Vec<String>| ids.iter().any(|id| cids.contains(&id.as_str()));
            assert!(!members.iter().all(covers), "pair {:?} ({}) is flagged: {conflict}", pair["claims"], pair["why"]);
        }
        checked += 1;
    }
    assert_eq!(checked, 13);
}

#[test]
fn gold_agreements_that_share_a_key_are_agree_edges() {
    let Some((dir, gold)) = gold() else { return };
    let out = run_in(&dir, &["graph", "--format", "json", SEED_A, SEED_B]);
    assert_eq!(out.status.code(), Some(0));
    let graph = json(&out);
    let report = check_json(&dir);
    // The first agreement states one figure twice: it must be an agree edge.
    let pair = gold["agreements"][0]["claims"].as_array().expect("pair");
    let ids: Vec<Vec<String>> = pair
        .iter()
        .map(|gid| {
            let g = gold["claims"].as_array().expect("claims").iter().find(|c| &c["id"] == gid).expect("gold id");
            matching(&report, g).iter().filter_map(|c| c["id"].as_str().map(String::from)).collect()
        })
        .collect();
    let agrees = graph["edges"].as_array().expect("edges").iter().any(|e| {
        e["kind"] == "agrees"
            && ids[0].iter().any(|a| e["from"] == a.as_str() || e["to"] == a.as_str())
            && ids[1].iter().any(|b| e["from"] == b.as_str() || e["to"] == b.as_str())
    });
    assert!(agrees, "no agree edge between {ids:?}");
}

/// Snapshot of what a fact-checker reads: each seed's claims, one line each.
#[test]
fn snapshot_seed_claims() {
    let Some(dir) = seeds_dir() else { return };
    for (name, file) in [("seed_a_claims", SEED_A), ("seed_b_claims", SEED_B)] {
        let out = run_in(&dir, &["claims", file]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        snapshots(|| insta::assert_snapshot!(name, stdout(&out)));
    }
}

#[test]
fn snapshot_seed_human_diagnostic() {
    let Some(dir) = seeds_dir() else { return };
    let out = run_in(&dir, &["check", SEED_A, SEED_B]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("\"71 "), "the label quotes the claim: {text}");
    snapshots(|| insta::assert_snapshot!("seeds_human", text));
}

#[test]
fn snapshot_seed_json_report() {
    let Some(dir) = seeds_dir() else { return };
    let out = run_in(&dir, &["check", "--format", "json", SEED_A, SEED_B]);
    assert_eq!(json(&out)["version"], 1);
    snapshots(|| insta::assert_snapshot!("seeds_json", stdout(&out)));
}

#[test]
fn snapshot_seed_other_formats() {
    let Some(dir) = seeds_dir() else { return };
    for format in ["sarif", "github", "html"] {
        let out = run_in(&dir, &["check", "--format", format, SEED_A, SEED_B]);
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("71"), "{format} output names the claim");
        snapshots(|| insta::assert_snapshot!(format!("seeds_{format}"), text));
    }
}

#[test]
fn a_fact_sheet_names_the_wrong_side() {
    let Some(dir) = seeds_dir() else { return };
    let facts = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        facts.path(),
        "[[fact]]\nmeasure = \"article\"\nsubject = \"convention\"\nvalue = \"68\"\nsource = \"the convention's text\"\n",
    )
    .unwrap();
    let facts_path = facts.path().to_string_lossy().into_owned();
    let out = run_in(&dir, &["check", "--format", "json", "--facts", &facts_path, SEED_A, SEED_B]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let conflicts = report["conflicts"].as_array().unwrap();
    let cc101 = conflicts.iter().find(|c| c["code"] == "CC101" && c["severity"] == "error").unwrap();
    assert!(
        cc101["message"].as_str().unwrap().ends_with("the fact sheet says 68 (the convention's text): 71 is wrong")
    );
    let cc105: Vec<&Value> = conflicts.iter().filter(|c| c["code"] == "CC105").collect();
    assert_eq!(cc105.len(), 1, "{cc105:#?}");
    let id = cc105[0]["claims"][0].as_str().unwrap();
    let claim = report["claims"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap();
    assert_eq!((claim["path"].as_str().unwrap(), claim["line"].as_u64().unwrap()), (SEED_A, 41));
    let human = stdout(&run_in(&dir, &["check", "--facts", &facts_path, SEED_A, SEED_B]));
    snapshots(|| insta::assert_snapshot!("seeds_human_with_facts", human));
}

/// The second gold agreement is arithmetic: "nearly double in six years" relates the
/// 2024 and 2030 figures. Rule CC104 checks it, finds that it holds, and links the
/// figures, the span and the ratio with agree edges of its own.
#[test]
fn the_nearly_double_arithmetic_is_checked_and_holds() {
    let Some((dir, gold)) = gold() else { return };
    let report = check_json(&dir);
    assert!(
        report["conflicts"].as_array().expect("conflicts").iter().all(|c| c["code"] != "CC104"),
        "the stated ratio holds: no CC104"
    );
    let graph = json(&run_in(&dir, &["graph", "--format", "json", SEED_A, SEED_B]));
    let arithmetic: Vec<(&str, &str)> = graph["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .filter(|e| e["rule"] == "CC104" && e["kind"] == "agrees")
        .map(|e| (e["from"].as_str().expect("from"), e["to"].as_str().expect("to")))
        .collect();
    let group = gold["agreements"][1]["claims"].as_array().expect("group");
    assert_eq!(group.len(), 3);
    for gid in group {
        let g = gold["claims"].as_array().expect("claims").iter().find(|c| &c["id"] == gid).expect("gold id");
        let ids: Vec<&str> = matching(&report, g).iter().filter_map(|c| c["id"].as_str()).collect();
        assert!(
            arithmetic.iter().any(|(a, b)| ids.contains(a) || ids.contains(b)),
            "gold {gid} ({ids:?}) is not linked by CC104: {arithmetic:?}"
        );
    }
}
