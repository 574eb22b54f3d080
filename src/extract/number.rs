//! Numbers: digits with the pack's separators and scale words, and number words composed
//! by a small generic arithmetic (units add, multipliers scale the last word, scales close
//! a group, fractions divide). Every construction here is named in the pack.

use super::grammar::{Grammar, Num, Res, fail, parse_literal};
use super::toks::Toks;
use crate::lang::{Sense, kinds};
use crate::lex::{Kind, Tok};
use nom::branch::alt;
use nom::combinator::opt;
use nom::error::{Error, ErrorKind};
use nom::{Input, Parser};
use rust_decimal::Decimal;

pub(super) fn too_large<'s, 'a>(i: Toks<'s, 'a>) -> nom::Err<Error<Toks<'s, 'a>>> {
    nom::Err::Error(Error::new(i, ErrorKind::TooLarge))
}

/// One piece of a spelled-out number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Atom {
    Num(Decimal),
    Mul(Decimal),
    Scale(Decimal),
    Frac(Decimal),
    Join,
    /// A conjunction ending a multiplier phrase ("hundred and"): a fraction after it is
    /// the fraction part of the number ("one hundred and three quarters" is 100.75).
    Conj,
}

/// Digit groups after the head that a decimal (28 digits) can hold.
const MAX_GROUPS: usize = 9;

/// The kinds [`atom`] reads.
const ATOMS: crate::lang::Kinds = kinds![Number, Multiplier, Scale, Fraction, Joiner];

fn atom(s: &Sense) -> Option<Atom> {
    Some(match s {
        Sense::Number(n) => Atom::Num(*n),
        Sense::Multiplier(m) => Atom::Mul(*m),
        Sense::Scale(d) => Atom::Scale(*d),
        Sense::Fraction(d) => Atom::Frac(*d),
        Sense::Joiner => Atom::Join,
        _ => return None,
    })
}

/// Folds atoms into a value: (value, precision of the largest scale used).
fn fold(atoms: &[Atom]) -> Option<(Decimal, Decimal)> {
    let (mut total, mut group, mut last) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut have_group = false;
    let mut scaled = Decimal::ZERO;
    let mut prev_scale: Option<Decimal> = None;
    // The multiplier that made the last term ("百" in 三百): a smaller one after it starts
    // a new term (三百十二 = 300 + 10 + 2), a larger one multiplies the term.
    let mut last_mul: Option<Decimal> = None;
    // The scale that closed the group before the current one: "two million and a half"
    // ends in a fraction of that scale.
    let mut after_scale: Option<Decimal> = None;
    // Number words added side by side since the group began ("twenty-five"): a multiplier
    // after two or more of them scales them all ("twenty-five hundred" is 2500).
    let mut added = 0usize;
    // The value before a conjunction that ended a multiplier phrase ("one hundred and").
    let mut conj: Option<Decimal> = None;
    for a in atoms {
        match *a {
            Atom::Num(n) => {
                if !have_group && prev_scale.is_none() {
                    after_scale = None;
                }
                added = if have_group && last_mul.is_none() { added + 1 } else { 1 };
                group += n;
                last = n;
                have_group = true;
                prev_scale = None;
                last_mul = None;
            }
            Atom::Mul(m) => {
                // Positional multipliers (powers of ten) only; "two hundred dozens" multiplies.
                let positional = m.to_string().trim_start_matches('1').chars().all(|c| c == '0');
                if have_group && positional && last_mul.is_some_and(|p| m < p) {
                    group += m;
                    last = m;
                } else if have_group && positional && added >= 2 && group < m {
                    group = group.checked_mul(m)?;
                    last = group;
                } else if have_group {
                    group = group - last + last.checked_mul(m)?;
                    last = last.checked_mul(m)?;
                } else {
                    group = m;
                    last = m;
                    have_group = true;
                }
                prev_scale = None;
                last_mul = Some(m);
                added = 0;
            }
            Atom::Scale(s) => {
                match (have_group, prev_scale) {
                    // "thousand million", "万亿": a scale right after a scale multiplies.
                    (false, Some(p)) if s > p => total = total.checked_mul(s)?,
                    _ => {
                        let g = if have_group { group } else { Decimal::ONE };
                        total = total.checked_add(g.checked_mul(s)?)?;
                    }
                }
                scaled = scaled.max(s);
                after_scale = Some(s);
                conj = None;
                added = 0;
                group = Decimal::ZERO;
                last = Decimal::ZERO;
                have_group = false;
                prev_scale = Some(s);
                last_mul = None;
            }
            Atom::Frac(d) => {
                if d.is_zero() {
                    return None;
                }
                added = 0;
                // "two hundred and fifty-four hundredths": a proper fraction after the
                // conjunction is the fraction part, what comes before it the whole part
                // ("one hundred and thirty fifths" is 130/5).
                if let Some(whole) = conj.take()
                    && have_group
                    && total + group > whole
                    && total + group - whole < d
                {
                    group = (total + group - whole).checked_div(d)?;
                    total = whole;
                    after_scale = None;
                    last = Decimal::ZERO;
                    continue;
                }
                // The fraction word divides all that comes before it ("twenty-three fifths"
                // is 23/5, "a hundred thousand trillionths" 100000/10^12), except a group
                // after a scale, which is a fraction of that scale ("two million and one half").
                if have_group && after_scale.is_some() {
                    group = group.checked_div(d)?;
                } else {
                    let numerator = if have_group || !total.is_zero() { total + group } else { Decimal::ONE };
                    total = Decimal::ZERO;
                    group = numerator.checked_div(d)?;
                    after_scale = None;
                }
                last = Decimal::ZERO;
                have_group = true;
            }
            Atom::Join => {}
            Atom::Conj => conj = Some(total + group),
        }
    }
    if let Some(s) = after_scale
        && have_group
        && group > Decimal::ZERO
        && group < Decimal::ONE
    {
        return Some((total.checked_add(group.checked_mul(s)?)?, scaled));
    }
    Some((total + group, scaled))
}

impl<'p, 's, 'a> Grammar<'p, 's, 'a> {
    /// Scale and multiplier words after digits, multiplied together (1 when none).
    /// Suffix letters (100k, 3M) count only when written right after the digits.
    pub(super) fn scales(&self, mut i: Toks<'s, 'a>) -> Res<'s, 'a, Decimal> {
        let mut product = Decimal::ONE;
        let mut first = true;
        loop {
            let glued = first && i.first().is_some_and(|t| !t.space_before);
            // "5G", "4G": a spaced-suffix letter glued to one digit names a generation (of
            // networks), not a thousand million.
            let one_digit = glued
                && i.base.checked_sub(1).and_then(|b| self.all.get(b)).is_some_and(|t| {
                    t.kind == Kind::Num && t.text.len() == 1 && t.text.bytes().all(|b| b.is_ascii_digit())
                });
            let cased = i.first().filter(|t| first && !t.newline_before).and_then(|t| {
                let glued_table = if glued { self.pack.cased_suffixes.as_slice() } else { &[] };
                let spaced_table = if one_digit { &[] } else { self.pack.spaced_suffixes.as_slice() };
                glued_table.iter().chain(spaced_table).find(|(w, _)| w == t.text).map(|(_, d)| (i.take_from(1), *d))
            });
            let found = match cased {
                Some(found) => Ok(found),
                None => self.next_sense(i, kinds![Scale, Multiplier, GluedScale], |s| match s {
                    Sense::Scale(d) | Sense::Multiplier(d) => Some(*d),
                    Sense::GluedScale(d) if glued => Some(*d),
                    _ => None,
                }),
            };
            let Ok((mut rest, s)) = found else { break };
            // "between 2 million and 3 million": a scale phrase that ends in the frame's
            // middle word ("million and") leaves that word to the frame.
            if let Some(back) = self.before_frame_mid(i, rest) {
                rest = back;
            }
            product = product.checked_mul(s).ok_or_else(|| too_large(i))?;
            i = rest;
            first = false;
        }
        Ok((i, product))
    }

    /// When a phrase of several tokens read from `from` up to `rest` ends in the middle
    /// word of the frame being read ("million and" of "between 2 million and 3 million"),
    /// the input at that word, which is left to the frame.
    fn before_frame_mid(&self, from: Toks<'s, 'a>, rest: Toks<'s, 'a>) -> Option<Toks<'s, 'a>> {
        let f = self.frame.get()?;
        let b = rest.base.checked_sub(1).filter(|b| *b > from.base)?;
        let at = Toks::new(self.all.get(b..)?, b);
        self.is_frame_mid(at, Some(f)).then_some(at)
    }

    /// True when a currency code or sign ends right before the input ("USD3", "Rp2,5").
    fn after_currency(&self, i: Toks<'s, 'a>) -> bool {
        (1..=3).any(|k| {
            i.base
                .checked_sub(k)
                .is_some_and(|at| self.pack.lexicon.find_kind(self.all, at, kinds![Currency]) == Some(k))
        })
    }

    /// "-" right before the digits, or a word such as "minus".
    fn negative(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, ()> {
        if let Ok(r) = self.word(i, kinds![Negative]) {
            return Ok(r);
        }
        // "-.0012": the sign before a leading decimal point.
        let point_after = |n: &crate::lex::Tok<'_>| {
            n.kind == Kind::Sign
                && !n.space_before
                && n.text.chars().next().is_some_and(|c| self.pack.decimal.contains(&c))
                && i.get(2).is_some_and(|d| d.kind == Kind::Num && !d.space_before)
        };
        match (i.first(), i.get(1)) {
            (Some(m), Some(n)) if m.kind == Kind::Sign && m.text == "-" && (n.kind == Kind::Num || point_after(n)) => {
                let before = i.base.checked_sub(1).and_then(|b| self.all.get(b));
                // "- 1,200,000": a sign set apart from its digits only where no dash
                // between clauses or numbers can be meant, at the start of the text or
                // after an opening bracket or "=".
                if n.space_before
                    && before.is_some_and(|p| !(p.kind == Kind::Sign && matches!(p.text, "(" | "[" | "=")))
                {
                    return fail(i);
                }
                // Not a range dash: nothing number-like right before it.
                if before.is_some_and(|p| (p.kind == Kind::Num || p.kind == Kind::Word) && !m.space_before) {
                    return fail(i);
                }
                if before.is_some_and(|p| p.kind == Kind::Num) {
                    return fail(i);
                }
                Ok((i.take_from(1), ()))
            }
            _ => fail(i),
        }
    }

