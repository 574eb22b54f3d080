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

/// A hash of a sentence with case and whitespace folded: two documents with the same
/// hash carry the same sentence, however it was wrapped or capitalised.
fn sentence_hash(sentence: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    // Each word's characters, then a zero: what hashing `split_whitespace`'s words gives,
    // in one pass over the characters instead of two.
    let mut in_word = false;
    for ch in sentence.chars() {
        // `char::is_whitespace`, answered for ASCII without its table.
        let space = if ch.is_ascii() { matches!(ch, ' ' | '\t'..='\r') } else { ch.is_whitespace() };
        if space {
            if in_word {
                h.write_u8(0);
            }
            in_word = false;
            continue;
        }
        in_word = true;
        // The same values as `char::to_lowercase`, without its table search for the
        // characters it leaves as they are (every one of the scripts without case).
        if ch.is_ascii() {
            h.write_u32(ch.to_ascii_lowercase() as u32);
        } else if lower_is_itself(ch) {
            h.write_u32(ch as u32);
        } else {
            for l in ch.to_lowercase() {
                h.write_u32(l as u32);
            }
        }
    }
    if in_word {
        h.write_u8(0);
    }
    h.finish()
}

/// True when `c.to_lowercase()` is `c` alone; known for the Basic Multilingual Plane
/// (one bit a code point, 8 KiB, built once), false (ask the tables) beyond it.
fn lower_is_itself(c: char) -> bool {
    const BITS: usize = u64::BITS as usize;
    static TABLE: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let cp = c as usize;
    if cp >= 0x10000 {
        return false;
    }
    let table = TABLE.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / BITS];
        for cp in 0..0x10000u32 {
            if let Some(c) = char::from_u32(cp) {
                let mut lower = c.to_lowercase();
                if lower.next() == Some(c) && lower.next().is_none() {
                    bits[cp as usize / BITS] |= 1 << (cp as usize % BITS);
                }
            }
        }
        bits
    });
    table[cp / BITS] & (1 << (cp % BITS)) != 0
}

/// The sentence hash of each claim that provenance compares, by claim index: a flat
/// array (claims of a group are looked up in claim order, not through a hash map).
struct Hashes {
    hash: Vec<u64>,
    known: Vec<bool>,
}

impl Hashes {
    fn get(&self, i: usize) -> Option<u64> {
        self.known.get(i).copied().unwrap_or(false).then(|| self.hash[i])
    }
}

/// Fills the provenance of every value of every conflict.
pub fn annotate(conflicts: &mut [Conflict], claims: &[Claim], documents: &[DocumentInfo]) {
    use rayon::prelude::*;
    // Claims of one sentence share its key: one hash per sentence that any value stated
    // by two documents or more needs, computed once for all conflicts.
    // Gathered per conflict on the pool, then sorted: every claim of one sentence has
    // the sentence's span, so any claim of it stands for the sentence.
    let mut needed: Vec<((usize, usize), usize)> = conflicts
        .par_iter()
        .flat_map_iter(|conflict| {
            conflict
                .values
                .iter()
                .filter(|group| {
                    let mut docs = group.claims.iter().filter_map(|&i| claims.get(i)).map(|c| c.doc);
                    let first = docs.next();
                    !docs.all(|d| Some(d) == first)
                })
                .flat_map(|group| group.claims.iter().filter_map(|&i| claims.get(i).map(|c| ((c.doc, c.sentence), i))))
        })
        .collect();
    needed.par_sort_unstable();
    needed.dedup();
    // One hash per sentence (the run of its claims), from its first claim's span.
    let per_sentence: Vec<Option<u64>> = needed
        .par_chunk_by(|a, b| a.0 == b.0)
        .map(|run| {
            let c = claims.get(run[0].1)?;
            let text = documents.get(c.doc)?.text.get(c.sentence_span.0..c.sentence_span.1)?;
            Some(sentence_hash(text))
        })
        .collect();
    let mut hashes = Hashes { hash: vec![0; claims.len()], known: vec![false; claims.len()] };
    for (run, h) in needed.chunk_by(|a, b| a.0 == b.0).zip(per_sentence) {
        let Some(h) = h else { continue };
        for &(_, i) in run {
            hashes.hash[i] = h;
            hashes.known[i] = true;
        }
    }
    conflicts.par_iter_mut().for_each(|conflict| {
        for group in conflict.values.iter_mut() {
            group.provenance = of(&group.claims, claims, documents, &hashes);
        }
    });
}

