//! Extraction-only throughput per core: the per-document stages (normalize, lex, detect,
//! extract, resolve) over the dev corpus (tests/corpus), on one thread, in bytes/s.
//! The whole-run comparison with grep is scripts/bench.py; the peer ratio is
//! scripts/bench_peers.py.
//!
//! Run: `cargo bench --bench extract`

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crosscheck::lang::Rules;
use crosscheck::source::Source;
use divan::Bencher;
use divan::counter::BytesCount;
use std::path::Path;

fn main() {
    divan::main();
}

/// Every report of the dev corpus, or only those of one language.
fn corpus(lang: Option<&str>) -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|story| story.unwrap().path())
        .filter(|story| story.is_dir())
        .flat_map(|story| std::fs::read_dir(story).unwrap())
        .map(|f| f.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| lang.is_none_or(|l| p.file_stem().is_some_and(|s| s == l)))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| Source { path: p.display().to_string(), text: std::fs::read_to_string(p).unwrap().into() })
        .collect()
}

fn run(bencher: Bencher, lang: Option<&str>) {
    let rules = Rules::embedded().unwrap();
    let opts = crosscheck::Options::default();
    let sources = corpus(lang);
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        sources
            .iter()
            .enumerate()
            .map(|(doc, src)| crosscheck::read_document(&rules, &opts, doc, src).1.len())
            .sum::<usize>()
    });
}

/// Every language of the dev corpus.
#[divan::bench]
fn all_languages(bencher: Bencher) {
    run(bencher, None);
}

/// English only: the text scripts/bench_peers.py gives to quantulum3.
#[divan::bench]
fn english(bencher: Bencher) {
    run(bencher, Some("en"));
}
