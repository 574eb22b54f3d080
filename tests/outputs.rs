//! Output formats for other tools (SARIF, GitHub annotations, JSON lines), the project
//! configuration, inline suppressions and baselines.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use std::fs;

const EXAMPLE: &str = "examples/hanoi-convention";

/// The SARIF 2.1.0 schema. Its `language` patterns have an unbalanced `]` that strict
/// regex engines refuse; it is replaced by the pattern the text of the standard means.
fn sarif_validator() -> jsonschema::Validator {
    let mut schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap()).unwrap();
    fix_patterns(&mut schema);
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn fix_patterns(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                if k == "pattern" && x == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
                    *x = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
                } else {
                    fix_patterns(x);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(fix_patterns),
        _ => {}
    }
}

fn assert_valid_sarif(v: &serde_json::Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator.iter_errors(v).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema errors: {errors:#?}");
}

const A: &str = "Intro.\n\nThe treaty has 40 articles.\n";
const B: &str = "The treaty has 41 articles.\n";

#[test]
fn sarif_is_valid_and_points_at_both_sides() {
    let out = run_in(&root(), &["check", "--format", "sarif", EXAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    // Valid against the SARIF 2.1.0 JSON schema, and readable by a typed SARIF model.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_valid_sarif(&v);
    let typed: serde_sarif::sarif::Sarif = serde_json::from_str(&text).expect("SARIF 2.1.0");
    assert_eq!(typed.runs.len(), 1);
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "CC101");
    assert_eq!(r["level"], "error");
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "examples/hanoi-convention/en.md");
    assert_eq!(loc["region"]["startLine"], 15);
    assert_eq!(r["relatedLocations"].as_array().unwrap().len(), 2);
    let rule = &v["runs"][0]["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "CC101");
    assert!(rule["fullDescription"]["text"].as_str().unwrap().len() > 200);
    snapshots(|| insta::assert_snapshot!("example_sarif", text));
}

#[test]
fn the_schema_check_can_fail() {
    let bad = serde_json::json!({ "version": "2.1.0", "runs": [{ "tool": { "driver": {} }, "results": [{ "level": "loud" }] }] });
    assert!(!sarif_validator().is_valid(&bad));
}

#[test]
fn sarif_of_many_conflicts_is_valid() {
    let dir = tmp_with(&[
        ("a.txt", A),
        ("b.txt", B),
        ("c.txt", "On 3 May 2019, 48 countries signed the treaty.\n"),
        ("d.txt", "On 3 May 2019, 52 countries signed the treaty.\n"),
    ]);
    let out = run_in(dir.path(), &["check", "--format", "sarif", "."]);
    assert_valid_sarif(&serde_json::from_str(&stdout(&out)).unwrap());
}

#[test]
fn sarif_columns_are_utf16_units() {
    let out = run_in(&root(), &["check", "--format", "sarif", EXAMPLE]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let related = &v["runs"][0]["results"][0]["relatedLocations"];
    let urdu = related
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["physicalLocation"]["artifactLocation"]["uri"] == "examples/hanoi-convention/ur.txt")
        .unwrap();
    let region = &urdu["physicalLocation"]["region"];
    // Byte column 120 of a line of Urdu is a much smaller UTF-16 column.
    assert!(region["startColumn"].as_u64().unwrap() < 120);
    assert_eq!(region["byteLength"].as_u64().unwrap(), "71 دفعات".len() as u64);
}

#[test]
fn github_annotations_one_per_side() {
    let out = run_in(&root(), &["check", "--format", "github", EXAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l.starts_with("::error file=examples/hanoi-convention/")));
    assert!(lines[0].contains(",line=15,col=21,title=CC101 value-mismatch::"));
    snapshots(|| insta::assert_snapshot!("example_github", text));
}

#[test]
fn claims_jsonl_is_one_object_a_line() {
    let out = run_in(&root(), &["claims", "--format", "jsonl", EXAMPLE]);
    let text = stdout(&out);
    let objects: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(objects.len() > 20);
    assert!(objects.iter().all(|o| o["id"].is_string() && o["start"].is_u64()));
}

#[test]
fn output_file_quiet_and_statistics() {
    let dir = tmp_with(&[("a.txt", A), ("b.txt", B)]);
    let out = run_in(dir.path(), &["check", "-o", "report.json", "--format", "json", "a.txt", "b.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(written["conflicts"].as_array().unwrap().len(), 1);
    let out = run_in(dir.path(), &["check", "--quiet", "--statistics", "a.txt", "b.txt"]);
    assert_eq!(stdout(&out), "1 error, 0 warnings, 0 info in 2 documents (2 claims)\n");
    assert!(stderr(&out).contains("1  CC101  value-mismatch   error"), "{}", stderr(&out));
}

#[test]
fn inline_marker_silences_the_next_paragraph() {
    let silenced = "Intro.\n\n<!-- crosscheck-ignore CC101 -->\nThe treaty has 40 articles.\n";
    let dir = tmp_with(&[("a.md", silenced), ("b.md", B)]);
    let out = run_in(dir.path(), &["check", "a.md", "b.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("1 silenced by crosscheck-ignore"));
    // Another rule's code does not silence CC101; a text file takes a plain marker line.
    let other = "Intro.\n\n<!-- crosscheck-ignore CC999 -->\nThe treaty has 40 articles.\n";
    let plain = "Intro.\n\ncrosscheck-ignore CC101\nThe treaty has 40 articles.\n";
    let dir = tmp_with(&[("a.md", other), ("b.md", B), ("c.txt", plain)]);
    let out = run_in(dir.path(), &["check", "a.md", "b.md"]);
    assert_eq!(out.status.code(), Some(1));
    let out = run_in(dir.path(), &["check", "c.txt", "b.md"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn baseline_keeps_known_conflicts_out_and_survives_moved_lines() {
    let dir = tmp_with(&[("a.txt", A), ("b.txt", B)]);
    let out = run_in(dir.path(), &["check", "--write-baseline", "base.json", "a.txt", "b.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run_in(dir.path(), &["check", "--baseline", "base.json", "a.txt", "b.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("1 known to the baseline"));
    // Lines inserted above the claim: same fingerprint, still known.
    fs::write(dir.path().join("a.txt"), format!("New lead.\n\nMore text.\n\n{A}")).unwrap();
    let out = run_in(dir.path(), &["check", "--baseline", "base.json", "a.txt", "b.txt"]);
    assert_eq!(out.status.code(), Some(0));
    // A new value is a new disagreement.
    fs::write(dir.path().join("c.txt"), "The treaty has 45 articles.\n").unwrap();
    let out = run_in(dir.path(), &["check", "--baseline", "base.json", "a.txt", "b.txt", "c.txt"]);
    assert_eq!(out.status.code(), Some(1));
    // SARIF fingerprints are the same ones.
    let base: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("base.json")).unwrap()).unwrap();
    let out = run_in(dir.path(), &["check", "--format", "sarif", "a.txt", "b.txt"]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"][0]["partialFingerprints"]["crosscheck/v1"],
        base["conflicts"][0]["fingerprint"]
    );
}

#[test]
fn config_file_takes_effect() {
    let cfg = "exclude = [\"drafts/**\"]\n\n[rules.CC101]\nseverity = \"warning\"\n\n[lang]\n\"vi/**\" = \"vi\"\n";
    let dir = tmp_with(&[
        (".crosscheck.toml", cfg),
        ("a.txt", A),
        ("b.txt", B),
        ("drafts/c.txt", "The treaty has 45 articles.\n"),
    ]);
    let out = run_in(dir.path(), &["check", "--format", "json", "."]);
    // The rule is lowered to a warning: exit 0; the draft is excluded.
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v = json(&out);
    assert_eq!(v["conflicts"][0]["severity"], "warning");
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    // Found from a subdirectory too, and --no-config ignores it.
    let out = run_in(dir.path(), &["check", "--no-config", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn malformed_config_is_located() {
    let dir = tmp_with(&[(".crosscheck.toml", "[rules.CC101]\nseverity = \"loud\"\n"), ("a.txt", A)]);
    let out = run_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(".crosscheck.toml:2:12"), "{err}");
    assert!(err.contains("severity = \"loud\""), "{err}");
    let dir = tmp_with(&[(".crosscheck.toml", "[rules.CC999]\nenabled = false\n"), ("a.txt", A)]);
    let out = run_in(dir.path(), &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown rule \"CC999\""), "{}", stderr(&out));
}

#[test]
fn html_report_is_self_contained() {
    let out = run_in(&root(), &["check", "--format", "html", EXAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"), "{}", &html[..40]);
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"));
    assert!(html.contains("dir=\"auto\"") && html.contains("lang=\"ur\""));
    snapshots(|| insta::assert_snapshot!("example_html", html));
}

#[test]
fn markdown_and_html_spans_point_into_the_original_bytes() {
    let dir = root().join("tests/fixtures/markup");
    for (file, lang, date) in [("report.md", "en", "2019-05-03"), ("report.html", "fr", "2019-05-04")] {
        let out = run_in(&dir, &["check", "--format", "json", file]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let v = json(&out);
        assert_eq!(v["documents"][0]["lang"], lang, "{file}: the declared language is used");
        assert_eq!(v["documents"][0]["date"], date, "{file}: the declared date is read");
        let original = fs::read(dir.join(file)).unwrap();
        let claims = v["claims"].as_array().unwrap();
        assert!(claims.len() >= 8, "{file}: {claims:#?}");
        for c in claims {
            let (s, e) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
            assert_eq!(std::str::from_utf8(&original[s..e]).unwrap(), c["text"].as_str().unwrap(), "{file}");
        }
        let texts: Vec<&str> = claims.iter().filter_map(|c| c["text"].as_str()).collect();
        // Code, URLs, scripts and comments hold no claims; the prose does.
        for gone in ["4471", "50", "5", "123456", "42", "7", "500", "99"] {
            assert!(
                !texts.iter().any(|t| t.split(|c: char| !c.is_ascii_digit()).any(|d| d == gone)),
                "{file}: {gone} in {texts:?}"
            );
        }
        assert!(texts.iter().any(|t| t.starts_with("27 ")), "{file}: {texts:?}");
        assert!(texts.iter().any(|t| t.contains("250")), "{file}: {texts:?}");
    }
}

#[test]
fn fact_sheet_from_the_config_and_the_command_line() {
    let facts =
        "[[fact]]\nmeasure = \"article\"\nsubject = \"convention\"\nvalue = \"40\"\nsource = \"the deposited text\"\n";
    let dir =
        tmp_with(&[(".crosscheck.toml", "facts = \"desk.toml\"\n"), ("desk.toml", facts), ("a.txt", A), ("b.txt", B)]);
    let out = run_in(dir.path(), &["check", "--format", "json", "a.txt", "b.txt"]);
    let v = json(&out);
    let codes: Vec<&str> = v["conflicts"].as_array().unwrap().iter().filter_map(|c| c["code"].as_str()).collect();
    assert_eq!(codes, vec!["CC101", "CC105"]);
    // A fact sheet that does not parse is located.
    fs::write(dir.path().join("bad.toml"), "[[fact]]\nmeasure = 3\n").unwrap();
    let out = run_in(dir.path(), &["check", "--no-config", "--facts", "bad.toml", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.toml:2:11"), "{}", stderr(&out));
}
