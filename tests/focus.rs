//! Focus: a draft against published reports (`--against`), provenance of each value,
//! changed lines only (`--changed-since`, `--diff`), and the CI outputs built on them
//! (gitlab, rdjson, markdown, result limits, job summary).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn fixtures() -> std::path::PathBuf {
    root().join("tests/fixtures/focus")
}

fn codes_and_values(v: &serde_json::Value) -> Vec<(String, Vec<String>)> {
    v["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let values = c["values"].as_array().unwrap().iter().map(|x| x["value"].as_str().unwrap().to_string());
            (c["code"].as_str().unwrap().to_string(), values.collect())
        })
        .collect()
}

#[test]
fn against_reports_the_drafts_conflicts_only() {
    let dir = fixtures();
    // Everything read as equals: the draft's conflict and two between the published reports.
    let all = run_in(&dir, &["check", "--format", "json", "draft-wrong.md", "published"]);
    assert_eq!(all.status.code(), Some(1));
    let all = json(&all);
    assert_eq!(codes_and_values(&all).len(), 3, "{all}");

    let out = run_in(&dir, &["check", "--format", "json", "draft-wrong.md", "--against", "published"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(codes_and_values(&v), vec![("CC101".to_string(), vec!["54".to_string(), "52".to_string()])]);
    // The draft's claim comes first: it is the location single-location formats show.
    let first = v["conflicts"][0]["claims"][0].as_str().unwrap();
    let claim = v["claims"].as_array().unwrap().iter().find(|c| c["id"] == first).unwrap();
    assert_eq!(claim["path"], "draft-wrong.md");
    assert_eq!(v["conflicts"][0]["values"][1]["documents"], 2);

    let human = run_in(&dir, &["check", "draft-wrong.md", "--against", "published"]);
    let text = stdout(&human);
    assert!(text.contains("your draft says 54; 2 published reports say 52"), "{text}");
    assert!(text.contains("2 only between reference reports"), "{text}");

    let sarif = json(&run_in(&dir, &["check", "--format", "sarif", "draft-wrong.md", "--against", "published"]));
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 1);
    assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "draft-wrong.md");
    assert!(result["message"]["text"].as_str().unwrap().starts_with("your draft says 54"));
}

