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
    assert!(err.contains("rules/lang/en.toml:3:8"), "{err}");
    assert!(err.contains("name = 1"), "the diagnostic quotes the line: {err}");
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

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = tmp();
    let text = "Intro.\nThe treaty has 40 articles.\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    fs::write(dir.path().join("u16.txt"), bytes).expect("write");
    let out = run_in(dir.path(), &["claims", "--format", "json", "u16.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["claims"][0]["text"], "40 articles");
    assert_eq!(v["claims"][0]["line"], 2);
}

#[test]
fn a_number_of_a_hundred_thousand_digits_is_a_warning() {
    let dir = tmp();
    let long = "9".repeat(100_000);
    fs::write(dir.path().join("long.txt"), format!("Intro.\nThey counted {long} grains and 40 articles.\n"))
        .expect("write");
    let out = run_in(dir.path(), &["check", "--format", "json", "long.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let w = v["warnings"][0].as_str().unwrap_or_default();
    assert!(w.starts_with("long.txt:2:14: a number of 100000 digits"), "{w}");
    let texts: Vec<&str> = v["claims"].as_array().unwrap().iter().filter_map(|c| c["text"].as_str()).collect();
    assert_eq!(texts, vec!["40 articles"]);
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tmp();
    fs::write(dir.path().join("a.txt"), "The treaty \u{1b}[31mhas 40 articles.\u{1b}[0m\n").expect("write");
    fs::write(dir.path().join("b.txt"), "The treaty has 41 articles.\u{7}\n").expect("write");
    let out = run_in(dir.path(), &["check", "a.txt", "b.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
    let out = run_in(dir.path(), &["claims", "a.txt"]);
    assert!(!stdout(&out).contains('\u{1b}'));
}

#[test]
fn broken_symlink_and_missing_paths_are_named() {
    let dir = tmp();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), dir.path().join("link.txt")).expect("symlink");
    #[cfg(unix)]
    {
        let out = run_in(dir.path(), &["check", "link.txt"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("link.txt: no such file"), "{}", stderr(&out));
    }
    // A directory given where a file is expected inside a path.
    fs::write(dir.path().join("plain.txt"), "x").expect("write");
    let out = run_in(dir.path(), &["check", "plain.txt/inner.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("plain.txt/inner.txt"), "{}", stderr(&out));
}

#[test]
fn unreadable_directory_is_named() {
    let dir = tmp();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).expect("mkdir");
    fs::write(locked.join("a.txt"), "The treaty has 40 articles.").expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
        if fs::read_dir(&locked).is_ok() {
            // Running as root: permissions do not apply, nothing to observe.
            eprintln!("skipped: permissions are not enforced for this user");
            fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod");
            return;
        }
        let out = run_in(dir.path(), &["check", "locked"]);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod");
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("locked: permission denied"), "{}", stderr(&out));
    }
}
