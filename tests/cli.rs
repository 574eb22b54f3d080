//! The command line: exit codes, errors that name the file, rules and explain.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use std::fs;

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn missing_path_exits_2_and_names_it() {
    let out = run_in(&root(), &["check", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no/such/file.txt"), "{err}");
    assert!(err.contains("no such file"), "{err}");
}

#[test]
fn invalid_utf8_is_a_located_error() {
    let dir = tmp();
    fs::write(dir.path().join("bad.txt"), b"first line\nsecond \xff line\n").expect("write");
    let out = run_in(dir.path(), &["check", "bad.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.txt:2:8"), "{err}");
    assert!(err.contains("invalid UTF-8 at byte 18"), "{err}");
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let dir = tmp();
    fs::write(dir.path().join("image.txt"), b"GIF89a\x00\x01\x02").expect("write");
    fs::write(dir.path().join("ok.txt"), "The treaty has 40 articles.\n").expect("write");
    let out = run_in(dir.path(), &["check", "image.txt", "ok.txt"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("image.txt: binary file skipped"), "{}", stdout(&out));
}

#[test]
fn empty_file_has_no_claims() {
    let dir = tmp();
    fs::write(dir.path().join("empty.md"), "").expect("write");
    let out = run_in(dir.path(), &["check", "--format", "json", "empty.md"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["claims"].as_array().map(Vec::len), Some(0));
}

#[test]
fn bom_and_crlf_keep_lines_and_offsets() {
    let dir = tmp();
    fs::write(dir.path().join("win.txt"), "\u{FEFF}Intro line.\r\nThe treaty has 40 articles.\r\n").expect("write");
    let out = run_in(dir.path(), &["claims", "--format", "json", "win.txt"]);
    let v = json(&out);
    let c = &v["claims"][0];
    assert_eq!(c["text"], "40 articles");
    assert_eq!(c["line"], 2);
    assert_eq!(c["column"], 16);
    assert_eq!(c["start"], 31);
}

#[test]
fn default_command_is_check() {
    let dir = tmp();
    fs::write(dir.path().join("a.txt"), "The treaty has 40 articles.\n").expect("write");
    fs::write(dir.path().join("b.txt"), "The treaty has 41 articles.\n").expect("write");
    let out = run_in(dir.path(), &["a.txt", "b.txt"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).contains("cannot be both 40 and 41"));
}

#[test]
fn unknown_language_is_a_usage_error() {
    let dir = tmp();
    fs::write(dir.path().join("a.txt"), "x").expect("write");
    let out = run_in(dir.path(), &["check", "--lang", "xx", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown language \"xx\""));
}

#[test]
fn malformed_rules_file_names_file_line_and_column() {
    let dir = tmp();
    fs::create_dir_all(dir.path().join("rules/lang")).expect("mkdir");
    fs::write(dir.path().join("rules/lang/en.toml"), "[language]\ncode = \"en\"\nname = 1\n").expect("write");
    fs::write(dir.path().join("a.txt"), "x").expect("write");
    let out = run_in(dir.path(), &["check", "--rules", "rules", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("en.toml") && err.contains("line 3, column 8"), "{err}");
}

#[test]
fn rules_lists_every_rule() {
    let out = run_in(&root(), &["rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let codes: Vec<&str> = v.as_array().expect("list").iter().filter_map(|r| r["code"].as_str()).collect();
    assert!(codes.contains(&"CC101"));
}

#[test]
fn explain_every_rule() {
    let out = run_in(&root(), &["rules", "--format", "json"]);
    for rule in json(&out).as_array().expect("list") {
        let code = rule["code"].as_str().expect("code");
        let out = run_in(&root(), &["explain", code]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        assert!(text.len() > 200, "explain {code} is too short");
        snapshots(|| insta::assert_snapshot!(format!("explain_{code}"), text));
    }
    let out = run_in(&root(), &["explain", "CC999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown rule"));
}
