//! The lexer: a nom grammar that cuts normalized text into number literals, words and signs.
//!
//! Tokens borrow the text and carry byte offsets; whitespace is not a token but is recorded
//! on the token that follows it. URLs are one token of their own so that the digits inside
//! them are never read as claims.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while, take_while1},
    character::complete::{anychar, satisfy},
    combinator::{recognize, verify},
    multi::many0_count,
    sequence::pair,
};
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A digit run with its inner separators: `12,345`, `12.5`.
    Num,
    Word,
    Sign,
    Url,
}

#[derive(Debug, Clone)]
pub struct Tok<'a> {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// The matching key: lower-cased text.
    pub key: Cow<'a, str>,
    /// The key's id in the document's language pack, [`NO_ID`] when no phrase uses it.
    pub id: u32,
    /// Whitespace stands between this token and the one before.
    pub space_before: bool,
    /// A line break stands between this token and the one before.
    pub newline_before: bool,
}

/// Scripts written without spaces between words: every character is a token of its own,
/// and packs spell their phrases character by character.
pub fn is_continuous_script(c: char) -> bool {
    // Below Thai no script is continuous: most letters of any text end here.
    if (c as u32) < 0x0E00 {
        return false;
    }
    matches!(c as u32,
        0x0E00..=0x0EFF        // Thai, Lao
        | 0x1000..=0x109F      // Myanmar
        | 0x1780..=0x17FF      // Khmer
        | 0x1100..=0x11FF      // Hangul jamo
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF      // Han extension A
        | 0x4E00..=0x9FFF      // Han
        | 0xAC00..=0xD7AF      // Hangul syllables
        | 0xF900..=0xFAFF      // Han compatibility
        | 0x31F0..=0x31FF      // Katakana extension
        | 0xFF66..=0xFF9F) // half-width Katakana
}

impl Tok<'_> {
    /// A word of a space-separated script: digits glued to it are part of a name (G7, 5G).
    pub fn is_spaced_word(&self) -> bool {
        self.kind == Kind::Word && !self.text.chars().next().is_some_and(is_continuous_script)
    }
}

/// The id of a token no pack phrase uses.
pub const NO_ID: u32 = u32::MAX;

fn word_char_slow(c: char) -> bool {
    c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c) || c == '\u{200C}' || c == '\u{200D}'
}

/// Bits in one word of the table below.
const WORD: u32 = u64::BITS;

/// `word_char_slow` for the Basic Multilingual Plane, one bit a code point (8 KiB),
/// built once: the Unicode tables are searched per character otherwise.
fn bmp_word_chars() -> &'static [u64] {
    static TABLE: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / WORD as usize];
        for cp in 0..0x10000u32 {
            if let Some(c) = char::from_u32(cp)
                && word_char_slow(c)
            {
                bits[(cp / WORD) as usize] |= 1 << (cp % WORD);
            }
        }
        bits
    })
}

pub fn is_word_char(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        return c.is_ascii_alphabetic();
    }
    if cp < 0x10000 {
        return bmp_word_chars()[(cp / WORD) as usize] & (1 << (cp % WORD)) != 0;
    }
    word_char_slow(c)
}

/// Separators that may stand inside a number literal: the pack decides what they mean.
fn is_num_sep(c: char) -> bool {
    matches!(c, ',' | '.' | '\'' | '\u{2019}' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

fn num_lit(i: &str) -> IResult<&str, &str> {
    let digits = |i| take_while1(|c: char| c.is_ascii_digit())(i);
    recognize(pair(digits, many0_count(pair(satisfy(is_num_sep), digits)))).parse(i)
}

fn word(i: &str) -> IResult<&str, &str> {
    take_while1(|c| is_word_char(c) && !is_continuous_script(c))(i)
}

/// One character of a continuous script with the marks that belong to it.
fn grapheme(i: &str) -> IResult<&str, &str> {
    recognize(pair(
        satisfy(is_continuous_script),
        take_while(|c: char| unicode_normalization::char::is_combining_mark(c) && !is_continuous_script(c)),
    ))
    .parse(i)
}

fn url(i: &str) -> IResult<&str, &str> {
    recognize(pair(alt((tag("https://"), tag("http://"), tag("www."))), take_while(|c: char| !c.is_whitespace())))
        .parse(i)
}

fn sign(i: &str) -> IResult<&str, &str> {
    recognize(verify(anychar, |c: &char| !c.is_whitespace())).parse(i)
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        // The same as below for ASCII, without the Unicode tables.
        return if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        };
    }
    if s.chars().any(|c| !caseless(c) && c.is_uppercase()) { Cow::Owned(s.to_lowercase()) } else { Cow::Borrowed(s) }
}

/// Blocks of scripts without case (Hebrew to Sinhala, Thai to Tibetan, kana and Han,
/// Hangul syllables): no letter in them is upper-case, so the Unicode table need not be
/// searched for their characters (tested below).
fn caseless(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x0DFF | 0x0E00..=0x0FFF | 0x3040..=0x9FFF | 0xAC00..=0xD7AF)
}

