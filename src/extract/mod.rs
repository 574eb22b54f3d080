//! Extraction: the claim grammar run over a document's tokens.

pub mod grammar;
mod number;
pub mod toks;

use crate::lang::{Pack, is_candidate};
use crate::lex::Tok;
pub use grammar::Mention;
use grammar::{Grammar, parse_literal};
pub use number::Pieces;
use toks::Toks;

/// Every claim mention in the tokens, left to right, never overlapping.
pub fn mentions(pack: &Pack, toks: &[Tok<'_>]) -> Vec<Mention> {
    let g = Grammar { pack, all: toks, frame: std::cell::Cell::new(None), glued_mid: std::cell::Cell::new(false) };
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
        if let Some(n) = pack.lexicon.find_kind(toks, i, crate::lang::kinds![Month]) {
            i += n;
            continue;
        }
        i += 1;
    }
    join_bounds(pack, toks, out)
}

/// "more than 100 and less than 300": two one-sided bounds joined by a conjunction (or a
/// comma) are one range, when they bound the same measure and leave room between them
/// (either order).
fn join_bounds(pack: &Pack, toks: &[Tok<'_>], ms: Vec<Mention>) -> Vec<Mention> {
    use crate::value::{Qualifier, Value};
    let lower = |m: &Mention| match (&m.value, m.qualifier) {
        (Value::Number { low: Some(l), high: None, .. }, Qualifier::MoreThan | Qualifier::AtLeast) => Some(*l),
        _ => None,
    };
    let upper = |m: &Mention| match (&m.value, m.qualifier) {
        (Value::Number { low: None, high: Some(h), .. }, Qualifier::LessThan | Qualifier::UpTo) => Some(*h),
        _ => None,
    };
    // "higher than 100, lower than 300": a comma joins them too; where the conjunction is
    // written glued to the next word, the second bound starts with it.
    // In a verb-final language the first bound may end in its verb ("100 से बड़ी है, 300
    // से कम"): one stop word before the joint.
    let joined_by_conjunction = |a: &Mention, b: &Mention| {
        let glued = b.first == a.end
            && toks.get(a.end).is_some_and(|t| {
                pack.glued_conjunctions.iter().any(|c| t.key.len() > c.len() && t.key.starts_with(c.as_str()))
            });
        let is = |at: usize, kinds: crate::lang::Kinds| pack.lexicon.find_kind(toks, at, kinds) == Some(1);
        let joint_at = |joint: usize| {
            b.first == joint + 1
                && (toks.get(joint).is_some_and(|t| t.kind == crate::lex::Kind::Sign && is_comma(t.text))
                    || is(joint, crate::lang::kinds![Conjunction]))
        };
        glued || joint_at(a.end) || (pack.sov && is(a.end, crate::lang::kinds![Stop]) && joint_at(a.end + 1))
    };
    let mut out: Vec<Mention> = Vec::with_capacity(ms.len());
    let mut it = ms.into_iter().peekable();
    while let Some(a) = it.next() {
        if let Some(b) = it.peek()
            && joined_by_conjunction(&a, b)
            && (a.measure == b.measure || a.measure.is_none() || b.measure.is_none())
        {
            let bounds = match (lower(&a), upper(b), upper(&a), lower(b)) {
                (Some(lo), Some(hi), _, _) | (_, _, Some(hi), Some(lo)) if lo < hi => Some((lo, hi)),
                _ => None,
            };
            if let (Some((lo, hi)), Value::Number { precision, .. }) = (bounds, &a.value) {
                let merged = Mention {
                    first: a.first,
                    end: b.end,
                    value: Value::Number { low: Some(lo), high: Some(hi), precision: *precision },
                    qualifier: Qualifier::Range,
                    measure: a.measure.clone().or_else(|| b.measure.clone()),
                    bytes: (a.bytes.0, b.bytes.1),
                };
                it.next();
                out.push(merged);
                continue;
            }
        }
        out.push(a);
    }
    out
}

/// A comma of any script: Latin, Arabic (U+060C), fullwidth.
fn is_comma(text: &str) -> bool {
    matches!(text, "," | "\u{60C}" | "\u{FF0C}")
}

/// A claim must not run into a word: "5G", "3D" are names, not numbers.
fn glued_word_after(toks: &[Tok<'_>], end: usize) -> bool {
    toks.get(end).is_some_and(|t| t.is_spaced_word() && !t.space_before)
}

/// Splits a one-word number ("sechsundzwanzig") into pieces, if it is one.
pub fn split_number_word(pieces: &Pieces, word: &str) -> Option<()> {
    number::split(pieces, word).map(drop)
}

/// Reads a literal with a pack's separators (exposed for tests and other stages).
pub fn literal_value(pack: &Pack, text: &str) -> Option<rust_decimal::Decimal> {
    parse_literal(pack, text).map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use crate::value::Qualifier;

    /// The claims of `text` in language `lang`: (value as displayed, qualifier).
    fn claims(lang: &str, text: &str) -> Result<Vec<(String, Qualifier)>, Box<dyn std::error::Error>> {
        Ok(crate::claims_in(lang, text)?.iter().map(|c| (c.value.display(), c.qualifier)).collect())
    }

    fn values(lang: &str, text: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        Ok(claims(lang, text)?.into_iter().map(|(v, _)| v).collect())
    }

    #[test]
    fn stated_equalities_are_marked() -> crate::TestResult {
        let stated = |v: &str| vec![(v.to_string(), Qualifier::Stated)];
        assert_eq!(claims("en", "The number equals 2097.")?, stated("2097"));
        assert_eq!(claims("en", "x is equal to one hundred and seventy.")?, stated("170"));
        assert_eq!(claims("hi", "संख्या 2097 के बराबर है।")?, stated("2097"));
        // An equality and a bound joined by "or" are two claims.
        let both = claims("en", "His score is equal to 2097 or less than 2099")?;
        assert_eq!(both, vec![("2097".to_string(), Qualifier::Stated), ("≤2099".to_string(), Qualifier::LessThan)]);
        // A bound after the number says more than the equality before it.
        assert_eq!(claims("en", "His score is equal to 2097 or less")?, vec![("≤2097".to_string(), Qualifier::UpTo)]);
        Ok(())
    }

    #[test]
    fn a_sign_the_lexer_splits_off_groups_digits_where_the_pack_lists_it() -> crate::TestResult {
        // Arabic lists its comma (U+060C) as a group sign, glued and before three digits;
        // a comma after it is then the point.
        assert_eq!(values("ar", "5\u{60C}000")?, ["5000"]);
        assert_eq!(values("ar", "1\u{60C}234\u{60C}567")?, ["1234567"]);
        assert_eq!(values("ar", "12\u{60C}220,13")?, ["12220.13"]);
        // A list, two years, a spaced comma: apart.
        assert_eq!(values("ar", "1\u{60C}2\u{60C}3")?, ["1", "2", "3"]);
        assert_eq!(values("ar", "1999\u{60C}2000")?, ["1999", "2000"]);
        assert_eq!(values("ar", "7\u{60C} 250")?, ["7", "250"]);
        // Past the 28 digits of a decimal a chain of groups is no number, nor any tail of it.
        let chain = ["100"; 12].join("\u{60C}");
        assert_eq!(values("ar", &chain)?, vec!["100"; 12]);
        let nine = format!("1\u{60C}{}", ["000"; 9].join("\u{60C}"));
        assert_eq!(values("ar", &nine)?, [format!("1{}", "000".repeat(9))]);
        // English does not group with it.
        assert_eq!(values("en", "7\u{60C}250")?, ["7", "250"]);
        Ok(())
    }

    #[test]
    fn space_groups_join_once_and_a_long_list_stays_a_list() -> crate::TestResult {
        assert_eq!(values("en", "It has 12 000 staff.")?, ["12000"]);
        // A number before the head is no group of it.
        assert_eq!(values("en", "On day 5 12 000 staff came.")?, ["5", "12000"]);
        // Past a decimal's digits a spaced chain is a list, read one number each (it was
        // one claim for the whole line, and quadratic in its length).
        let list = ["250"; 40].join(" ");
        assert_eq!(values("en", &format!("Scores: {list}."))?, vec!["250"; 40]);
        Ok(())
    }

    #[test]
    fn a_comma_of_any_script_joins_two_bounds() -> crate::TestResult {
        for comma in [",", "\u{60C}", "\u{FF0C}"] {
            let text = format!("more than 2096{comma} less than 2099 tons");
            assert_eq!(values("en", &text)?, vec!["2096–2099".to_string()], "{text}");
        }
        assert!(!super::is_comma(";"));
        Ok(())
    }
}