    /// ".77": a decimal point glued before the digits.
    fn leading_point(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, (Decimal, u32)> {
        match (i.first(), i.get(1)) {
            (Some(p), Some(n))
                if p.kind == Kind::Sign
                    && p.text.chars().next().is_some_and(|c| self.pack.decimal.contains(&c))
                    && n.kind == Kind::Num
                    && !n.space_before
                    && n.text.bytes().all(|b| b.is_ascii_digit())
                    && !i
                        .base
                        .checked_sub(1)
                        .and_then(|b| self.all.get(b))
                        .is_some_and(|t| !p.space_before && t.kind != Kind::Sign) =>
            {
                let s = format!("0.{}", n.text);
                match s.parse::<Decimal>() {
                    Ok(v) => Ok((i.take_from(2), (v, n.text.len() as u32))),
                    Err(_) => fail(i),
                }
            }
            _ => fail(i),
        }
    }

    /// "point 77": the pack's word for the point before digits, at the start of the text or
    /// after a sign that ends no sentence, and with the clause ending after the digits
    /// ("at one point 200 people" is no 0.2).
    fn spoken_leading_point(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, (Decimal, u32)> {
        let opens = match i.base.checked_sub(1) {
            None => true,
            Some(b) => {
                self.all.get(b).is_some_and(|p| p.kind == Kind::Sign)
                    && self.pack.lexicon.find_kind(self.all, b, kinds![SentenceEnd]).is_none()
            }
        };
        if !opens || !i.get(1).is_some_and(|t| t.kind == Kind::Num) {
            return fail(i);
        }
        let (rest, frac, n) = self.point_digits(i, false)?;
        if !self.clause_ends(rest) {
            return fail(i);
        }
        Ok((rest, (frac, n)))
    }

    /// The tokens of a literal and the digit groups joined to it where the pack writes them
    /// so: after a plain space ("12 000", `space_groups`), or glued to a group sign that the
    /// lexer keeps out of literals (the Arabic comma U+060C, a list comma elsewhere, where
    /// the pack lists it in `group`). None when nothing joins. Only what can group is
    /// scanned: a head of one to three digits, then groups of three (with a sign, the last
    /// may carry the point), no more than a decimal holds, and never from inside a longer
    /// chain, so a long list of numbers costs no more than its length.
    fn joined_groups(&self, i: Toks<'s, 'a>) -> Option<usize> {
        let glued = |t: &Tok<'_>| !t.space_before && !t.newline_before;
        let spaced = |t: &Tok<'_>| t.space_before && !t.newline_before;
        let digits = |t: &Tok<'_>| t.text.bytes().take_while(u8::is_ascii_digit).count();
        let plain = |t: &Tok<'_>| t.kind == Kind::Num && (1..=3).contains(&t.text.len()) && digits(t) == t.text.len();
        let sign = |t: &Tok<'_>| {
            let mut chars = t.text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => t.kind == Kind::Sign && glued(t) && self.pack.group.contains(&c),
                _ => false,
            }
        };
        let head = i.first().filter(|t| plain(t))?;
        let by_sign = i.get(1).is_some_and(sign);
        if !by_sign && !self.pack.space_groups {
            return None;
        }
        // Where the group after token `k - 1` starts, and whether it ends the number.
        let group = |k: usize| -> Option<(usize, bool)> {
            if by_sign {
                let g = i.get(k + 1).filter(|g| i.get(k).is_some_and(sign) && g.kind == Kind::Num && glued(g))?;
                (digits(g) == 3).then_some((k + 2, g.text.len() > 3))
            } else {
                i.get(k).filter(|g| spaced(g) && plain(g) && g.text.len() == 3).map(|_| (k + 1, false))
            }
        };
        // A group of a chain that starts before it joins nothing itself.
        let prev = i.base.checked_sub(1).and_then(|b| self.all.get(b));
        let inside = head.text.len() == 3
            && if by_sign { glued(head) && prev.is_some_and(sign) } else { spaced(head) && prev.is_some_and(plain) };
        if inside {
            return None;
        }
        let (mut k, mut groups) = (1, 0);
        while groups <= MAX_GROUPS
            && let Some((next, last)) = group(k)
        {
            (k, groups) = (next, groups + 1);
            if last {
                break;
            }
        }
        // Past a decimal's digits it is no number.
        (1..=MAX_GROUPS).contains(&groups).then_some(k)
    }

    /// A literal, with the digit groups the pack joins to it ([`Self::joined_groups`]).
    fn grouped_literal(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, (Decimal, u32, bool)> {
        if let Some(k) = self.joined_groups(i) {
            let text: String = (0..k).filter_map(|j| i.get(j)).map(|t| t.text).collect();
            if let Some((v, d)) = parse_literal(self.pack, &text) {
                return Ok((i.take_from(k), (v, d, false)));
            }
        }
        self.literal(i)
    }

    /// Scientific and power notation glued to a literal: "1e10", "12.32e+14", "6.23x10^-4",
    /// "1.1^23". Returns the base the exponent applies to (10, or the literal itself) and
    /// the exponent. Notation, not language: the same in every pack.
    fn exponent(&self, i: Toks<'s, 'a>) -> Result<(Toks<'s, 'a>, Option<Decimal>, i64), nom::Err<Error<Toks<'s, 'a>>>> {
        let glued = |k: usize| i.get(k).is_some_and(|t| !t.space_before && !t.newline_before);
        let digits = |t: &str| !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit());
        // Signs before the exponent's digits: "^-1", "e+14", "^--23" (two minus signs cancel).
        let signed = |mut k: usize| -> Option<(usize, i64)> {
            let mut negative = false;
            while let Some(t) = i.get(k).filter(|t| t.kind == Kind::Sign && (t.text == "-" || t.text == "+")) {
                if !glued(k) || k > 8 {
                    return None;
                }
                negative ^= t.text == "-";
                k += 1;
            }
            let t = i.get(k).filter(|t| t.kind == Kind::Num && digits(t.text) && glued(k))?;
            let e: i64 = t.text.parse().ok()?;
            Some((k + 1, if negative { -e } else { e }))
        };
        let t0 = i.first().filter(|_| glued(0)).ok_or_else(|| too_large(i))?;
        let found = match (t0.kind, t0.key.as_ref()) {
            // "1e10", "12.32e+14": the lexer reads the marker as a word of its own.
            (Kind::Word, "e") => signed(1).map(|(n, e)| (n, None, e)),
            // "x10^6": times ten to the power.
            (Kind::Word, "x" | "×")
                if i.get(1).is_some_and(|t| t.text == "10")
                    && i.get(2).is_some_and(|t| t.text == "^")
                    && glued(1)
                    && glued(2) =>
            {
                signed(3).map(|(n, e)| (n, None, e))
            }
            (Kind::Sign, "^") => signed(1).map(|(n, e)| (n, Some(Decimal::ZERO), e)),
            _ => None,
        };
        match found {
            Some((n, base, e)) => Ok((i.take_from(n), base, e)),
            None => Err(too_large(i)),
        }
    }

    /// "3/4", "2 1/4": a fraction of small integers, not a date.
    fn slash_fraction(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Decimal> {
        let int = |t: Option<&crate::lex::Tok<'_>>| -> Option<Decimal> {
            let t = t?;
            (t.kind == Kind::Num && t.text.len() <= 3 && t.text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.text.parse::<Decimal>().ok())
                .flatten()
        };
        let (n, slash, den) = (int(i.first()), i.get(1), int(i.get(2)));
        match (n, slash, den) {
            (Some(n), Some(s), Some(d))
                if s.kind == Kind::Sign
                    && s.text == "/"
                    && !s.space_before
                    && !i.get(2).is_some_and(|t| t.space_before)
                    && !d.is_zero() =>
            {
                // 3/4/2019 is a date.
                if i.get(3).is_some_and(|t| t.kind == Kind::Sign && t.text == "/" && !t.space_before) {
                    return fail(i);
                }
                // Where "/" is the decimal separator (Persian 2/5 = 2.5), it is no fraction.
                if self.pack.decimal.contains(&'/') {
                    let digits = i.get(2).map_or(0, |t| t.text.len() as u32);
                    return Ok((i.take_from(3), n + d / Decimal::from(10u64.pow(digits.min(18)))));
                }
                Ok((i.take_from(3), n / d))
            }
            _ => fail(i),
        }
    }

