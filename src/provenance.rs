//! Provenance: for each value of a conflict, which documents state it, which of them only
//! repeat a sentence another document already carries, and the earliest date known.
//!
//! A majority of reports is no evidence when they copy one another: fifteen copies of one
//! wire story count as one source. Renderers show these figures next to each value so
//! that the fact sheet, not the count, decides which side is right.

use crate::claim::Claim;
use crate::report::DocumentInfo;
use crate::rules::Conflict;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Provenance {
    /// Distinct documents stating the value (indices into the report's documents), in
    /// report order.
    pub documents: Vec<usize>,
    /// Those of `documents` whose every sentence stating the value is already carried,
    /// word for word, by a document dated earlier (or listed earlier when undated).
    pub copies: Vec<usize>,
    /// The earliest document date known (front matter, HTML meta, `--date`).
    pub earliest: Option<String>,
}

impl Provenance {
    /// Documents that are not copies of another one.
    pub fn independent(&self) -> usize {
        self.documents.len() - self.copies.len()
    }
}

/// Bytes looked at on each side of a claim for its sentence.
const SCAN: usize = 600;

/// A line break at `i` that is part of a blank line (a paragraph's end); a single line
/// break inside a paragraph is only a space.
fn blank_line_at(text: &str, i: usize) -> bool {
    let blank = |c: &char| matches!(c, ' ' | '\t' | '\r');
    let next = text[i + 1..].chars().find(|c| !blank(c));
    let prev = text[..i].chars().rev().find(|c| !blank(c));
    next == Some('\n') || prev == Some('\n')
}

