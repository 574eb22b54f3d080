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
    /// Whitespace stands between this token and the one before.
    pub space_before: bool,
    /// A line break stands between this token and the one before.
    pub newline_before: bool,
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c) || c == '\u{200C}' || c == '\u{200D}'
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
    take_while1(is_word_char)(i)
}

fn url(i: &str) -> IResult<&str, &str> {
    recognize(pair(alt((tag("https://"), tag("http://"), tag("www."))), take_while(|c: char| !c.is_whitespace())))
        .parse(i)
}

fn sign(i: &str) -> IResult<&str, &str> {
    recognize(verify(anychar, |c: &char| !c.is_whitespace())).parse(i)
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_uppercase) { Cow::Owned(s.to_lowercase()) } else { Cow::Borrowed(s) }
}

/// Cuts `text` into tokens. Never fails: every non-space character ends up in a token.
pub fn lex(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut rest = text;
    let mut space = false;
    let mut newline = false;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            space = true;
            newline |= c == '\n' || c == '\r' || c == '\u{2029}';
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let start = text.len() - rest.len();
        let (kind, len) = if let Ok((_, u)) = url(rest) {
            (Kind::Url, u.len())
        } else if let Ok((_, n)) = num_lit(rest) {
            (Kind::Num, trim_trailing_sep(n).len())
        } else if let Ok((_, w)) = word(rest) {
            (Kind::Word, w.len())
        } else if let Ok((_, s)) = sign(rest) {
            (Kind::Sign, s.len())
        } else {
            (Kind::Sign, c.len_utf8())
        };
        let t = &rest[..len];
        toks.push(Tok {
            kind,
            start,
            end: start + len,
            text: t,
            key: lower(t),
            space_before: space,
            newline_before: newline,
        });
        space = false;
        newline = false;
        rest = &rest[len..];
    }
    toks
}

/// `num_lit` never ends in a separator, but keep the guarantee explicit.
fn trim_trailing_sep(n: &str) -> &str {
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
    fn newlines_are_recorded() {
        let t = lex("a\nb c");
        assert!(t[1].newline_before);
        assert!(!t[2].newline_before && t[2].space_before);
    }
}