    pub(super) fn digits_number(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Num> {
        let (rest, n) = self.signed_digits(i)?;
        // "- 5 people were hurt" opening a text is a list's dash: a sign set apart from
        // its digits is read only where the number ends the clause ("- 1,200,000").
        let spaced_sign = i.first().is_some_and(|m| m.kind == Kind::Sign && m.text == "-")
            && i.get(1).is_some_and(|t| t.space_before)
            && n.value.is_sign_negative();
        if spaced_sign && !self.clause_ends(rest) {
            return fail(i);
        }
        Ok((rest, n))
    }

    fn signed_digits(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Num> {
        let (i, neg) = match self.negative(i) {
            Ok((rest, ())) => (rest, true),
            Err(_) => (i, false),
        };
        if self.glued_to_word_before(i) && !self.after_currency(i) {
            return fail(i);
        }
        let sign = |v: Decimal| if neg { -v } else { v };
        if let Ok((rest, f)) = self.slash_fraction(i) {
            return Ok((rest, Num::exact(sign(f))));
        }
        let (i2, (v, decimals, plain4)) = match self.leading_point(i).or_else(|_| self.spoken_leading_point(i)) {
            Ok((rest, (v, d))) => (rest, (v, d, false)),
            Err(_) => self.grouped_literal(i)?,
        };
        // "2 1/4": a whole number and a fraction.
        if decimals == 0
            && let Ok((rest, f)) = self.slash_fraction(i2)
            && f < Decimal::ONE
        {
            return Ok((rest, Num::exact(sign(v + f))));
        }
        // "1 point 5"
        let (i2, v, decimals) = match self.point_digits(i2, false) {
            Ok((rest, frac, n)) if decimals == 0 => (rest, v + frac, n),
            _ => (i2, v, decimals),
        };
        if let Ok((rest, base, e)) = self.exponent(i2) {
            // The literal itself is the base of "1.1^23"; ten is the base of "1e10".
            let value = power(base.map_or(Decimal::TEN, |_| v), e).and_then(|p| match base {
                Some(_) => Some(p),
                None => v.checked_mul(p),
            });
            let value = value.ok_or_else(|| too_large(i))?;
            let num = Num::exact(sign(value));
            return Ok((rest, num));
        }
        // "2½": a fraction character glued to the whole number.
        if decimals == 0
            && let Some(t) = i2.first()
            && !t.space_before
            && t.kind == Kind::Sign
            && let Ok((rest, Atom::Num(f))) = self.sense(i2, ATOMS, atom)
            && f > Decimal::ZERO
            && f < Decimal::ONE
        {
            let num = Num::exact(sign(v + f));
            return Ok((rest, num));
        }
        let (i3, scale) = self.scales(i2)?;
        let mut value = v.checked_mul(scale).ok_or_else(|| too_large(i))?;
        // "3万5000", "1億2000万": a smaller number written right after a scale adds to it.
        let mut i3 = i3;
        if scale > Decimal::ONE
            && i3.first().is_some_and(|t| t.kind == Kind::Num && !t.space_before)
            && let Ok((rest, more)) = self.digits_number(i3)
            && more.value < scale
            && more.value > Decimal::ZERO
        {
            value += more.value;
            i3 = rest;
        }
        // "3 hundred and 21", "4 thousand 3 hundred": a smaller number after a scale, joined
        // by a conjunction (here or ending the scale phrase, "hundred and") or itself scaled.
        if scale > Decimal::ONE
            && let Some((rest, more)) = self.scaled_tail(i3, scale)
        {
            value += more;
            i3 = rest;
        }
        // "3 million and a half": a fraction of the scale after it.
        if scale > Decimal::ONE
            && let Some((rest, f)) = self.and_fraction(i3)
        {
            value += f.checked_mul(scale).ok_or_else(|| too_large(i))?;
            i3 = rest;
        }
        let precision = if decimals > 0 {
            scale / Decimal::from(10u64.pow(decimals.min(18)))
        } else if scale > Decimal::ONE {
            scale
        } else {
            Decimal::ZERO
        };
        Ok((
            i3,
            Num {
                value: sign(value),
                precision,
                weak: false,
                year_like: !neg && plain4 && scale == Decimal::ONE,
                scale,
                share: false,
            },
        ))
    }

    /// After "point": digits or digit words, read as the digits after the decimal point.
    /// With `words_only`, digit words only: "at one point 200 people" is no 1.2.
    fn point_digits(
        &self,
        i: Toks<'s, 'a>,
        words_only: bool,
    ) -> Result<(Toks<'s, 'a>, Decimal, u32), nom::Err<Error<Toks<'s, 'a>>>> {
        let (mut rest, ()) = self.next_word(i, kinds![Point])?;
        let mut digits = String::new();
        if let Some(t) = rest.first()
            && t.kind == Kind::Num
        {
            if words_only || !t.text.bytes().all(|b| b.is_ascii_digit()) {
                return Err(too_large(i));
            }
            digits.push_str(t.text);
            rest = rest.take_from(1);
        } else {
            // "point seven one" is .71; "point seventy-one" is .71 too; "point two million"
            // is .2 of a million: the scale is left to the caller.
            let mut after = rest;
            while let Some((next, more)) = self.token_atoms(after) {
                match more.as_slice() {
                    [Atom::Num(n)] if *n < Decimal::TEN && n.fract().is_zero() => {
                        digits.push_str(&n.to_string());
                        after = next;
                    }
                    _ => break,
                }
            }
            if digits.is_empty() {
                let (whole, atoms) = self.atoms(rest)?;
                if atoms.iter().any(|a| matches!(a, Atom::Scale(_))) {
                    return Err(too_large(i));
                }
                let (v, _) = fold(&atoms).ok_or_else(|| too_large(i))?;
                digits.push_str(&v.normalize().to_string());
                after = whole;
            }
            rest = after;
        }
        if digits.is_empty() {
            return Err(too_large(i));
        }
        let frac = format!("0.{digits}").parse::<Decimal>().map_err(|_| too_large(i))?;
        Ok((rest, frac, digits.len() as u32))
    }

    /// The atoms of one token: its senses in the lexicon, or its pieces when the pack
    /// writes numbers as one word.
    fn token_atoms(&self, i: Toks<'s, 'a>) -> Option<(Toks<'s, 'a>, Vec<Atom>)> {
        if let Ok((rest, a)) = self.next_sense(i, ATOMS, atom) {
            return Some((rest, vec![a]));
        }
        let t = i.first()?;
        if !self.pack.compound || t.kind != Kind::Word || t.newline_before {
            return None;
        }
        let pieces = split(&self.pack.pieces, &t.key)?;
        Some((i.take_from(1), pieces))
    }

    /// A run of number-word atoms; joiners only between number words.
    fn atoms(&self, i: Toks<'s, 'a>) -> Result<(Toks<'s, 'a>, Vec<Atom>), nom::Err<Error<Toks<'s, 'a>>>> {
        let lone = || {
            self.sense(i, kinds![LoneScale], |s| if let Sense::LoneScale(d) = s { Some(*d) } else { None })
                .ok()
                .map(|(rest, d)| (rest, vec![Atom::Scale(d)]))
        };
        let first = self
            .sense(i, ATOMS, atom)
            .ok()
            .filter(|(_, a)| matches!(a, Atom::Num(_) | Atom::Mul(_)))
            .map(|(rest, a)| (rest, vec![a]))
            .or_else(lone)
            .or_else(|| {
                let t = i.first()?;
                if !self.pack.compound || t.kind != Kind::Word {
                    return None;
                }
                split(&self.pack.pieces, &t.key).map(|p| (i.take_from(1), p))
            })
            .or_else(|| {
                // "bi-thalatha" (by three): a preposition glued to a number word.
                let t = i.first().filter(|t| t.kind == Kind::Word && t.id == crate::lex::NO_ID)?;
                let word = self.pack.unprefixed(&t.key)?;
                let atoms = match self.pack.pieces.get(word) {
                    Some(a) => vec![a],
                    None => split(&self.pack.pieces, word)?,
                };
                Some((i.take_from(1), atoms))
            });
        let first = first.or_else(|| self.article_fraction(i, false)).or_else(|| {
            // "half million", "quarter million": a fraction word alone before a scale.
            let (rest, d) =
                self.sense(i, kinds![Fraction], |s| if let Sense::Fraction(d) = s { Some(*d) } else { None }).ok()?;
            self.is(rest, kinds![Scale]).then(|| (rest, vec![Atom::Num(Decimal::ONE), Atom::Frac(d)]))
        });
        let Some((mut cur, mut atoms)) = first else { return fail(i).map(|(r, ())| (r, Vec::new())) };
        // The second end of a framed range whose middle word is glued to it ("and-twenty").
        if self.glued_mid.get() && atoms.len() > 1 && atoms.first() == Some(&Atom::Join) {
            atoms.remove(0);
        }
        if !matches!(atoms.first(), Some(Atom::Num(_) | Atom::Mul(_) | Atom::Scale(_))) {
            return fail(i).map(|(r, ())| (r, Vec::new()));
        }
        if matches!(atoms.as_slice(), [Atom::Mul(_)]) && self.ends_in_conjunction(i, cur) {
            atoms.push(Atom::Conj);
        }
        // Where the number could end after its first scale word, and the smallest scale so far.
        let mut after_first_scale: Option<(Toks<'s, 'a>, usize)> = None;
        let mut closed_scale: Option<Decimal> = None;
        if let Some(Atom::Scale(s)) = atoms.last() {
            after_first_scale = Some((cur, atoms.len()));
            closed_scale = Some(*s);
        }
        loop {
            // "million and a half": one of a fraction after a scale.
            let next = match atoms.last() {
                // "million and a half (people)"; "five million a quarter" is per quarter.
                Some(Atom::Scale(_)) if cur.base.checked_sub(1).is_some_and(|b| self.conjunction_at(b)) => {
                    self.article_fraction(cur, true).or_else(|| self.token_atoms(cur))
                }
                _ => self.token_atoms(cur),
            };
            let Some((rest, more)) = next else { break };
            if more == [Atom::Join] {
                // The middle word of a framed range ends the first number.
                let frame = self.frame.get();
                if self.is_frame_mid(cur, frame) {
                    break;
                }
                // A joiner only joins a number word of another order of magnitude:
                // "cento e vinte", five-and-twenty, never "dois e três".
                let last = last_term(&atoms);
                match self.token_atoms(rest) {
                    Some((_, next)) => match next.first() {
                        Some(Atom::Num(n)) if last.is_none_or(|l| joins(l, *n)) => {}
                        Some(Atom::Mul(_) | Atom::Frac(_)) => {}
                        // "a half-million": a fraction joined to the scale it is of.
                        Some(Atom::Scale(_)) if matches!(atoms.last(), Some(Atom::Frac(_))) => {}
                        _ => break,
                    },
                    None => break,
                }
            }
            // Two number words side by side add only as tens and units ("twenty five",
            // "сто двадцать"): "बीस पच्चीस" (twenty twenty-five) is an approximate range and
            // "one two three" a list, never a sum. A fraction below one ("and a half") adds.
            if let (Some(Atom::Num(l)), Some(Atom::Num(n))) = (atoms.last(), more.first())
                && *n >= Decimal::ONE
                && !adds_as_units(*l, *n)
            {
                // "one twenty two": hundreds said as a digit and a pair of tens and units.
                if atoms.len() == 1 && more.len() == 1 && self.pair_units_after(*l, *n, rest) {
                    atoms.push(Atom::Mul(Decimal::ONE_HUNDRED));
                    atoms.push(Atom::Num(*n));
                    cur = rest;
                    continue;
                }
                // "one twenty-fifth", "twenty twenty fifths": unless the words after are a
                // compound ordinal, the denominator of what comes before.
                if let Some((after, d)) = self.compound_denominator(cur) {
                    atoms.push(Atom::Frac(d));
                    cur = after;
                }
                break;
            }
            // "two million and three million": a scale no smaller than one already closed
            // starts another number; this one ends after the first scale.
            if let Some(Atom::Scale(s)) = more.last()
                && let Some((at, len)) = after_first_scale
                && atoms.len() > len
                && !matches!(atoms.last(), Some(Atom::Scale(_)))
                && closed_scale.is_some_and(|p| *s >= p)
            {
                atoms.truncate(len);
                cur = at;
                break;
            }
            // Arabic "between ten and-twenty": inside a frame a joiner glued to the next word is the
            // frame's middle word, not part of the number.
            if self.frame.get().is_some() && more.len() > 1 && more.first() == Some(&Atom::Join) {
                break;
            }
            // "ten and-twenty" is no thirty: a glued joiner joins as a free one does.
            if let [Atom::Join, Atom::Num(n), ..] = more.as_slice()
                && !last_term(&atoms).is_none_or(|l| joins(l, *n))
            {
                break;
            }
            // "between two million and three million": a phrase ending in the frame's
            // middle word ("million and") ends the first number before that word.
            if let Some(back) = self.before_frame_mid(cur, rest) {
                atoms.extend(more);
                cur = back;
                break;
            }
            let conj = matches!(more.as_slice(), [Atom::Mul(_)]) && self.ends_in_conjunction(cur, rest);
            atoms.extend(more);
            if conj {
                atoms.push(Atom::Conj);
            }
            cur = rest;
            if let Some(Atom::Scale(s)) = atoms.last() {
                if after_first_scale.is_none() {
                    after_first_scale = Some((cur, atoms.len()));
                }
                closed_scale = Some(closed_scale.map_or(*s, |p: Decimal| p.min(*s)));
            }
        }
        Ok((cur, atoms))
    }

    /// Whether a lone digit word `digit` and a tens word `tens` are the hundreds and tens of
    /// a number said in pairs ("one twenty two"): the pack reads numbers so, and a units
    /// word follows the tens, as the next word or after a joiner ("one twenty-two").
    fn pair_units_after(&self, digit: Decimal, tens: Decimal, rest: Toks<'s, 'a>) -> bool {
        let unit = |d: Decimal| d >= Decimal::ONE && d < Decimal::TEN && d.fract().is_zero();
        let round_tens = tens >= Decimal::from(20) && tens < Decimal::ONE_HUNDRED && (tens % Decimal::TEN).is_zero();
        if !self.pack.hundreds_in_pairs || !unit(digit) || !round_tens {
            return false;
        }
        let rest = match self.token_atoms(rest) {
            Some((after, more)) if more == [Atom::Join] => after,
            _ => rest,
        };
        matches!(self.token_atoms(rest), Some((_, more)) if matches!(more.as_slice(), [Atom::Num(u)] if unit(*u)))
    }

    /// "a fifth", "a quarter (million)": a word for one and a fraction word, where a scale,
    /// a stop word ("a third of"), a sign or nothing follows; "a third term" is an ordinal.
    /// With `after_whole` (after "million and", "three and") a fraction word that is no
    /// ordinal may be followed by its noun too: "a million and a half people".
    fn article_fraction(&self, i: Toks<'s, 'a>, after_whole: bool) -> Option<(Toks<'s, 'a>, Vec<Atom>)> {
        let (at, ()) = self.word(i, kinds![FractionOne]).ok()?;
        let (rest, d) =
            self.next_sense(at, kinds![Fraction], |s| if let Sense::Fraction(d) = s { Some(*d) } else { None }).ok()?;
        if after_whole && !self.is(at, kinds![OrdinalWord]) {
            return Some((rest, vec![Atom::Num(Decimal::ONE), Atom::Frac(d)]));
        }
        let ends = match rest.first() {
            None => true,
            Some(t) => t.newline_before || t.kind != Kind::Word || self.is(rest, kinds![Scale, Multiplier, Stop]),
        };
        ends.then(|| (rest, vec![Atom::Num(Decimal::ONE), Atom::Frac(d)]))
    }

    /// "twenty-fifth(s)", "one hundred fifth": round number words and a fraction word
    /// below ten, read as one ordinal denominator (25, 105).
    fn compound_denominator(&self, i: Toks<'s, 'a>) -> Option<(Toks<'s, 'a>, Decimal)> {
        let (rest, atoms) = self.atoms(i).ok()?;
        let (Atom::Frac(unit), head) = atoms.split_last()? else { return None };
        if head.is_empty() || *unit >= Decimal::TEN || head.contains(&Atom::Conj) {
            return None;
        }
        let (whole, _) = fold(head)?;
        let round = whole >= Decimal::TEN && (whole % Decimal::TEN).is_zero();
        round.then(|| (rest, whole + *unit))
    }

    /// A phrase of several tokens read from `from` up to `rest` ends in a conjunction
    /// ("hundred and").
    fn ends_in_conjunction(&self, from: Toks<'s, 'a>, rest: Toks<'s, 'a>) -> bool {
        rest.base > from.base + 1 && self.conjunction_at(rest.base - 1)
    }

    /// The token at `at` is a one-token conjunction ("and").
    pub(super) fn conjunction_at(&self, at: usize) -> bool {
        self.pack.lexicon.find_kind(self.all, at, kinds![Conjunction]) == Some(1)
    }

    /// What follows a number with a scale and adds to it: after a conjunction (or a scale
    /// phrase that ends in one) any whole number below the scale; without one, only a
    /// number with a scale of its own below it. Not the middle word of a framed range.
    fn scaled_tail(&self, i: Toks<'s, 'a>, scale: Decimal) -> Option<(Toks<'s, 'a>, Decimal)> {
        if i.first().is_none_or(|t| t.newline_before) {
            return None;
        }
        let frame = self.frame.get();
        let (rest, joined) = if self.conjunction_at(i.base) && !self.is_frame_mid(i, frame) {
            (i.take_from(1), true)
        } else {
            // "between 200 thousand and 300": in a frame, the "and" is the frame's.
            (i, frame.is_none() && i.base.checked_sub(1).is_some_and(|b| self.conjunction_at(b)))
        };
        if self.is_frame_mid(rest, frame) || rest.first().is_none_or(|t| t.newline_before) {
            return None;
        }
        let (after, more) = alt((|i| self.digits_number(i), |i| self.word_number(i))).parse(rest).ok()?;
        let whole = more.value.fract().is_zero() && more.value > Decimal::ZERO && !more.year_like;
        let fits = more.value < scale && (joined || more.scale > Decimal::ONE);
        // "3 सौ और एक", "3 hundred and one": after the conjunction a weak word is a term.
        (whole && fits && (!more.weak || joined)).then_some((after, more.value))
    }

    /// "(and) a half", "and two thirds" after a whole number: a fraction below one, in words.
    fn and_fraction(&self, i: Toks<'s, 'a>) -> Option<(Toks<'s, 'a>, Decimal)> {
        // The conjunction here, or already read as the end of a scale phrase ("million and").
        let rest = match self.next_word(i, kinds![Conjunction]) {
            Ok((rest, ())) => rest,
            Err(_) if i.base.checked_sub(1).is_some_and(|b| self.conjunction_at(b)) => i,
            Err(_) => return None,
        };
        let (rest, atoms) = self.fraction_words(rest)?;
        if !matches!(atoms.last(), Some(Atom::Frac(_))) {
            return None;
        }
        let (v, _) = fold(&atoms)?;
        (v > Decimal::ZERO && v < Decimal::ONE).then_some((rest, v))
    }

    /// The words of a fraction after its conjunction: "a half" (after a whole, a fraction
    /// word may take its noun), "two thirds".
    fn fraction_words(&self, i: Toks<'s, 'a>) -> Option<(Toks<'s, 'a>, Vec<Atom>)> {
        self.article_fraction(i, true).or_else(|| self.atoms(i).ok())
    }

    /// "three hours and a half", "tres años y medio", Arabic "three hours-and-half": a
    /// half said after the noun of a whole number, joined to it by a conjunction (a word,
    /// or a joiner glued to the half), or a word of its own for "and a half".
    pub(super) fn fraction_after_noun(&self, i: Toks<'s, 'a>) -> Option<(Toks<'s, 'a>, Decimal)> {
        let t = i.first()?;
        if t.newline_before {
            return None;
        }
        // A joiner glued to the fraction word (one token, split as a compound).
        let glued = (self.pack.compound && t.kind == Kind::Word && self.pack.pieces.starts_with_joiner(&t.key))
            .then(|| split(&self.pack.pieces, &t.key))
            .flatten()
            .and_then(|atoms| (atoms.first() == Some(&Atom::Join)).then(|| (i.take_from(1), atoms)));
        let (rest, atoms) = match glued {
            Some(found) => found,
            // "and a half" (one phrase), Persian "va nim" (the conjunction, then the half).
            None if self.is(i, kinds![Conjunction]) => self.atoms(i).ok().or_else(|| {
                let (after, ()) = self.word(i, kinds![Conjunction]).ok()?;
                self.fraction_words(after)
            })?,
            // A word of its own for "and a half" (Vietnamese "rưỡi"), listed as weak since
            // it never stands alone.
            None => match self.atoms(i) {
                Ok((rest, atoms)) if self.pack.is_weak(&self.phrase_key(i, rest)) => (rest, atoms),
                _ => return None,
            },
        };
        // A half only ("300 people and a third of the survivors" is no 300.33), and only
        // where the figure ends: "12 dead and half a hundred wounded", "and half the
        // injured" (a definite noun), "and a half-million" go on to another figure.
        let (v, _) = fold(&atoms)?;
        (v == Decimal::new(5, 1) && self.ends_figure(rest)).then_some((rest, v))
    }

    /// Whether a figure ends here: the end of the text or line, a sign other than a
    /// joiner glued to it ("-million"), or a stop word or conjunction.
    fn ends_figure(&self, i: Toks<'s, 'a>) -> bool {
        match i.first() {
            None => true,
            Some(t) if t.newline_before => true,
            Some(t) if t.kind == Kind::Sign => t.space_before || !self.is(i, kinds![Joiner]),
            Some(_) => self.is(i, kinds![Stop, Conjunction]),
        }
    }

    /// "one over three", "1 over 20": a numerator, the pack's word for "over" and a
    /// denominator, read as a fraction only where the clause ends after it, or, where the
    /// pack says so, after a numerator of one before the noun it counts ("one over three
    /// bags"). `start` is where the numerator begins.
    fn over_fraction(&self, start: Toks<'s, 'a>, i: Toks<'s, 'a>, numerator: &Num) -> Res<'s, 'a, Num> {
        let (rest, at_end) =
            self.next_sense(i, kinds![Over], |s| if let Sense::Over(e) = s { Some(*e) } else { None })?;
        if self.reversed_frame(start, i) {
            return fail(i);
        }
        let (rest, den) = alt((|i| self.digits_number(i), |i| self.word_number(i))).parse(rest)?;
        let counted = !at_end && self.pack.over_one_counts && numerator.value == Decimal::ONE;
        // Proper fractions, or a quotient of a hundred or more: "won 3 over 1" and "102
        // over 98" are scores, "2000 over 3" is none.
        let proper = den.value > numerator.value.abs();
        let far = !den.year_like
            && den.value > Decimal::ZERO
            && den.value.checked_mul(Decimal::ONE_HUNDRED).is_some_and(|d| numerator.value.abs() >= d);
        if !(self.clause_ends(rest) || counted) || !(proper || far) || den.weak || numerator.value.is_zero() {
            return fail(i);
        }
        let value = numerator.value.checked_div(den.value).ok_or_else(|| too_large(i))?;
        // A proper fraction is a part of the whole; a far quotient ("2096 over 2") is none.
        Ok((rest, if proper { Num::share(value) } else { Num::exact(value) }))
    }

    /// A word for "over" that also opens a range frame ("from" of "from 3 to 5") after a
    /// numerator that the frame's middle word comes right before: the frame said the other
    /// way round ("to 3 from 5", a change), not a fraction. `start` is where the numerator
    /// begins, `over` the word after it.
    fn reversed_frame(&self, start: Toks<'s, 'a>, over: Toks<'s, 'a>) -> bool {
        let at = |k: usize| start.base.checked_sub(k).and_then(|b| Some(Toks::new(self.all.get(b..)?, b)));
        let Some(before) = at(1) else { return false };
        // "to about 3 from 5": a one-word qualifier between the middle word and the number.
        let before = match at(2) {
            Some(b2) if self.pack.lexicon.find_kind(self.all, before.base, kinds![QualBefore]) == Some(1) => b2,
            _ => before,
        };
        self.sense(over, kinds![FrameOpen], |s| match s {
            Sense::FrameOpen(f) if self.is_frame_mid(before, Some(*f)) => Some(()),
            _ => None,
        })
        .is_ok()
    }

    /// Number words: "twenty-one", "ba mươi lăm", "three quarters".
    pub(super) fn word_number(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Num> {
        let (i, neg) = match self.word(i, kinds![Negative]) {
            Ok((rest, ())) => (rest, true),
            Err(_) => (i, false),
        };
        let start = i;
        let (cur, atoms) = self.atoms(i)?;
        let (mut value, scaled) = fold(&atoms).ok_or_else(|| too_large(start))?;
        // "at one point 200 people": after a weak word, the point takes digit words only.
        let weak_head =
            !neg && matches!(atoms.as_slice(), [Atom::Num(_)]) && self.pack.is_weak(&self.phrase_key(start, cur));
        let (cur, value_point, pointed) = match self.point_digits(cur, weak_head) {
            Ok((rest, frac, _)) => (rest, value + frac, true),
            Err(_) => (cur, value, false),
        };
        value = value_point;
        // "two point two million": scale words after the digits of the point.
        let (cur, scaled) = match self.scales(cur) {
            Ok((rest, s)) if pointed && s > Decimal::ONE => {
                value = value.checked_mul(s).ok_or_else(|| too_large(start))?;
                (rest, s.max(scaled))
            }
            _ => (cur, scaled),
        };
        // "three and one fourth", "twenty and three fifths".
        let (cur, words_bonus) = match self.and_fraction(cur) {
            Some((rest, f)) if value.fract().is_zero() && !pointed => {
                value += f;
                (rest, 1)
            }
            _ => (cur, 0),
        };
        let words = atoms.iter().filter(|a| !matches!(a, Atom::Join | Atom::Conj)).count() + words_bonus;
        // A weak word alone, or a phrase the pack lists as weak ("un demi", the article and
        // a half); "minus one": a sign word confirms a weak word.
        let weak = !neg && (words == 1 || self.pack.weak_phrases) && self.pack.is_weak(&self.phrase_key(start, cur));
        let value = if neg { -value } else { value };
        Ok((
            cur,
            Num { value, precision: scaled, weak, year_like: false, scale: scaled.max(Decimal::ONE), share: false },
        ))
    }

    /// The lower-cased text of the tokens from `start` up to `end`, spaced as written.
    fn phrase_key(&self, start: Toks<'s, 'a>, end: Toks<'s, 'a>) -> String {
        let mut s = String::new();
        for (k, t) in start.toks.iter().take(end.base.saturating_sub(start.base)).enumerate() {
            if k > 0 && t.space_before {
                s.push(' ');
            }
            s.push_str(&t.key);
        }
        s
    }

    /// "तेईस का पाँचवाँ भाग": a numerator, the pack's genitive word, an ordinal
    /// denominator, and a word for "part" or the end of the clause.
    fn part_fraction(&self, i: Toks<'s, 'a>, numerator: &Num) -> Res<'s, 'a, Num> {
        let (rest, ()) = self.next_word(i, kinds![PartOf])?;
        let (rest, den) = self.ordinal(rest).or_else(|_| self.compound_ordinal(rest))?;
        let (rest, part) = opt(|i| self.next_word(i, kinds![Part])).parse(rest)?;
        if (part.is_none() && !self.clause_ends(rest)) || den <= Decimal::ONE || numerator.year_like {
            return fail(i);
        }
        let value = numerator.value.checked_div(den).ok_or_else(|| too_large(i))?;
        Ok((rest, Num::exact(value)))
    }

    /// "एक सौ पाँचवाँ" (the hundred-and-fifth), "दस खरबवाँ" (the ten-trillionth): number
    /// words and an ordinal word, which adds to a larger round number before it and
    /// multiplies a smaller one.
    fn compound_ordinal(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Decimal> {
        let (rest, head) = alt((|i| self.digits_number(i), |i| self.word_number(i))).parse(i)?;
        let (rest, unit) = self.ordinal(rest)?;
        let h = head.value;
        if h <= Decimal::ZERO || !h.fract().is_zero() || head.year_like {
            return fail(i);
        }
        let order = Decimal::from(10u64.pow(unit.trunc().to_string().len().min(18) as u32));
        let value = if unit < h && (h % order).is_zero() {
            h + unit
        } else if unit > h {
            h.checked_mul(unit).ok_or_else(|| too_large(i))?
        } else {
            return fail(i);
        };
        Ok((rest, value))
    }

    /// A part and its whole joined by the pack's words: "one out of three", "2 in every 5"
    /// (`out_of`), "तीन में से एक" (`out_of_whole_first`, the whole first), read as the
    /// fraction when it is a proper one; "3 parts of 8" (`parts_of`), where a numerator no
    /// smaller than the denominator is a whole and its parts ([`Self::whole_and_parts`]).
    /// `start`: where the first number begins.
    fn part_of_whole(&self, start: Toks<'s, 'a>, i: Toks<'s, 'a>, first: &Num) -> Res<'s, 'a, Num> {
        let (rest, (whole_first, parts)) =
            self.next_sense(i, kinds![OutOf, OutOfWholeFirst, PartsOf], |s| match s {
                Sense::OutOf => Some((false, false)),
                Sense::OutOfWholeFirst => Some((true, false)),
                Sense::PartsOf => Some((false, true)),
                _ => None,
            })?;
        let (rest, second) = alt((|i| self.digits_number(i), |i| self.word_number(i))).parse(rest)?;
        let (part, whole) = if whole_first { (&second, first) } else { (first, &second) };
        let fits = if parts {
            whole.value > Decimal::ZERO && !whole.weak && !part.value.is_zero()
        } else {
            part.value > Decimal::ZERO && part.value < whole.value && !(whole_first && whole.weak)
        };
        if !fits || part.year_like || whole.year_like {
            return fail(i);
        }
        let value = Num::share(part.value.checked_div(whole.value).ok_or_else(|| too_large(i))?);
        Ok((rest, if parts { self.whole_and_parts(start, part, value) } else { value }))
    }

    /// "two hundred and three parts of a hundred" is 200.03: where a numerator in words is
    /// no smaller than the denominator, its last terms after a joiner that stay below the
    /// denominator are the parts, what comes before them the whole. `f` is the fraction
    /// read with the whole numerator; it stands otherwise.
    fn whole_and_parts(&self, start: Toks<'s, 'a>, numerator: &Num, f: Num) -> Num {
        let den = match numerator.value.checked_div(f.value) {
            Some(d) if numerator.value >= d && d > Decimal::ZERO => d,
            _ => return f,
        };
        let Ok((_, atoms)) = self.atoms(start) else { return f };
        let split = atoms.iter().enumerate().filter(|(_, a)| **a == Atom::Join).find_map(|(j, _)| {
            let whole = fold(atoms.get(..j)?)?.0;
            let part = fold(atoms.get(j + 1..)?)?.0;
            (whole > Decimal::ZERO && part > Decimal::ZERO && part < den && whole + part == numerator.value)
                .then(|| part.checked_div(den).map(|p| whole + p))
                .flatten()
        });
        split.map_or(f, Num::exact)
    }

    /// A fraction word of the pack's `construct_fractions` right before a definite noun
    /// (Arabic "a fifth of the pie"): one part, the noun left to the claim. Before a
    /// definite number or scale word ("half the million", "a fifth of the twenty") that
    /// part of the number. Not before a bare number word ("five thousand"), nor before a
    /// noun that makes it a name (a quarter-final is no quarter).
    fn construct_fraction(&self, i: Toks<'s, 'a>) -> Option<(Toks<'s, 'a>, Num)> {
        let (rest, d) = self
            .sense(i, kinds![ConstructFraction], |s| if let Sense::ConstructFraction(d) = s { Some(*d) } else { None })
            .ok()?;
        let noun = rest.first()?;
        let key: &str = noun.key.as_ref();
        let definite = noun.kind == Kind::Word
            && !noun.newline_before
            && noun.space_before
            && self.pack.definite_prefixes.iter().any(|p| key.len() > p.len() && key.starts_with(p.as_str()))
            && !self.pack.construct_exceptions.contains(key);
        if !definite || d <= Decimal::ONE {
            return None;
        }
        // The number word a definite prefix is glued to ("the twenty", "the million"):
        // that part of it. A joiner there makes no noun either.
        let piece =
            self.pack.definite_prefixes.iter().find_map(|p| self.pack.pieces.get(key.strip_prefix(p.as_str())?));
        let (whole, scale) = match piece {
            Some(Atom::Num(n) | Atom::Mul(n)) => (n, Decimal::ONE),
            Some(Atom::Scale(s)) => (s, s),
            Some(Atom::Frac(_) | Atom::Join | Atom::Conj) => return None,
            None if self.is(rest, kinds![Number, Multiplier, Scale, LoneScale, Fraction]) || self.pack.splits(key) => {
                return None;
            }
            None => return Some((rest, Num::exact(Decimal::ONE.checked_div(d)?))),
        };
        let value = whole.checked_div(d)?;
        let precision = if scale > Decimal::ONE { scale } else { Decimal::ZERO };
        Some((rest.take_from(1), Num { value, precision, scale, ..Num::exact(value) }))
    }

    pub(super) fn number(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Num> {
        if let Some(found) = self.construct_fraction(i) {
            return Ok(found);
        }
        let (rest, n) = alt((|i| self.digits_number(i), |i| self.word_number(i))).parse(i)?;
        if let Ok(found) = self
            .over_fraction(i, rest, &n)
            .or_else(|_| self.part_fraction(rest, &n))
            .or_else(|_| self.part_of_whole(i, rest, &n))
        {
            return Ok(found);
        }
        if n.value.fract().is_zero()
            && !n.year_like
            && !n.weak
            && let Some((rest, f)) = self.mixed_fraction(rest)
        {
            let value = if n.value.is_sign_negative() { n.value - f } else { n.value + f };
            return Ok((rest, Num::exact(value)));
        }
        Ok((rest, n))
    }

    /// "बीस और तीन बटे पाँच", "तीन और एक का पाँचवाँ भाग" after a whole number: a
    /// conjunction and a proper fraction read with the pack's "over" or part words.
    fn mixed_fraction(&self, i: Toks<'s, 'a>) -> Option<(Toks<'s, 'a>, Decimal)> {
        let (rest, ()) = self.next_word(i, kinds![Conjunction]).ok()?;
        let start = rest;
        let (rest, numerator) = alt((|i| self.digits_number(i), |i| self.word_number(i))).parse(rest).ok()?;
        let (rest, f) =
            self.over_fraction(start, rest, &numerator).or_else(|_| self.part_fraction(rest, &numerator)).ok()?;
        (f.value > Decimal::ZERO && f.value < Decimal::ONE).then_some((rest, f.value))
    }
}

/// `base` to the power `e`, exactly; `None` when it does not fit a decimal.
fn power(base: Decimal, e: i64) -> Option<Decimal> {
    // Beyond this every base but 1 overflows or underflows a decimal (28 digits).
    const MAX_EXPONENT: u64 = 128;
    if e.unsigned_abs() > MAX_EXPONENT || (base.is_zero() && e < 0) {
        return None;
    }
    let mut p = Decimal::ONE;
    for _ in 0..e.unsigned_abs() {
        p = p.checked_mul(base)?;
    }
    if e < 0 { Decimal::ONE.checked_div(p) } else { Some(p) }
}

/// Whether two number words written side by side add: units after tens, tens after
/// hundreds ("twenty five", "двести пятьдесят"), or ten after a unit, the teens of
/// languages that name the unit first (Arabic "five ten" = 15).
fn adds_as_units(last: Decimal, next: Decimal) -> bool {
    let order = |d: Decimal| d.abs().trunc().to_string().len();
    (next < last && order(next) < order(last)) || (next == Decimal::TEN && last < Decimal::TEN)
}

/// The last term of a run of atoms: its last number word times the multipliers right
/// after it ("nine hundred" is 900); `None` when a scale closed it ("twenty trillion").
fn last_term(atoms: &[Atom]) -> Option<Decimal> {
    let mut product = Decimal::ONE;
    for a in atoms.iter().rev() {
        match *a {
            Atom::Mul(m) => product = product.checked_mul(m)?,
            Atom::Num(n) => return n.checked_mul(product),
            Atom::Join | Atom::Conj => {}
            Atom::Scale(_) | Atom::Frac(_) => return None,
        }
    }
    None
}

/// Whether a joiner may add `next` to the term `last` before it: they must be of
/// different orders of magnitude, and a larger one only as round tens after units
/// ("five and twenty"; "five and ten" is two numbers); a fraction below one adds to
/// any whole. Zero adds nothing: "and zero" is a number of its own.
fn joins(last: Decimal, next: Decimal) -> bool {
    if next.is_zero() {
        return false;
    }
    // "one and a half": a fraction below one adds to any whole.
    if next < Decimal::ONE {
        return next > Decimal::ZERO;
    }
    let order = |d: Decimal| d.abs().trunc().to_string().len();
    if order(last) != order(next) {
        let round_ten = next >= Decimal::from(20) && (next % Decimal::TEN).is_zero();
        return next < last || (last < Decimal::TEN && next < Decimal::ONE_HUNDRED && round_ten);
    }
    // Same order: only tens and a teen ("quatre-vingt-dix": four-twenty and ten).
    next < last && (last % Decimal::TEN).is_zero() && next < Decimal::from(20)
}

/// The number words a compound word may be made of, grouped by first byte, each group
/// in the order given (longest first): a split looks only at the group of its next byte.
#[derive(Debug, Clone, Default)]
pub struct Pieces(Vec<(String, Sense)>);

impl Pieces {
    pub fn new(mut pieces: Vec<(String, Sense)>) -> Self {
        // A stable sort keeps each group's order.
        pieces.retain(|(k, _)| !k.is_empty());
        pieces.sort_by_key(|(k, _)| k.as_bytes().first().copied());
        Pieces(pieces)
    }

    /// Whether `word` is one of the pieces.
    pub fn has(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// The atom of a piece (a number, multiplier or scale word, or a joiner).
    fn get(&self, word: &str) -> Option<Atom> {
        let &b = word.as_bytes().first()?;
        self.starting_with(b).iter().find(|(k, _)| k == word).and_then(|(_, s)| atom(s))
    }

    /// Whether `word` begins with a joiner piece and goes on after it (Arabic
    /// "wa-nisf", and a half): one look at the pieces of its first byte.
    fn starts_with_joiner(&self, word: &str) -> bool {
        word.as_bytes().first().is_some_and(|&b| {
            self.starting_with(b)
                .iter()
                .any(|(k, s)| *s == Sense::Joiner && word.len() > k.len() && word.starts_with(k.as_str()))
        })
    }

    /// Whether `word` is a piece that is a number on its own.
    pub fn is_number(&self, word: &str) -> bool {
        matches!(self.get(word), Some(Atom::Num(_) | Atom::Mul(_) | Atom::Scale(_)))
    }

    fn starting_with(&self, b: u8) -> &[(String, Sense)] {
        let first = |(k, _): &(String, Sense)| k.as_bytes().first().copied().unwrap_or_default();
        let from = self.0.partition_point(|p| first(p) < b);
        let to = from + self.0[from..].partition_point(|p| first(p) == b);
        &self.0[from..to]
    }
}

/// Splits a word into number-word pieces, longest piece first; `None` unless the whole
/// word is covered and holds at least two pieces, one of them a number.
pub(super) fn split(pieces: &Pieces, word: &str) -> Option<Vec<Atom>> {
    fn go(pieces: &Pieces, rest: &str, out: &mut Vec<Atom>, depth: usize) -> bool {
        let Some(&head) = rest.as_bytes().first() else { return true };
        if depth > 12 {
            return false;
        }
        for (key, sense) in pieces.starting_with(head) {
            if let Some(tail) = rest.strip_prefix(key.as_str())
                && let Some(a) = atom(sense)
            {
                out.push(a);
                if go(pieces, tail, out, depth + 1) {
                    return true;
                }
                out.pop();
            }
        }
        false
    }
    let mut out = Vec::new();
    let ok = go(pieces, word, &mut out, 0);
    let numbers = out.iter().filter(|a| matches!(a, Atom::Num(_) | Atom::Mul(_) | Atom::Scale(_))).count();
    (ok && out.len() >= 2 && numbers >= 1).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    /// The values of the claims found in `text`, as "low" or "low..high", with their measures.
    fn claims(lang: &str, text: &str) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
        Ok(crate::claims_in(lang, text)?
            .iter()
            .map(|c| {
                let (lo, hi) = (c.value.low_string().unwrap_or_default(), c.value.high_string().unwrap_or_default());
                let v = if lo == hi { lo } else { format!("{lo}..{hi}") };
                (v, c.measure.as_deref().unwrap_or("-").to_string())
            })
            .collect())
    }

    /// A claim's value and measure as [`claims`] lists them.
    fn pair(value: &str, measure: &str) -> (String, String) {
        (value.to_string(), measure.to_string())
    }

    fn values(lang: &str, text: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        Ok(claims(lang, text)?.into_iter().map(|(v, _)| v).collect())
    }

    #[test]
    fn a_sign_set_apart_is_a_minus_only_where_no_dash_is_meant() -> crate::TestResult {
        assert_eq!(values("en", "- 2,097,000")?, ["-2097000"]);
        assert_eq!(values("en", "- 2 1/4")?, ["-2.25"]);
        assert_eq!(values("en", "-.0025 k")?, ["-2.5"]);
        // A range, and a dash between clauses, stay what they are.
        assert_eq!(values("en", "10 - 20")?, ["10..20"]);
        assert_eq!(values("en", "The mayor spoke - 35 people were hurt.")?, ["35"]);
        // A list's dash before a count: the number does not end the clause.
        assert_eq!(values("en", "- 35 people were hurt")?, ["35"]);
        assert_eq!(values("hi", "- 10k")?, ["-10000"]);
        Ok(())
    }

    #[test]
    fn scale_letters_after_a_space_or_glued_are_the_packs_own() -> crate::TestResult {
        assert_eq!(values("en", "2.5 k")?, ["2500"]);
        assert_eq!(values("en", "1,674.5 G")?, ["1674500000000"]);
        assert_eq!(values("en", "3 M")?, ["3000000"]);
        assert_eq!(values("en", "1.5b")?, ["1500000000"]);
        assert_eq!(values("en", "US$ 4MM")?, ["4000000"]);
        assert_eq!(values("en", ".0012G")?, ["1200000"]);
        // Units after a space are no scales: five metres, thirty litres.
        assert_eq!(values("en", "5 m")?, ["5"]);
        assert_eq!(values("en", "30 l")?, ["30"]);
        // A letter glued to one digit names a generation: the 5G network.
        assert_eq!(values("en", "The 5G network reached 40 towns.")?, ["40"]);
        assert_eq!(values("vi", ",0012G")?, ["1200000"]);
        assert_eq!(values("hi", "2.33 k")?, ["2330"]);
        Ok(())
    }

    #[test]
    fn a_spoken_point_starts_a_number_only_where_nothing_comes_before() -> crate::TestResult {
        assert_eq!(values("en", "point 45")?, ["0.45"]);
        assert!(!values("en", "At one point 45 people were inside.")?.contains(&"0.45".to_string()));
        assert!(!values("en", "They scored. Point 45 of the plan was dropped.")?.contains(&"0.45".to_string()));
        Ok(())
    }

    #[test]
    fn hundreds_said_in_pairs() -> crate::TestResult {
        assert_eq!(values("en", "one thirty four")?, ["134"]);
        assert_eq!(values("en", "NINE Forty-Seven")?, ["947"]);
        // A list, a round pair and a time of day stay apart.
        assert!(!values("en", "one, thirty four")?.contains(&"134".to_string()));
        assert!(!values("en", "at seven thirty people left")?.contains(&"730".to_string()));
        Ok(())
    }

    #[test]
    fn a_weak_word_after_the_conjunction_of_a_scale_is_a_term() -> crate::TestResult {
        assert_eq!(values("en", "4 hundred and one people")?, ["401"]);
        assert_eq!(values("hi", "4 सौ और एक")?, ["401"]);
        Ok(())
    }

    #[test]
    fn a_part_out_of_a_whole_is_the_fraction() -> crate::TestResult {
        assert_eq!(values("en", "three out of eight")?, ["0.375"]);
        assert_eq!(values("en", "3 in every 8 homes")?, ["0.375"]);
        // No proper fraction: two numbers.
        assert_eq!(values("en", "there are 12 out of 8")?, ["12", "8"]);
        assert_eq!(values("hi", "आठ में से तीन")?, ["0.375"]);
        assert_eq!(values("hi", "हर 8 में से 3 या ज़्यादा")?, ["0.375.."]);
        Ok(())
    }

    #[test]
    fn a_share_takes_no_measure_from_the_noun_that_counts_the_whole() -> crate::TestResult {
        assert_eq!(claims("en", "2 in every 5 dollars went to rent.")?, [pair("0.4", "-")]);
        assert_eq!(claims("en", "3 out of 40 countries signed.")?, [pair("0.075", "-")]);
        assert_eq!(claims("en", "5 dollars went to rent.")?, [pair("5", "money:USD")]);
        // A fraction of a unit is an amount of it.
        assert_eq!(claims("en", "half a million dollars")?, [pair("500000", "money:USD")]);
        Ok(())
    }

    #[test]
    fn a_half_after_the_noun_of_a_number_belongs_to_it() -> crate::TestResult {
        assert_eq!(claims("en", "The talks lasted three hours and a half.")?, [pair("3.5", "duration:hour")]);
        assert_eq!(claims("es", "Duró tres años y medio.")?, [pair("3.5", "duration:year")]);
        // Only joined by a conjunction (or a word of its own for "and a half"), and only to
        // a whole number: "2.5 hours and a half" adds nothing.
        assert_eq!(claims("en", "It took 3 hours, half of them in the rain.")?, [pair("3", "duration:hour")]);
        assert_eq!(claims("en", "It took 2.5 hours and a half.")?.first(), Some(&pair("2.5", "duration:hour")));
        // "And a half" alone is no number; "a half-million" is half a million.
        assert_eq!(claims("en", "and a half-million people fled")?, [pair("500000", "person")]);
        // Only a half, and only where the figure ends: what goes on is another figure.
        let first = |lang: &str, text: &str| -> Result<Option<String>, Box<dyn std::error::Error>> {
            Ok(values(lang, text)?.into_iter().next())
        };
        assert_eq!(first("en", "300 people and a third of the survivors fled.")?.as_deref(), Some("300"));
        assert_eq!(first("en", "12 people and a half-million others fled.")?.as_deref(), Some("12"));
        assert_eq!(first("es", "Hubo 12 muertos y medio centenar de heridos.")?.as_deref(), Some("12"));
        assert_eq!(first("fr", "On compte 30 morts et une demi-douzaine de blessés.")?.as_deref(), Some("30"));
        assert_eq!(first("en", "2 million people and a half.")?.as_deref(), Some("2000000"));
        Ok(())
    }

    #[test]
    fn a_half_alone_is_a_fraction_word_and_the_article_with_it_is_weak() -> crate::TestResult {
        assert_eq!(values("it", "Mezzo milione di persone.")?, ["500000"]);
        assert_eq!(values("it", "Due milioni e mezzo di persone.")?, ["2500000"]);
        // "Un mezzo di trasporto" (a means of transport) is no 1.5, nor 0.5.
        assert!(values("it", "Un mezzo di trasporto.")?.is_empty());
        assert_eq!(values("fr", "Un demi-million d'enfants.")?, ["500000"]);
        Ok(())
    }

    #[test]
    fn a_compound_ordinal_denominator() -> crate::TestResult {
        assert_eq!(values("hi", "एक का एक सौ सातवां")?, ["0.0093457943925233644859813084"]);
        assert_eq!(values("hi", "एक का दस खरबवां")?, ["0.000000000001"]);
        assert_eq!(values("hi", "सौ का एक हजार चौथा")?, ["0.09960159362549800796812749"]);
        Ok(())
    }

    #[test]
    fn hindi_percent_of_and_english_numerals_in_devanagari() -> crate::TestResult {
        assert_eq!(claims("hi", "तीस का प्रतिशत")?, [("30".to_string(), "percent".to_string())]);
        assert_eq!(values("hi", "जवाब है माइनस वन")?, ["-1"]);
        assert_eq!(values("hi", "फ़ोर्टी थ्री")?, ["43"]);
        // वन is also "forest".
        assert!(values("hi", "वन विभाग के अधिकारी")?.is_empty());
        assert_eq!(values("hi", "आबादी 2 096 097 है")?, ["2096097"]);
        Ok(())
    }

    #[test]
    fn fold_composes_words() {
        // two hundred and thirty-five thousand
        let atoms =
            [Atom::Num(d(2)), Atom::Mul(d(100)), Atom::Join, Atom::Num(d(30)), Atom::Num(d(5)), Atom::Scale(d(1000))];
        assert_eq!(fold(&atoms).map(|x| x.0), Some(d(235_000)));
        // ba mươi lăm: the multiplier scales the last word only
        let atoms = [Atom::Num(d(2)), Atom::Mul(d(100)), Atom::Num(d(3)), Atom::Mul(d(10)), Atom::Num(d(5))];
        assert_eq!(fold(&atoms).map(|x| x.0), Some(d(235)));
        // three quarters
        let atoms = [Atom::Num(d(3)), Atom::Frac(d(4))];
        assert_eq!(fold(&atoms).map(|x| x.0), Some(Decimal::new(75, 2)));
        // a scale after a scale multiplies: three thousand million
        let atoms = [Atom::Num(d(3)), Atom::Scale(d(1000)), Atom::Scale(d(1_000_000))];
        assert_eq!(fold(&atoms).map(|x| x.0), Some(d(3_000_000_000)));
    }

    #[test]
    fn fractions_divide_what_comes_before() {
        // twenty-three fifths = 23/5
        let atoms = [Atom::Num(d(20)), Atom::Join, Atom::Num(d(3)), Atom::Frac(d(5))];
        assert_eq!(fold(&atoms).map(|x| x.0), Some(Decimal::new(46, 1)));
        // a hundred thousand trillionths = 10^5 / 10^12
        let atoms = [Atom::Mul(d(100)), Atom::Scale(d(1000)), Atom::Frac(d(1_000_000_000_000))];
        assert_eq!(fold(&atoms).map(|x| x.0), Some(Decimal::new(1, 7)));
        // two million and one half: the fraction is of the million
        let atoms = [Atom::Num(d(2)), Atom::Scale(d(1_000_000)), Atom::Num(d(1)), Atom::Frac(d(2))];
        assert_eq!(fold(&atoms).map(|x| x.0), Some(d(2_500_000)));
        // twenty-five hundred: the multiplier scales the whole compound
        let atoms = [Atom::Num(d(20)), Atom::Join, Atom::Num(d(5)), Atom::Mul(d(100))];
        assert_eq!(fold(&atoms).map(|x| x.0), Some(d(2500)));
        // one hundred and three quarters: a proper fraction after "hundred and" is the fraction part
        let atoms = [Atom::Num(d(1)), Atom::Mul(d(100)), Atom::Conj, Atom::Num(d(3)), Atom::Frac(d(4))];
        assert_eq!(fold(&atoms).map(|x| x.0), Some(Decimal::new(10075, 2)));
        // one hundred and thirty fifths: an improper one divides the whole
        let atoms = [Atom::Num(d(1)), Atom::Mul(d(100)), Atom::Conj, Atom::Num(d(30)), Atom::Frac(d(5))];
        assert_eq!(fold(&atoms).map(|x| x.0), Some(d(26)));
        // twenty thousand and one stays whole
        let atoms = [Atom::Num(d(20)), Atom::Scale(d(1000)), Atom::Num(d(1))];
        assert_eq!(fold(&atoms).map(|x| x.0), Some(d(20_001)));
    }

    #[test]
    fn side_by_side_words_add_only_as_tens_and_units() {
        assert!(adds_as_units(d(20), d(5)));
        assert!(adds_as_units(d(200), d(50)));
        assert!(adds_as_units(d(5), d(10)));
        assert!(!adds_as_units(d(20), d(25)));
        assert!(!adds_as_units(d(1), d(2)));
    }

    #[test]
    fn joiners_join_a_term_of_another_order() {
        // nine hundred and five: the term before the joiner is 900, not the unit word
        assert_eq!(last_term(&[Atom::Num(d(9)), Atom::Mul(d(100)), Atom::Join]), Some(d(900)));
        // a scale closes the term: anything may follow it
        assert_eq!(last_term(&[Atom::Num(d(20)), Atom::Scale(d(1000))]), None);
        assert!(joins(d(900), d(5)));
        assert!(joins(d(5), d(20)));
        // five and ten, ten and twenty, two and three: two numbers
        assert!(!joins(d(5), d(10)));
        assert!(!joins(d(10), d(20)));
        assert!(!joins(d(2), d(3)));
        // and zero; and a half
        assert!(!joins(d(300), Decimal::ZERO));
        assert!(joins(d(1), Decimal::new(5, 1)));
    }

    #[test]
    fn powers_are_exact_and_bounded() {
        assert_eq!(power(Decimal::new(25, 1), -1), Some(Decimal::new(4, 1)));
        assert_eq!(power(Decimal::TEN, 6), Some(d(1_000_000)));
        assert_eq!(power(Decimal::TEN, 40), None);
        assert_eq!(power(Decimal::ZERO, -1), None);
        assert_eq!(power(Decimal::TEN, i64::MAX), None);
    }

    /// The values a made-up pack reads in `text`: the constructions are generic, the
    /// words are the test's.
    fn read(pack: &str, text: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let rules = crate::lang::Rules::embedded()?;
        let pack = crate::lang::compile_pack("t.toml", pack, &rules.normalizer)?;
        let mut toks = crate::lex::lex(text);
        pack.lexicon.assign(&mut toks);
        Ok(crate::extract::mentions(&pack, &toks).iter().map(|m| m.value.display()).collect())
    }

    const PACK: &str = r#"
[language]
code = "xx"
name = "Test"
scripts = ["Latin"]
[numbers]
decimal = ["."]
over = ["ovr"]
over_one_counts = true
parts_of = ["parts of"]
definite_prefixes = ["el"]
construct_exceptions = ["elfinal"]
weak = ["one"]
joiners = ["and"]
[numbers.multipliers]
"hundred" = 100
[numbers.words]
"one" = 1
"two" = 2
"three" = 3
"seventy" = 70
"five" = 5
"twenty" = 20
[numbers.construct_fractions]
"five" = 5
[numbers.scales]
"elthousand" = "1000"
"#;

    #[test]
    fn over_after_one_may_take_its_noun() -> crate::TestResult {
        assert_eq!(read(PACK, "1 ovr 20 bags")?, vec!["0.05"]);
        assert_eq!(read(PACK, "one ovr 20 bags")?, vec!["0.05"]);
        // Another numerator needs the end of the clause: "3 over 20 schools" is two counts.
        assert_eq!(read(PACK, "3 ovr 20 bags")?, vec!["3", "20"]);
        assert_eq!(read(PACK, "3 ovr 20")?, vec!["0.15"]);
        let mut off = PACK.replace("over_one_counts = true", "");
        off.push('\n');
        assert_eq!(read(&off, "1 ovr 20 bags")?, vec!["1", "20"]);
        Ok(())
    }

    #[test]
    fn an_over_word_that_opens_a_range_is_no_fraction_after_the_range_middle() -> crate::TestResult {
        // Arabic "min" is both "of" (one of three) and "from" (from 3 to 5).
        let pack = format!("{PACK}[ranges]\nframes = [[\"ovr\", \"tu\"]]\n");
        assert_eq!(read(&pack, "3 ovr 20")?, vec!["0.15"]);
        assert_eq!(read(&pack, "ovr 3 tu 20")?, vec!["3–20"]);
        // "fell to 3 from 20": the range said the other way round.
        assert_eq!(read(&pack, "fell tu 3 ovr 20")?, vec!["3", "20"]);
        assert_eq!(read(&pack, "fell tu 1 ovr 20 bags")?, vec!["1", "20"]);
        assert_eq!(read(&pack, "1 ovr 20 bags")?, vec!["0.05"]);
        Ok(())
    }

    #[test]
    fn an_improper_over_fraction_needs_a_far_quotient() -> crate::TestResult {
        // A score: two counts of one order.
        assert_eq!(read(PACK, "102 ovr 98")?, vec!["102", "98"]);
        assert_eq!(read(PACK, "2096 ovr 2")?, vec!["1048"]);
        // A year is no denominator of an improper fraction.
        assert_eq!(read(PACK, "2096000 ovr 2097")?, vec!["2096000", "2097"]);
        Ok(())
    }

    #[test]
    fn parts_of_a_cardinal_divide() -> crate::TestResult {
        assert_eq!(read(PACK, "3 parts of 20 files")?, vec!["0.15"]);
        assert_eq!(read(PACK, "one parts of twenty")?, vec!["0.05"]);
        assert_eq!(read(PACK, "3 parts of 2097")?, vec!["3", "2097"]);
        // The terms after a joiner below the denominator are the parts of a whole.
        assert_eq!(read(PACK, "two hundred and three parts of hundred")?, vec!["200.03"]);
        assert_eq!(read(PACK, "two hundred and one and seventy parts of hundred")?, vec!["200.71"]);
        // A numerator below the denominator is all parts.
        assert_eq!(read(PACK, "seventy and three parts of hundred")?, vec!["0.73"]);
        Ok(())
    }

    #[test]
    fn construct_fractions_need_a_definite_noun() -> crate::TestResult {
        assert_eq!(read(PACK, "ate five elpie")?, vec!["0.2"]);
        // Before an indefinite noun the word is the number.
        assert_eq!(read(PACK, "five pies")?, vec!["5"]);
        // Not before a listed noun, nor a number word (a scale word that only begins like
        // the article is one: Arabic "alaf", thousands, written without its hamza).
        assert_eq!(read(PACK, "the five elfinal")?, vec!["5"]);
        assert_eq!(read(PACK, "five elthousand")?, vec!["5000"]);
        // Before a definite number or scale word, that part of it: "a fifth of the
        // twenty", "half the million".
        assert_eq!(read(PACK, "five eltwenty")?, vec!["4"]);
        let pack = format!("{PACK}\"million\" = \"1000000\"\n");
        assert_eq!(read(&pack, "five elmillion dollars")?, vec!["200000"]);
        Ok(())
    }

    #[test]
    fn split_needs_the_whole_word() {
        let pieces = vec![
            ("sechs".to_string(), Sense::Number(d(6))),
            ("und".to_string(), Sense::Joiner),
            ("zwanzig".to_string(), Sense::Number(d(20))),
        ];
        assert_eq!(
            split(&Pieces::new(pieces.clone()), "sechsundzwanzig").and_then(|a| fold(&a)).map(|x| x.0),
            Some(d(26))
        );
        assert_eq!(split(&Pieces::new(pieces.clone()), "sechsundzwanzigste"), None);
        assert_eq!(split(&Pieces::new(pieces.clone()), "sechs"), None);
    }
}
