//! Language detection: the dominant script picks the candidate packs, their function
//! words pick among them.

use super::{Pack, Rules};
use crate::lex::{Kind, Tok};

/// The Unicode script of a letter, for the scripts packs name.
pub fn script(c: char) -> Option<&'static str> {
    let cp = c as u32;
    Some(match cp {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => "Latin",
        0x370..=0x3FF => "Greek",
        0x400..=0x52F => "Cyrillic",
        0x590..=0x5FF => "Hebrew",
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => "Arabic",
        0x900..=0x97F => "Devanagari",
        0x980..=0x9FF => "Bengali",
        0xE00..=0xE7F => "Thai",
        0x1100..=0x11FF | 0xAC00..=0xD7AF | 0x3130..=0x318F => "Hangul",
        0x3040..=0x309F => "Hiragana",
        0x30A0..=0x30FF => "Katakana",
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => "Han",
        _ => return None,
    })
}

/// Picks the pack for a text, or `None` when no pack fits its script.
pub fn detect<'r>(rules: &'r Rules, text: &str, toks: &[Tok<'_>]) -> Option<&'r Pack> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    // The first letters decide; markup, digits and signs before them do not count.
    for s in text.chars().filter_map(script).take(20_000) {
        {
            match counts.iter_mut().find(|(n, _)| *n == s) {
                Some((_, k)) => *k += 1,
                None => counts.push((s, 1)),
            }
        }
    }
    // Scripts in order of frequency; Japanese kana outweigh Han for a pack that lists them.
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let score = |p: &Pack| -> usize {
        toks.iter().filter(|t| t.kind == Kind::Word).take(5_000).filter(|t| p.detect.contains(t.key.as_ref())).count()
    };
    for (s, _) in &counts {
        let candidates: Vec<&Pack> = rules.packs.iter().filter(|p| p.scripts.iter().any(|x| x == s)).collect();
        if candidates.is_empty() {
            continue;
        }
        // Highest score first; ties go to the first pack by code (packs are sorted).
        let mut best = candidates[0];
        let mut best_score = score(best);
        for p in &candidates[1..] {
            let sc = score(p);
            if sc > best_score {
                best = p;
                best_score = sc;
            }
        }
        return Some(best);
    }
    None
}
