//! Extraction: the claim grammar run over a document's tokens.

pub mod grammar;
mod number;
pub mod toks;

use crate::lang::{Pack, is_candidate};
use crate::lex::Tok;
pub use grammar::Mention;
use grammar::{Grammar, parse_literal};
use toks::Toks;

/// Every claim mention in the tokens, left to right, never overlapping.
pub fn mentions(pack: &Pack, toks: &[Tok<'_>]) -> Vec<Mention> {
    let g = Grammar { pack, all: toks, frame: std::cell::Cell::new(None) };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Cheap prefilter: only digits and words the pack knows can start a claim.
        if is_candidate(pack, toks, i)
            && let Ok((_, m)) = g.claim(Toks::new(&toks[i..], i))
            && m.end > i
            && !glued_word_after(toks, m.end)
        {
            i = m.end;
            out.push(m);
            continue;
        }
        // A month name that is no date is still a month: its words are not numbers
        // ("the second month" inside a month's name).
        if let Some((n, ())) = pack.lexicon.find(toks, i, |s| matches!(s, crate::lang::Sense::Month(_)).then_some(())) {
            i += n;
            continue;
        }
        i += 1;
    }
    out
}

/// A claim must not run into a word: "5G", "3D" are names, not numbers.
fn glued_word_after(toks: &[Tok<'_>], end: usize) -> bool {
    toks.get(end).is_some_and(|t| t.is_spaced_word() && !t.space_before)
}

/// Splits a one-word number ("sechsundzwanzig") into pieces, if it is one.
pub fn split_number_word(pieces: &[(String, crate::lang::Sense)], word: &str) -> Option<()> {
    number::split(pieces, word).map(drop)
}

/// Reads a literal with a pack's separators (exposed for tests and other stages).
pub fn literal_value(pack: &Pack, text: &str) -> Option<rust_decimal::Decimal> {
    parse_literal(pack, text).map(|(v, _)| v)
}