fn of(group: &[usize], claims: &[Claim], documents: &[DocumentInfo], hashes: &Hashes) -> Provenance {
    // The claims of the group by document, in one pass.
    let mut by_doc: Vec<(usize, usize)> = group.iter().filter_map(|&i| claims.get(i).map(|c| (c.doc, i))).collect();
    by_doc.sort_unstable();
    let mut docs: Vec<usize> = by_doc.iter().map(|&(d, _)| d).collect();
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
    let mut seen: rustc_hash::FxHashSet<u64> = rustc_hash::FxHashSet::default();
    let mut copies = Vec::new();
    for &d in &order {
        let from = by_doc.partition_point(|&(x, _)| x < d);
        let to = by_doc.partition_point(|&(x, _)| x <= d);
        let keys: Vec<u64> = by_doc[from..to].iter().filter_map(|&(_, i)| hashes.get(i)).collect();
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

    #[test]
    fn hash_folds_case_as_to_lowercase_does() {
        fn reference(sentence: &str) -> u64 {
            use std::hash::Hasher;
            let mut h = rustc_hash::FxHasher::default();
            for word in sentence.split_whitespace() {
                for ch in word.chars().flat_map(char::to_lowercase) {
                    h.write_u32(ch as u32);
                }
                h.write_u8(0);
            }
            h.finish()
        }
        // Arabic letters and digits are escaped: src/ holds no Arabic script.
        for s in [
            "Some Words",
            "İSTANBUL ΣΟΦΊΑ Straße",
            "ДОГОВОР",
            "\u{645}\u{639} \u{6F5}",
            "条约 𐐀𐐁 Ǆ ǅ",
            "\u{1E9E}ẞ",
            "  lead and trail \t",
            "a\u{0B}b\u{0C}c\rd\u{1C}e",
            "no\u{A0}break\u{3000}ideographic\u{2028}line\u{85}next",
            "",
            " ",
        ] {
            assert_eq!(sentence_hash(s), reference(s), "{s}");
        }
    }

    #[test]
    fn case_and_spacing_do_not_make_another_sentence() {
        assert_eq!(sentence_hash("The Treaty has   52 articles."), sentence_hash("the treaty has 52\narticles."));
        assert_ne!(sentence_hash("The treaty has 52 articles."), sentence_hash("The treaty has 54 articles."));
    }

    #[test]
    fn a_copy_counts_once_and_dates_order_the_original() -> crate::TestResult {
        let said = "The treaty has 52 articles.";
        let r = crate::rules::check_texts(&[
            ("copy.md", &format!("---\ndate: 2020-01-05\n---\n\nA new lead. {said}\n")),
            ("first.md", &format!("---\ndate: 2020-01-02\n---\n\n{said}\n")),
            ("other.md", "The treaty has 54 articles.\n"),
        ])?;
        let c = r.conflicts.first().ok_or("no conflict")?;
        let v = c.values.iter().find(|v| v.value == "52").ok_or("no 52")?;
        assert_eq!(v.provenance.documents, vec![0, 1]);
        assert_eq!(v.provenance.copies, vec![0], "the later document is the copy");
        assert_eq!(v.provenance.independent(), 1);
        assert_eq!(v.provenance.earliest.as_deref(), Some("2020-01-02"));
        Ok(())
    }
}