#[test]
fn a_draft_that_agrees_passes() {
    let out = run_in(&fixtures(), &["check", "draft-right.md", "--against", "published/lisbon-wire.md", "published"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("0 errors"), "{}", stdout(&out));
}

#[test]
fn against_with_a_fact_sheet_names_the_wrong_side() {
    let out = run_in(
        &fixtures(),
        &["check", "--format", "json", "--facts", "facts.toml", "draft-wrong.md", "--against", "published"],
    );
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let c101 = v["conflicts"].as_array().unwrap().iter().find(|c| c["code"] == "CC101").unwrap();
    assert!(c101["message"].as_str().unwrap().contains("54 is wrong"), "{c101}");
    assert_eq!(c101["values"][1]["fact"], "52 (the treaty text, as deposited)");
    assert!(c101["values"][0].get("fact").is_none());
}

/// The seeds (71 vs 68 articles) with short reports of ours: an early one and a word-for-word
/// copy saying 71, a later one saying 68.
fn provenance_dir() -> Option<tempfile::TempDir> {
    let seeds = seeds_dir()?;
    let dir = tempfile::tempdir().unwrap();
    for s in [SEED_A, SEED_B] {
        fs::copy(seeds.join(s), dir.path().join(s)).unwrap();
    }
    for f in ["early-71.md", "copy-71.md", "later-68.md"] {
        fs::copy(root().join("tests/fixtures/provenance").join(f), dir.path().join(f)).unwrap();
    }
    fs::write(
        dir.path().join("facts.toml"),
        "[[fact]]\nmeasure = \"article\"\nsubject = \"convention\"\nvalue = \"68\"\nsource = \"the convention's text\"\n",
    )
    .unwrap();
    Some(dir)
}

const PROVENANCE_ARGS: &[&str] = &["--date", "2025-10-26", SEED_A, SEED_B, "early-71.md", "copy-71.md", "later-68.md"];

#[test]
fn values_carry_document_counts_dates_and_the_stated_fact() {
    let Some(dir) = provenance_dir() else { return };
    let mut args = vec!["check", "--format", "json", "--facts", "facts.toml"];
    args.extend_from_slice(PROVENANCE_ARGS);
    let out = run_in(dir.path(), &args);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let c = v["conflicts"].as_array().unwrap().iter().find(|c| c["code"] == "CC101").unwrap();
    let value = |x: &str| c["values"].as_array().unwrap().iter().find(|g| g["value"] == x).unwrap().clone();
    let v71 = value("71");
    assert_eq!(v71["documents"], 3);
    assert_eq!(v71["independent"], 2, "the copy counts once: {v71}");
    assert_eq!(v71["copies"], serde_json::json!(["copy-71.md"]));
    assert_eq!(v71["earliest"], "2025-10-20");
    assert!(v71.get("fact").is_none());
    let v68 = value("68");
    assert_eq!(v68["documents"], 2);
    assert_eq!(v68["independent"], 2);
    assert_eq!(v68["paths"], serde_json::json!([SEED_B, "later-68.md"]));
    // The seed has no date of its own: --date gives it one.
    assert_eq!(v68["earliest"], "2025-10-26");
    assert_eq!(v68["fact"], "68 (the convention's text)");

    let mut args = vec!["check", "--facts", "facts.toml"];
    args.extend_from_slice(PROVENANCE_ARGS);
    let human = stdout(&run_in(dir.path(), &args));
    assert!(human.contains("68: 2 documents, earliest 2025-10-26"), "{human}");
    assert!(human.contains("the stated fact: 68 (the convention's text)"), "{human}");
    snapshots(|| insta::assert_snapshot!("provenance_human_with_facts", human));
}

#[test]
fn a_bad_date_is_a_usage_error() {
    let out = run_in(&fixtures(), &["check", "--date", "2025-13-01", "draft-right.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

const A: &str = "The Lisbon Ocean Treaty has 52 articles.\n\nThe treaty is split into seven chapters.\n";
const B: &str = "The Lisbon Ocean Treaty has 52 articles.\n\nThe treaty is split into nine chapters.\n";

#[test]
fn changed_since_keeps_the_conflict_on_the_changed_line() {
    let dir = tmp_with(&[("news/a.txt", A), ("news/b.txt", B)]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "reports"]);
    // The chapters conflict is old; the article count changes now, on one line.
    fs::write(dir.path().join("news/a.txt"), A.replace("52 articles", "54 articles")).unwrap();
    git(dir.path(), &["commit", "-q", "-am", "edit"]);

    let all = json(&run_in(dir.path(), &["check", "--format", "json", "news"]));
    assert_eq!(codes_and_values(&all).len(), 2);

    let out = run_in(dir.path(), &["check", "--format", "json", "--changed-since", "HEAD~1", "news"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(codes_and_values(&v), vec![("CC101".to_string(), vec!["54".to_string(), "52".to_string()])]);
    // Run from a subdirectory, with paths relative to it: the same.
    let out = run_in(&dir.path().join("news"), &["check", "--changed-since", "HEAD~1", "a.txt", "b.txt"]);
    let text = stdout(&out);
    assert!(text.contains("1 not on a changed line"), "{text}");
    assert!(text.starts_with("CC101") || text.contains("54"), "{text}");

    // Nothing changed since HEAD: nothing to report, exit 0.
    let out = run_in(dir.path(), &["check", "--changed-since", "HEAD", "news"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    // A new, untracked report is all changed lines.
    fs::write(dir.path().join("news/c.txt"), "The treaty is split into eight chapters.\n").unwrap();
    let v = json(&run_in(dir.path(), &["check", "--format", "json", "--changed-since", "HEAD", "news"]));
    assert_eq!(codes_and_values(&v).len(), 1);
    assert_eq!(v["conflicts"][0]["values"].as_array().unwrap().len(), 3, "{v}");

    // A revision git does not know is a usage error that says so.
    let out = run_in(dir.path(), &["check", "--changed-since", "no-such-ref", "news"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-ref"), "{}", stderr(&out));
}

#[test]
fn diff_from_a_file_or_stdin() {
    let b2 = B.replace("nine chapters", "six chapters");
    let dir = tmp_with(&[("a.txt", A), ("b.txt", &b2)]);
    let patch = "--- a/b.txt\n+++ b/b.txt\n@@ -3 +3 @@\n-The treaty is split into nine chapters.\n+The treaty is split into six chapters.\n";
    fs::write(dir.path().join("change.diff"), patch).unwrap();
    let v = json(&run_in(dir.path(), &["check", "--format", "json", "--diff", "change.diff", "a.txt", "b.txt"]));
    assert_eq!(codes_and_values(&v).len(), 1);
    assert_eq!(v["conflicts"][0]["values"][0]["value"], "7");

    let mut child = bin()
        .current_dir(dir.path())
        .args(["check", "--diff", "-", "a.txt", "b.txt"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(patch.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));

    fs::write(dir.path().join("bad.diff"), "+++ b/b.txt\n@@ what @@\n").unwrap();
    let out = run_in(dir.path(), &["check", "--diff", "bad.diff", "a.txt", "b.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.diff: line 2"), "{}", stderr(&out));
}

#[test]
fn sarif_fingerprints_do_not_move_with_the_text() {
    let dir = tmp_with(&[("a.txt", &A.replace("52 articles", "54 articles")), ("b.txt", A)]);
    let fingerprint = |dir: &Path| {
        let v = json(&run_in(dir, &["check", "--format", "sarif", "a.txt", "b.txt"]));
        let r = &v["runs"][0]["results"][0];
        (
            r["partialFingerprints"]["crosscheck/v1"].clone(),
            r["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
        )
    };
    let (before, line_before) = fingerprint(dir.path());
    let moved = format!(
        "A new lead paragraph.\n\nAnd another one, with 3 numbers and 12 more.\n\n{}",
        A.replace("52 articles", "54 articles")
    );
    fs::write(dir.path().join("a.txt"), moved).unwrap();
    let (after, line_after) = fingerprint(dir.path());
    assert_ne!(line_before, line_after, "the claim moved");
    assert_eq!(before, after);
    assert!(before.as_str().is_some_and(|s| s.len() == 16));
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("tests/data").join(name)).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, v: &serde_json::Value) {
    let errors: Vec<String> = validator.iter_errors(v).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn gitlab_rdjson_and_markdown_outputs() {
    let dir = fixtures();
    let args = |f: &'static str| {
        vec!["check", "--format", f, "--facts", "facts.toml", "draft-wrong.md", "--against", "published"]
    };
    let gitlab = run_in(&dir, &args("gitlab"));
    assert_eq!(gitlab.status.code(), Some(1));
    let g = json(&gitlab);
    let v = validator("gitlab-codequality.schema.json");
    assert_valid(&v, &g);
    let issues = g.as_array().unwrap();
    assert_eq!(issues.len(), 4, "one issue per claim: CC101 (3 claims) and CC105 (1): {g}");
    let mut fps: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    fps.sort_unstable();
    fps.dedup();
    assert_eq!(fps.len(), issues.len(), "fingerprints are unique");
    // The check fails on a broken document.
    assert!(!v.is_valid(&serde_json::json!([{ "description": "x", "severity": "fatal" }])));

    let rd = run_in(&dir, &args("rdjson"));
    let r = json(&rd);
    let v = validator("rdjson.schema.json");
    assert_valid(&v, &r);
    let d = &r["diagnostics"][0];
    assert_eq!(d["location"]["path"], "draft-wrong.md");
    assert_eq!(d["location"]["range"]["start"], serde_json::json!({ "line": 7, "column": 29 }));
    assert_eq!(d["location"]["range"]["end"], serde_json::json!({ "line": 7, "column": 40 }));
    assert!(!v.is_valid(&serde_json::json!({ "source": { "name": "x" }, "diagnostics": [{ "message": "m" }] })));

    let md = stdout(&run_in(&dir, &args("markdown")));
    assert!(md.starts_with("## crosscheck: 2 errors"), "{md}");
    assert!(md.contains("- ✅ **52: 2 documents"), "{md}");
    snapshots(|| {
        insta::assert_snapshot!("focus_gitlab", stdout(&gitlab));
        insta::assert_snapshot!("focus_rdjson", stdout(&rd));
        insta::assert_snapshot!("focus_markdown", md);
    });
}

#[test]
fn min_severity_max_results_and_the_job_summary() {
    let dir = fixtures();
    // Three conflicts: the articles and the fund (errors), the signatories (a warning: a
    // count that only grows, stated without a time).
    let all = json(&run_in(&dir, &["check", "--format", "json", "draft-wrong.md", "published"]));
    let sev: Vec<&str> = all["conflicts"].as_array().unwrap().iter().map(|c| c["severity"].as_str().unwrap()).collect();
    assert_eq!(sev, vec!["error", "error", "warning"]);

    let v =
        json(&run_in(&dir, &["check", "--format", "json", "--min-severity", "error", "draft-wrong.md", "published"]));
    assert_eq!(v["conflicts"].as_array().unwrap().len(), 2);

    let out = run_in(&dir, &["check", "--format", "sarif", "--max-results", "1", "draft-wrong.md", "published"]);
    assert_eq!(out.status.code(), Some(1));
    let s = json(&out);
    assert_eq!(s["runs"][0]["results"].as_array().unwrap().len(), 1);
    let notes = s["runs"][0]["invocations"][0]["toolExecutionNotifications"].to_string();
    assert!(notes.contains("2 more conflicts (1 errors) were left out"), "{notes}");
    // The error left out past the limit still fails the run.
    let out = run_in(&dir, &["check", "--max-results", "0", "draft-wrong.md", "published"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("3 past --max-results"), "{}", stdout(&out));

    let summary = tempfile::NamedTempFile::new().unwrap();
    let out = bin()
        .current_dir(&dir)
        .env("GITHUB_STEP_SUMMARY", summary.path())
        .args(["check", "--format", "github", "draft-wrong.md", "--against", "published"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("::error file=draft-wrong.md,line=7,col=29"), "{}", stdout(&out));
    let written = fs::read_to_string(summary.path()).unwrap();
    assert!(written.starts_with("## crosscheck: 1 error"), "{written}");
}
