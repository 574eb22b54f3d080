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

/// How many letters and words detection reads at most.
const LETTERS: usize = 20_000;
const WORDS: usize = 5_000;
/// How often (in letters or words read) detection asks whether the count is settled.
const CHECK_EVERY: usize = 512;

/// Whether the highest count is ahead of every other by more than `left` (so that no
/// other can reach it, or tie, with what is left to count), and its index (the first of
/// the highest).
fn settled(counts: &[usize], left: usize) -> (bool, usize) {
    let mut best = 0;
    for (k, &n) in counts.iter().enumerate() {
        if n > counts[best] {
            best = k;
        }
    }
    let second = counts.iter().enumerate().filter(|&(k, _)| k != best).map(|(_, &n)| n).max().unwrap_or(0);
    (counts.get(best).is_some_and(|&n| n - second.min(n) > left), best)
}

/// Picks the pack for a text, or `None` when no pack fits its script.
pub fn detect<'r>(rules: &'r Rules, text: &str, toks: &[Tok<'_>]) -> Option<&'r Pack> {
    let mut per_script = [0usize; SCRIPTS.len()];
    // The first letters decide; markup, digits and signs before them do not count. The
    // count stops early once the leading script, one that packs are written in, is
    // further ahead than the letters left to count: no other can then catch it up.
    let has_pack =
        |k: usize| SCRIPTS.get(k).is_some_and(|s| rules.packs.iter().any(|p| p.scripts.iter().any(|x| x == s)));
    for (seen, k) in text.chars().filter_map(script_index).take(LETTERS).enumerate() {
        if let Some(n) = per_script.get_mut(k) {
            *n += 1;
        }
        if (seen + 1) % CHECK_EVERY == 0 {
            let (lead, leader) = settled(&per_script, LETTERS - seen - 1);
            if lead && has_pack(leader) {
                break;
            }
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
    let words = || toks.iter().filter(|t| t.kind == Kind::Word).take(WORDS);
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
    for (seen, t) in words().enumerate() {
        if let Some(&packs) = listed.get(t.key.as_ref()) {
            let mut bits = packs;
            while bits != 0 {
                scores[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
        // Once the best is further ahead than the words left, the rest cannot change it.
        if (seen + 1) % CHECK_EVERY == 0 && settled(&scores, WORDS - seen - 1).0 {
            break;
        }
    }
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_is_settled_only_when_no_other_can_reach_the_best() {
        assert_eq!(settled(&[5, 3, 0], 1), (true, 0));
        // With two more to count the second could tie, and a tie is decided by order.
        assert_eq!(settled(&[5, 3, 0], 2), (false, 0));
        assert_eq!(settled(&[3, 5, 4], 0), (true, 1));
        assert_eq!(settled(&[2, 2], 0), (false, 0));
        assert_eq!(settled(&[], 0), (false, 0));
    }

    fn detected(text: &str) -> Result<Option<String>, Box<dyn std::error::Error>> {
        let rules = Rules::embedded()?;
        let norm = rules.normalizer.normalize(text);
        let toks = crate::lex::lex(&norm.text);
        Ok(detect(&rules, &norm.text, &toks).map(|p| p.code.clone()))
    }

    #[test]
    fn a_script_that_takes_over_after_the_first_letters_still_wins() -> crate::TestResult {
        // 600 Latin letters, then Cyrillic: counting must not stop at the early lead.
        let text = format!("{} {}", "abcdef ".repeat(100), "привет ".repeat(4000));
        assert_eq!(detected(&text)?.as_deref(), Some("ru"));
        // A long lead is final: Latin ahead by more than the letters left to count.
        let text = format!("{} {}", "the and of ".repeat(2000), "привет ".repeat(4000));
        assert_eq!(detected(&text)?.as_deref(), Some("en"));
        Ok(())
    }
}
