//! Bad and odd inputs, determinism, and properties of spans on random text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;
use proptest::prelude::*;
use std::fs;
use std::time::Instant;

#[test]
fn same_output_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    // Many documents, so that the parallel stage really runs in parallel.
    let example = root().join("examples/hanoi-convention");
    for (k, entry) in fs::read_dir(&example).unwrap().enumerate() {
        let p = entry.unwrap().path();
        let text = fs::read_to_string(&p).unwrap();
        for copy in 0..12 {
            let name = format!("{copy:02}-{k}-{}", p.file_name().unwrap().to_string_lossy());
            fs::write(dir.path().join(name), text.replace("72", &format!("{}", 60 + copy))).unwrap();
        }
    }
    let mut outputs = Vec::new();
    for threads in ["1", "2", "4", "1"] {
        for format in ["json", "human"] {
            let out = bin()
                .current_dir(dir.path())
                .env("RAYON_NUM_THREADS", threads)
                .env("NO_COLOR", "1")
                .args(["check", "--format", format, "."])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1));
            outputs.push((format, out.stdout));
        }
    }
    for (format, bytes) in &outputs[2..] {
        let first = &outputs.iter().find(|(f, _)| f == format).unwrap().1;
        assert!(bytes == first, "{format} output differs between runs");
    }
}

#[test]
fn a_single_line_of_twenty_megabytes_runs_in_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let sentence = "The delegates of the treaty met again and about 12 countries signed the text while others said it was too early to tell, ";
    let mut text = String::with_capacity(20_100_000);
    while text.len() < 20_000_000 {
        text.push_str(sentence);
    }
    fs::write(dir.path().join("big.txt"), &text).unwrap();
    let started = Instant::now();
    let out = run_in(dir.path(), &["check", "--format", "json", "big.txt"]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert!(v["claims"].as_array().unwrap().len() > 100_000);
    // No bound on wall time here (shared machines are noisy), but quadratic work
    // would take minutes, not seconds.
    assert!(took.as_secs() < 120, "took {took:?}");
}

#[test]
fn deep_markdown_nesting_does_not_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = ">".repeat(50_000);
    text.push_str(" The treaty has 40 articles.\n");
    text.push_str(&"- ".repeat(50_000));
    text.push_str("[[[[[[[[[[\n");
    fs::write(dir.path().join("deep.md"), &text).unwrap();
    let out = run_in(dir.path(), &["claims", "--format", "json", "deep.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["claims"][0]["text"], "40 articles");
}

/// Random text mixing scripts, digits, separators and number words of several packs.
fn pieces() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(common::ATOMS.to_vec());
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn spans_are_the_original_bytes(text in pieces(), lang in prop::sample::select(vec!["en", "ur", "vi"])) {
        let rules = common::rules();
        let src = crosscheck::source::Source { path: "p.txt".into(), text: text.as_str().into() };
        let opts = crosscheck::Options { lang: Some(lang.to_string()), ..Default::default() };
        let report = crosscheck::analyze(&rules, &[src], &opts).unwrap();
        for c in &report.claims {
            prop_assert!(c.start < c.end && c.end <= text.len());
            prop_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
            prop_assert_eq!(&text[c.start..c.end], c.text.as_str());
            let line_start = text[..c.start].rfind('\n').map_or(0, |i| i + 1);
            prop_assert_eq!(c.column, c.start - line_start + 1);
        }
        // Every renderer copes.
        let _ = crosscheck::render::human::render(&report, false, 100);
        let _ = crosscheck::render::json::render(&report);
        let _ = crosscheck::render::graph::dot(&report);
    }

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = crosscheck::source::decode("b.txt", bytes);
    }
}