/// The sentence around `start..end`, whitespace squashed and lower-cased: two documents
/// with the same key carry the same sentence. `ends` are the characters that end a
/// sentence (from the packs); a full stop ends one only when a space follows it.
pub fn sentence_key(text: &str, start: usize, end: usize, ends: &[char]) -> String {
    let Some((from, to)) = sentence_span(text, start, end, ends) else { return String::new() };
    let mut key = String::with_capacity(to - from);
    for word in text[from..to].split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// A hash of [`sentence_key`] without building it.
fn sentence_hash(text: &str, start: usize, end: usize, ends: &[char]) -> Option<u64> {
    use std::hash::Hasher;
    let (from, to) = sentence_span(text, start, end, ends)?;
    let mut h = rustc_hash::FxHasher::default();
    for word in text[from..to].split_whitespace() {
        for ch in word.chars().flat_map(char::to_lowercase) {
            h.write_u32(ch as u32);
        }
        h.write_u8(0);
    }
    Some(h.finish())
}

/// The byte range of the sentence around `start..end`.
fn sentence_span(text: &str, start: usize, end: usize, ends: &[char]) -> Option<(usize, usize)> {
    let is_end = |ch: char| ch != '.' && ends.contains(&ch);
    let (Some(_), Some(_)) = (text.get(start..), text.get(..end)) else { return None };
    let mut lo = start.saturating_sub(SCAN);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = end.saturating_add(SCAN).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let before = &text[lo..start];
    // A full stop ends a sentence when a space follows it ("9.5" does not).
    let mut from = lo;
    let mut prev: Option<(usize, char)> = None;
    for (i, ch) in before.char_indices().rev() {
        if is_end(ch)
            || (ch == '.' && prev.is_some_and(|(_, p)| p.is_whitespace()))
            || (ch == '\n' && blank_line_at(text, lo + i))
        {
            from = lo + i + ch.len_utf8();
            break;
        }
        prev = Some((i, ch));
    }
    let after = &text[end..hi];
    let mut to = hi;
    let mut it = after.char_indices().peekable();
    while let Some((i, ch)) = it.next() {
        let next_space = it.peek().is_none_or(|&(_, n)| n.is_whitespace());
        if is_end(ch) || (ch == '.' && next_space) || (ch == '\n' && blank_line_at(text, end + i)) {
            to = end + i;
            break;
        }
    }
    Some((from, to))
}

/// Fills the provenance of every value of every conflict.
pub fn annotate(conflicts: &mut [Conflict], claims: &[Claim], documents: &[DocumentInfo], ends: &[char]) {
    use rayon::prelude::*;
    // Claims of one sentence share its key: one hash per sentence that any value stated
    // by two documents or more needs, computed once for all conflicts.
    let mut needed: rustc_hash::FxHashMap<(usize, usize), usize> = rustc_hash::FxHashMap::default();
    for conflict in conflicts.iter() {
        for group in &conflict.values {
            let mut docs = group.claims.iter().filter_map(|&i| claims.get(i)).map(|c| c.doc);
            let first = docs.next();
            if docs.all(|d| Some(d) == first) {
                continue;
            }
            for &i in &group.claims {
                if let Some(c) = claims.get(i) {
                    needed.entry((c.doc, c.sentence)).or_insert(i);
                }
            }
        }
    }
    let needed: Vec<((usize, usize), usize)> = needed.into_iter().collect();
    let hashes: rustc_hash::FxHashMap<(usize, usize), u64> = needed
        .par_iter()
        .filter_map(|&(key, i)| {
            let c = claims.get(i)?;
            let doc = documents.get(c.doc)?;
            sentence_hash(&doc.text, c.start, c.end, ends).map(|h| (key, h))
        })
        .collect();
    conflicts.par_iter_mut().for_each(|conflict| {
        for group in conflict.values.iter_mut() {
            group.provenance = of(&group.claims, claims, documents, &hashes);
        }
    });
}

fn of(
    group: &[usize],
    claims: &[Claim],
    documents: &[DocumentInfo],
    hashes: &rustc_hash::FxHashMap<(usize, usize), u64>,
) -> Provenance {
    let mut docs: Vec<usize> = group.iter().filter_map(|&i| claims.get(i)).map(|c| c.doc).collect();
    docs.sort_unstable();
    docs.dedup();
    let date = |d: usize| documents.get(d).and_then(|x| x.date.as_deref());
    // Oldest first; undated documents after dated ones, in report order.
    let mut order = docs.clone();
    order.sort_by(|&a, &b| match (date(a), date(b)) {
        (Some(x), Some(y)) => x.cmp(y).then(a.cmp(&b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(&b),
    });
    let earliest = docs.iter().filter_map(|&d| date(d)).min().map(str::to_string);
    // One document cannot copy another.
    if docs.len() < 2 {
        return Provenance { documents: docs, copies: Vec::new(), earliest };
    }
    // The claims of the group per document, in one pass.
    let mut by_doc: rustc_hash::FxHashMap<usize, Vec<&Claim>> = rustc_hash::FxHashMap::default();
    for c in group.iter().filter_map(|&i| claims.get(i)) {
        by_doc.entry(c.doc).or_default().push(c);
    }
    let mut seen: HashSet<u64> = HashSet::new();
    let mut copies = Vec::new();
    for &d in &order {
        let keys: Vec<u64> = by_doc
            .get(&d)
            .map(|cs| cs.iter().filter_map(|c| hashes.get(&(d, c.sentence)).copied()).collect())
            .unwrap_or_default();
        if !keys.is_empty() && keys.iter().all(|k| seen.contains(k)) {
            copies.push(d);
        }
        seen.extend(keys);
    }
    copies.sort_unstable();
    Provenance { documents: docs, copies, earliest }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENDS: &[char] = &['.', '!', '?'];

    #[test]
    fn a_sentence_ends_at_a_stop_followed_by_space_not_at_a_decimal_point() {
        let t = "First one. It costs 9.5 million here. Next.";
        let s = t.find("9.5").unwrap_or(0);
        assert_eq!(sentence_key(t, s, s + 3, ENDS), "it costs 9.5 million here");
    }

    #[test]
    fn case_and_spacing_do_not_make_another_sentence() {
        let a = "Intro.\nThe Treaty has   52 articles.";
        let b = "Other lead! the treaty has 52\narticles.\n\nNext";
        let ka = sentence_key(a, a.find("52").unwrap_or(0), a.find("52").unwrap_or(0) + 2, ENDS);
        let kb = sentence_key(b, b.find("52").unwrap_or(0), b.find("52").unwrap_or(0) + 2, ENDS);
        assert_eq!(ka, "the treaty has 52 articles");
        assert_eq!(kb, ka);
        // A blank line ends a sentence that has no full stop (a heading).
        let h = "Treaty: 52 articles\n\nBody text.";
        assert_eq!(sentence_key(h, 8, 10, ENDS), "treaty: 52 articles");
    }
}