/// Cuts `text` into tokens. Never fails: every non-space character ends up in a token.
///
/// The nom parsers above say what each token is; the loop reads ASCII bytes without
/// decoding them (most of any text, whatever its script, is spaces, digits and signs)
/// and hands the parsers only what starts with another character.
pub fn lex(text: &str) -> Vec<Tok<'_>> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut at = 0;
    let mut space = false;
    let mut newline = false;
    while let Some(&b) = bytes.get(at) {
        let rest = &text[at..];
        let (kind, len) = if b.is_ascii() {
            match b {
                b' ' | b'\t' | b'\x0B' | b'\x0C' => {
                    space = true;
                    at += 1;
                    continue;
                }
                b'\n' | b'\r' => {
                    space = true;
                    newline = true;
                    at += 1;
                    continue;
                }
                b'0'..=b'9' => match num_lit(rest) {
                    Ok((_, n)) => (Kind::Num, trim_trailing_sep(n).len()),
                    Err(_) => (Kind::Sign, 1),
                },
                // Only `h` and `w` can start a URL.
                b'h' | b'w'
                    if rest.starts_with("https://") || rest.starts_with("http://") || rest.starts_with("www.") =>
                {
                    match url(rest) {
                        Ok((_, u)) => (Kind::Url, u.len()),
                        Err(_) => (Kind::Sign, 1),
                    }
                }
                b'a'..=b'z' | b'A'..=b'Z' => (Kind::Word, word_len(rest)),
                _ => (Kind::Sign, 1),
            }
        } else {
            let Some(c) = rest.chars().next() else { break };
            if c.is_whitespace() {
                space = true;
                newline |= c == '\u{2029}';
                at += c.len_utf8();
                continue;
            }
            if let Ok((_, w)) = word(rest) {
                (Kind::Word, w.len())
            } else if let Ok((_, g)) = grapheme(rest) {
                (Kind::Word, g.len())
            } else if let Ok((_, s)) = sign(rest) {
                (Kind::Sign, s.len())
            } else {
                (Kind::Sign, c.len_utf8())
            }
        };
        let t = &rest[..len];
        toks.push(Tok {
            kind,
            start: at,
            end: at + len,
            text: t,
            key: lower(t),
            id: NO_ID,
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
        at += len;
    }
    toks
}

/// The length of the word at the start of `s`, which starts with an ASCII letter: ASCII
/// letters are read as bytes, any other character as [`word`] reads it.
fn word_len(s: &str) -> usize {
    let ascii = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    match s.as_bytes().get(ascii) {
        Some(b) if !b.is_ascii() => ascii + word(&s[ascii..]).map_or(0, |(_, w)| w.len()),
        _ => ascii,
    }
}

/// `num_lit` never ends in a separator, but keep the guarantee explicit.
fn trim_trailing_sep(n: &str) -> &str {
    if n.as_bytes().last().is_some_and(u8::is_ascii_digit) {
        return n;
    }
    n.trim_end_matches(is_num_sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(Kind, &str)> {
        lex(s).into_iter().map(|t| (t.kind, t.text)).collect()
    }

    #[test]
    fn numbers_keep_inner_separators() {
        assert_eq!(
            kinds("12,345 and 12.5, then 7."),
            vec![
                (Kind::Num, "12,345"),
                (Kind::Word, "and"),
                (Kind::Num, "12.5"),
                (Kind::Sign, ","),
                (Kind::Word, "then"),
                (Kind::Num, "7"),
                (Kind::Sign, "."),
            ]
        );
    }

    #[test]
    fn glued_suffixes_and_urls() {
        let t = lex("21st see https://x.org/a-2019.htm now");
        assert_eq!(t[0].text, "21");
        assert_eq!(t[1].text, "st");
        assert!(!t[1].space_before);
        assert_eq!(t[3].kind, Kind::Url);
        assert_eq!(t[4].text, "now");
    }

    #[test]
    fn continuous_scripts_are_cut_per_character() {
        assert_eq!(
            kinds("三十二个"),
            vec![(Kind::Word, "三"), (Kind::Word, "十"), (Kind::Word, "二"), (Kind::Word, "个")]
        );
        let t = lex("12か国");
        assert_eq!((t[0].kind, t[1].text, t[1].space_before), (Kind::Num, "か", false));
    }

    #[test]
    fn caseless_blocks_have_no_upper_case() {
        for cp in (0x0590..=0x0FFF).chain(0x3040..=0x9FFF).chain(0xAC00..=0xD7AF) {
            let Some(c) = char::from_u32(cp) else { continue };
            assert!(caseless(c) && !c.is_uppercase(), "{cp:x}");
        }
        assert!(!caseless('A') && !caseless('\u{10A0}') && !caseless('\u{13A0}'));
    }

    #[test]
    fn ascii_and_other_letters_make_one_word() {
        // A word may start in ASCII and go on in another alphabet, or the other way round;
        // "h" and "w" start a URL only when one follows.
        assert_eq!(
            kinds("caf\u{e9}s \u{e9}t\u{e9} Mos\u{301}cow why www.x.org/a1 http"),
            vec![
                (Kind::Word, "caf\u{e9}s"),
                (Kind::Word, "\u{e9}t\u{e9}"),
                (Kind::Word, "Mos\u{301}cow"),
                (Kind::Word, "why"),
                (Kind::Url, "www.x.org/a1"),
                (Kind::Word, "http"),
            ]
        );
        // Other spaces separate tokens; a paragraph separator is a line break.
        let t = lex("a\u{a0}b\u{2029}c\u{b}d");
        assert_eq!(t.iter().map(|t| t.text).collect::<Vec<_>>(), ["a", "b", "c", "d"]);
        assert!(t[1].space_before && !t[1].newline_before && t[2].newline_before && !t[3].newline_before);
    }

    #[test]
    fn newlines_are_recorded() {
        let t = lex("a\nb c");
        assert!(t[1].newline_before);
        assert!(!t[2].newline_before && t[2].space_before);
    }
}
