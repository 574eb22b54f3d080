//! Language detection: the dominant script picks the candidate packs, their function
//! words pick among them.

use super::{Pack, Rules};
use crate::lex::{Kind, Tok};

/// The scripts packs name, in the order of [`script_index`].
const SCRIPTS: [&str; 12] = [
    "Latin",
    "Greek",
    "Cyrillic",
    "Hebrew",
    "Arabic",
    "Devanagari",
    "Bengali",
    "Thai",
    "Hangul",
    "Hiragana",
    "Katakana",
    "Han",
];

/// The Unicode script of a letter, for the scripts packs name.
pub fn script(c: char) -> Option<&'static str> {
    script_index(c).and_then(|k| SCRIPTS.get(k).copied())
}

/// The index in [`SCRIPTS`] of a letter's script.
fn script_index(c: char) -> Option<usize> {
    let cp = c as u32;
    Some(match cp {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => 0,
        0x370..=0x3FF => 1,
        0x400..=0x52F => 2,
        0x590..=0x5FF => 3,
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => 4,
        0x900..=0x97F => 5,
        0x980..=0x9FF => 6,
        0xE00..=0xE7F => 7,
        0x1100..=0x11FF | 0xAC00..=0xD7AF | 0x3130..=0x318F => 8,
        0x3040..=0x309F => 9,
        0x30A0..=0x30FF => 10,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => 11,
        _ => return None,
    })
}

/// Picks the pack for a text, or `None` when no pack fits its script.
pub fn detect<'r>(rules: &'r Rules, text: &str, toks: &[Tok<'_>]) -> Option<&'r Pack> {
    let mut per_script = [0usize; SCRIPTS.len()];
    // The first letters decide; markup, digits and signs before them do not count.
    for k in text.chars().filter_map(script_index).take(20_000) {
        if let Some(n) = per_script.get_mut(k) {
            *n += 1;
        }
    }
    let mut counts: Vec<(&'static str, usize)> =
        SCRIPTS.iter().zip(per_script).filter(|&(_, n)| n > 0).map(|(&s, n)| (s, n)).collect();
    // Scripts in order of frequency; Japanese kana outweigh Han for a pack that lists them.
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (s, _) in &counts {
        let candidates: Vec<&Pack> = rules.packs.iter().filter(|p| p.scripts.iter().any(|x| x == s)).collect();
        if candidates.is_empty() {
            continue;
        }
        // Highest score first; ties go to the first pack by code (packs are sorted).
        let scores = scores(&candidates, toks);
        let mut best = 0;
        for (k, &sc) in scores.iter().enumerate() {
            if sc > scores[best] {
                best = k;
            }
        }
        return candidates.get(best).copied();
    }
    None
}

/// Per candidate pack, how many of the text's first 5,000 words are its function words.
/// Each word is looked up once, in a map of every candidate's function words to the
/// candidates that list it, rather than once per candidate.
fn scores(candidates: &[&Pack], toks: &[Tok<'_>]) -> Vec<usize> {
    let words = || toks.iter().filter(|t| t.kind == Kind::Word).take(5_000);
    if candidates.len() < 2 {
        // One candidate wins whatever its score.
        return vec![0; candidates.len()];
    }
    if candidates.len() > u64::BITS as usize {
        return candidates.iter().map(|p| words().filter(|t| p.detect.contains(t.key.as_ref())).count()).collect();
    }
    let mut listed: rustc_hash::FxHashMap<&str, u64> = rustc_hash::FxHashMap::default();
    for (k, p) in candidates.iter().enumerate() {
        for w in &p.detect {
            *listed.entry(w.as_str()).or_default() |= 1 << k;
        }
    }
    let mut scores = vec![0; candidates.len()];
    for t in words() {
        if let Some(&packs) = listed.get(t.key.as_ref()) {
            let mut bits = packs;
            while bits != 0 {
                scores[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    }
    scores
}
