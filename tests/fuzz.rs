//! A stable random-input driver for the grammars, the loaders and the rules parser
//! (no nightly toolchain needed). Ignored in the normal suite; run it with
//!
//!     FUZZ_INPUTS=10000000 cargo test --release --test fuzz -- --ignored --nocapture
//!
//! Each target gets its own deterministic generator; a failing input is printed with its
//! seed and number so that it can be replayed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use crosscheck::lang::Rules;
use crosscheck::source::Source;
use crosscheck::{Options, analyze};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// xorshift64*: small, deterministic, good enough to drive a fuzzer.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn text(rng: &mut Rng) -> String {
    let n = rng.below(40);
    let mut s = String::new();
    for _ in 0..n {
        if rng.below(8) == 0 {
            // Raw code points, including unassigned and surrogate-adjacent ones.
            if let Some(c) = char::from_u32(rng.below(0x3_0000) as u32) {
                s.push(c);
            }
        } else {
            s.push_str(common::ATOMS[rng.below(common::ATOMS.len())]);
        }
    }
    s
}

fn inputs() -> u64 {
    std::env::var("FUZZ_INPUTS").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000)
}

fn run(target: &str, seed: u64, mut one: impl FnMut(&mut Rng, u64)) {
    let n = inputs();
    let mut rng = Rng(seed);
    let started = std::time::Instant::now();
    for k in 0..n {
        let state = rng.0;
        if catch_unwind(AssertUnwindSafe(|| one(&mut rng, k))).is_err() {
            panic!("{target}: input {k} (generator state {state:#x}) panicked");
        }
    }
    println!("{target}: {n} inputs, no panic, {:.1} s", started.elapsed().as_secs_f64());
}

#[test]
#[ignore]
fn fuzz_grammars() {
    let rules = Rules::embedded().unwrap();
    let langs: Vec<String> = rules.packs.iter().map(|p| p.code.clone()).collect();
    run("grammars", 0x9E37_79B9_7F4A_7C15, |rng, _| {
        let t = text(rng);
        let lang = langs[rng.below(langs.len())].clone();
        let src = Source { path: "f.txt".into(), text: t.as_str().into() };
        let r = analyze(&rules, &[src], &Options { lang: Some(lang), ..Options::default() }).unwrap();
        for c in &r.claims {
            assert!(t.is_char_boundary(c.start) && t.is_char_boundary(c.end) && c.start < c.end);
            assert_eq!(&t[c.start..c.end], c.text);
        }
    });
}

#[test]
#[ignore]
fn fuzz_loaders() {
    let rules = Rules::embedded().unwrap();
    run("loaders", 0xD1B5_4A32_D192_ED03, |rng, k| {
        // Bytes: valid text, broken UTF-8, UTF-16, binary; as .md, .html or .txt.
        let mut bytes = text(rng).into_bytes();
        match rng.below(5) {
            0 => bytes.insert(rng.below(bytes.len() + 1), 0xFF),
            1 => {
                let mut u = vec![0xFF, 0xFE];
                for c in String::from_utf8_lossy(&bytes).encode_utf16() {
                    u.extend(c.to_le_bytes());
                }
                bytes = u;
            }
            _ => {}
        }
        let ext = ["md", "html", "txt"][k as usize % 3];
        if let Ok(Some(t)) = crosscheck::source::decode("f", bytes) {
            let src = Source { path: format!("f.{ext}"), text: t.as_str().into() };
            let r = analyze(&rules, &[src], &Options::default()).unwrap();
            for c in &r.claims {
                assert_eq!(&t[c.start..c.end], c.text);
            }
        }
    });
}

#[test]
#[ignore]
fn fuzz_rules_parser() {
    let base = include_str!("../rules/lang/en.toml");
    let rules = Rules::embedded().unwrap();
    let pieces =
        ["[", "]", "=", "\"", "\n", "x", "1", "[[examples]]", "numbers.words", "{", "}", ",", "#", "\u{0}", "ü"];
    run("rules parser", 0x94D0_49BB_1331_11EB, |rng, _| {
        // A real pack with random cuts and insertions: must load or fail with an error.
        let mut s = base.to_string();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(s.len() + 1);
            let at = (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            if rng.below(2) == 0 {
                s.insert_str(at, pieces[rng.below(pieces.len())]);
            } else {
                let end = (at + rng.below(20)).min(s.len());
                let end = (end..=s.len()).find(|&i| s.is_char_boundary(i)).unwrap_or(s.len());
                s.replace_range(at..end, "");
            }
        }
        let _ = crosscheck::lang::compile_pack("en.toml", &s, &rules.normalizer);
    });
}
