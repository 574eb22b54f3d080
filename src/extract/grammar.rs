//! The claim grammar: nom parsers over tokens, generic over a language pack.
//!
//! A claim is, in order: an optional qualifier ("about", "more than"), an optional framed
//! range opener ("between"), an optional currency sign, a number in digits or words with
//! its scale words, an optional second number of a range, an optional qualifier after it,
//! and a unit: a currency, or a measure noun up to `gap` words further on. Dates, article
//! references and ordinals are claims of their own measures.

use super::number::too_large;
use super::toks::Toks;
use crate::lang::{Kinds, Pack, Sense, kinds};
use crate::lex::{Kind, Tok};
use crate::value::{Date, Qualifier, Value};
use nom::branch::alt;
use nom::combinator::opt;
use nom::error::{Error, ErrorKind};
use nom::{IResult, Input, Parser};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::Arc;

pub type Res<'s, 'a, T> = IResult<Toks<'s, 'a>, T>;

/// The measure of an amount stated in a currency's hundredth part alone ("50 cents").
pub const SUBUNIT_MEASURE: &str = "money:cent";

pub(super) fn fail<'s, 'a, T>(i: Toks<'s, 'a>) -> Res<'s, 'a, T> {
    Err(nom::Err::Error(Error::new(i, ErrorKind::Verify)))
}

/// A number read from digits or words.
#[derive(Debug, Clone)]
pub struct Num {
    pub value: Decimal,
    /// The unit of the last stated digit (for rounded figures), zero for exact integers.
    pub precision: Decimal,
    /// A single weak word ("one", "a"): a number only when something else confirms it.
    pub weak: bool,
    /// Four plain digits: may be a year.
    pub year_like: bool,
    /// The scale words multiplied in (1 when none): "3 million" has 1000000.
    pub scale: Decimal,
    /// A part of a whole ("1 in 20", "3 out of 10"): a noun after it counts the whole,
    /// so the figure is a share and takes no measure from it ("1 in 20 people" is no
    /// 0.05 people).
    pub share: bool,
}

impl Num {
    /// A value computed exactly (a fraction, a power, an amount with its cents): no
    /// rounding, no scale word, never a year.
    pub fn exact(value: Decimal) -> Self {
        Num { value, precision: Decimal::ZERO, weak: false, year_like: false, scale: Decimal::ONE, share: false }
    }

    /// A part of a whole, computed exactly.
    pub fn share(value: Decimal) -> Self {
        Num { share: true, ..Num::exact(value) }
    }
}

/// One numeric claim found in the text, in token indices of the normalized text.
#[derive(Debug, Clone)]
pub struct Mention {
    pub first: usize,
    /// Index one past the last token.
    pub end: usize,
    pub value: Value,
    pub qualifier: Qualifier,
    pub measure: Option<Arc<str>>,
    /// Byte offsets of the mention in the normalized text, `start..end`: kept from its
    /// tokens while they are at hand, so that later stages need not read them again (a
    /// document's tokens outgrow the caches long before resolution).
    pub bytes: (usize, usize),
}

pub struct Grammar<'p, 's, 'a> {
    pub pack: &'p Pack,
    pub all: &'s [Tok<'a>],
    /// The framed range being read ("between … and"): its middle word ends a number.
    pub frame: std::cell::Cell<Option<usize>>,
    /// Reading the second end of a framed range whose middle word is glued to its first
    /// word: the number starts with that word's joiner, which is dropped.
    pub glued_mid: std::cell::Cell<bool>,
}

impl<'p, 's, 'a> Grammar<'p, 's, 'a> {
    /// The mention of tokens `first..end`.
    fn mention(
        &self,
        first: usize,
        end: usize,
        value: Value,
        qualifier: Qualifier,
        measure: Option<Arc<str>>,
    ) -> Mention {
        let at = |k: usize| self.all.get(k);
        let bytes = match (at(first), end.checked_sub(1).and_then(at)) {
            (Some(a), Some(b)) => (a.start, b.end),
            _ => (0, 0),
        };
        Mention { first, end, value, qualifier, measure, bytes }
    }

    /// A phrase of the pack at the head of the input, of one of the `kinds`, whose sense
    /// `pick` accepts (and reads).
    pub(super) fn sense<T>(&self, i: Toks<'s, 'a>, kinds: Kinds, pick: impl Fn(&Sense) -> Option<T>) -> Res<'s, 'a, T> {
        match self.pack.lexicon.find(i.toks, 0, kinds, pick) {
            Some((n, v)) => Ok((i.take_from(n), v)),
            None => fail(i),
        }
    }

    /// Like `sense`, but only on the same line as what came before.
    pub(super) fn next_sense<T>(
        &self,
        i: Toks<'s, 'a>,
        kinds: Kinds,
        pick: impl Fn(&Sense) -> Option<T>,
    ) -> Res<'s, 'a, T> {
        if i.first().is_some_and(|t| t.newline_before) { fail(i) } else { self.sense(i, kinds, pick) }
    }

    /// A phrase of one of the `kinds` at the head of the input.
    pub(super) fn word(&self, i: Toks<'s, 'a>, kinds: Kinds) -> Res<'s, 'a, ()> {
        match self.pack.lexicon.find_kind(i.toks, 0, kinds) {
            Some(n) => Ok((i.take_from(n), ())),
            None => fail(i),
        }
    }

    /// Like `word`, but only on the same line as what came before.
    pub(super) fn next_word(&self, i: Toks<'s, 'a>, kinds: Kinds) -> Res<'s, 'a, ()> {
        if i.first().is_some_and(|t| t.newline_before) { fail(i) } else { self.word(i, kinds) }
    }

    /// Whether the middle word of the framed range `frame` ("and" of "between … and") is
    /// at the head of the input.
    pub(super) fn is_frame_mid(&self, i: Toks<'s, 'a>, frame: Option<usize>) -> bool {
        let Some(f) = frame else { return false };
        self.sense(i, kinds![FrameMid], |s| matches!(s, Sense::FrameMid(g) if *g == f).then_some(())).is_ok()
    }

    /// Whether a phrase of one of the `kinds` is at the head of the input.
    pub(super) fn is(&self, i: Toks<'s, 'a>, kinds: Kinds) -> bool {
        self.pack.lexicon.find_kind(i.toks, 0, kinds).is_some()
    }

    pub(super) fn sign<'x>(&self, text: &'x str) -> impl Fn(Toks<'s, 'a>) -> Res<'s, 'a, ()> + 'x {
        move |i: Toks<'s, 'a>| match i.first() {
            Some(t) if t.kind == Kind::Sign && t.text == text && !t.newline_before => Ok((i.take_from(1), ())),
            _ => fail(i),
        }
    }

    pub(super) fn num_tok(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, &'s Tok<'a>> {
        match i.first() {
            Some(t) if t.kind == Kind::Num => Ok((i.take_from(1), t)),
            _ => fail(i),
        }
    }

    /// A number literal read with the pack's separators: (value, digits after the point).
    pub(super) fn literal(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, (Decimal, u32, bool)> {
        let (rest, t) = self.num_tok(i)?;
        match parse_literal(self.pack, t.text) {
            Some((v, d)) => {
                let year_like = t.text.len() == 4 && d == 0 && (Decimal::from(1000)..=Decimal::from(2999)).contains(&v);
                Ok((rest, (v, d, year_like)))
            }
            None => fail(i),
        }
    }

    pub(super) fn glued_to_word_before(&self, i: Toks<'s, 'a>) -> bool {
        let Some(t) = i.first() else { return false };
        if t.space_before || i.base == 0 {
            return false;
        }
        let Some(p) = self.all.get(i.base - 1) else { return false };
        let prefix = self.pack.lexicon.find_kind(self.all, i.base - 1, kinds![GluedPrefix]);
        p.is_spaced_word() && prefix.is_none_or(|n| n != 1)
    }

    // ---- dates ----

    fn small_int(&self, i: Toks<'s, 'a>, max: u32) -> Res<'s, 'a, u32> {
        let (rest, t) = self.num_tok(i)?;
        match t.text.parse::<u32>() {
            Ok(v) if (1..=max).contains(&v) && t.text.len() <= 2 => Ok((rest, v)),
            _ => fail(i),
        }
    }

    fn year_num(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, i32> {
        let (rest, t) = self.num_tok(i)?;
        match t.text.parse::<i32>() {
            Ok(v) if t.text.len() == 4 && (1000..=2999).contains(&v) => Ok((rest, v)),
            _ => fail(i),
        }
    }

    fn year(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, i32> {
        let (i, _) = opt(|i| self.next_word(i, kinds![YearPrefix])).parse(i)?;
        if i.first().is_some_and(|t| t.newline_before) {
            return fail(i);
        }
        let (i, y) = self.year_num(i)?;
        let (i, _) = opt(|i| self.year_suffix(i)).parse(i)?;
        Ok((i, y))
    }

    fn year_suffix(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, ()> {
        self.next_word(i, kinds![YearSuffix])
    }

    fn day_suffix(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, ()> {
        let ordinal = |i| self.next_word(i, kinds![OrdinalSuffix]);
        match self.next_word(i, kinds![DaySuffix]) {
            Ok(r) => Ok(r),
            Err(_) if i.first().is_some_and(|t| !t.space_before) => ordinal(i),
            Err(e) => Err(e),
        }
    }

    fn month(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, u8> {
        self.next_sense(i, kinds![Month], |s| match s {
            Sense::Month(m) => Some(*m),
            _ => None,
        })
    }

    fn connector(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, ()> {
        self.next_word(i, kinds![RangeConnector])
    }

    fn day_range(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, (u8, u8)> {
        let (i, d1) = self.small_int(i, 31)?;
        let (i, _) = opt(|i| self.day_suffix(i)).parse(i)?;
        let (i, d2) = opt(|i| {
            let (i, ()) = self.connector(i)?;
            let (i, d) = self.small_int(i, 31)?;
            let (i, _) = opt(|i| self.day_suffix(i)).parse(i)?;
            Ok((i, d))
        })
        .parse(i)?;
        Ok((i, (d1 as u8, d2.unwrap_or(d1) as u8)))
    }

    fn date(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, (Date, Date)> {
        let day_prefix = |i| self.word(i, kinds![DayPrefix]);
        let comma = self.sign(",");
        let slash = self.sign("/");
        let make = |y: Option<i32>, m: u8, (d1, d2): (u8, u8)| {
            (Date { year: y, month: Some(m), day: Some(d1) }, Date { year: y, month: Some(m), day: Some(d2) })
        };
        // 3-4 May 2019, ngày 3 tháng 5 năm 2019
        let dmy = |i| {
            let (i, _) = opt(day_prefix).parse(i)?;
            let (i, days) = self.day_range(i)?;
            let (i, m) = self.month(i)?;
            let (i, y) = opt(|i| self.year(i)).parse(i)?;
            Ok((i, make(y, m, days)))
        };
        // May 3-4, 2019
        let mdy = |i| {
            let (i, m) = self.month(i)?;
            let (i, days) = self.day_range(i)?;
            let (i, y) = opt(|i| {
                let (i, _) = opt(&comma).parse(i)?;
                self.year(i)
            })
            .parse(i)?;
            Ok((i, make(y, m, days)))
        };
        // May 2019, tháng 5/2019
        let my = |i| {
            let (i, m) = self.month(i)?;
            let (i, _) = opt(alt((&slash, &comma))).parse(i)?;
            let (i, y) = self.year(i)?;
            let d = Date { year: Some(y), month: Some(m), day: None };
            Ok((i, (d, d)))
        };
        // 3/5/2019, 3-4/5/2019 (order from the pack)
        let numeric = |i| {
            let (i, _) = opt(day_prefix).parse(i)?;
            let (i, (a1, a2)) = self.day_range(i)?;
            let (i, ()) = slash(i)?;
            let (i, b) = self.small_int(i, 31)?;
            let (i, ()) = slash(i)?;
            let (i, y) = self.year_num(i)?;
            let (d, m) = match self.pack.date_order.as_str() {
                "mdy" => ((b as u8, b as u8), a1),
                _ => ((a1, a2), b as u8),
            };
            if !(1..=12).contains(&m) || (self.pack.date_order == "mdy" && a1 != a2) {
                return fail(i);
            }
            Ok((i, make(Some(y), m, d)))
        };
        // năm 2019, the year 2019, 2019年 (a year marked as one)
        let marked_year = |i| {
            let (i, y) = match self.word(i, kinds![YearPrefix]) {
                Ok((i, ())) => self.year_num(i)?,
                Err(_) => {
                    let (i, y) = self.year_num(i)?;
                    let (i, ()) = self.year_suffix(i)?;
                    (i, y)
                }
            };
            // 2019年5月3日, 2019년 5월 3일: year, month, day
            if let Ok((i2, m)) = self.month(i) {
                let (i2, days) = match self.day_range(i2) {
                    Ok((i3, days)) => (i3, Some(days)),
                    Err(_) => (i2, None),
                };
                return Ok(match days {
                    Some(days) => (i2, make(Some(y), m, days)),
                    None => {
                        let d = Date { year: Some(y), month: Some(m), day: None };
                        (i2, (d, d))
                    }
                });
            }
            Ok((i, (Date::year(y), Date::year(y))))
        };
        alt((dmy, mdy, my, numeric, marked_year)).parse(i)
    }

    // ---- claims ----

    fn reference(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, (Arc<str>, Decimal)> {
        let (i, (m, needs_end)) = self.sense(i, kinds![Reference], |s| match s {
            Sense::Reference(m, end) => Some((m.clone(), *end)),
            _ => None,
        })?;
        if i.first().is_some_and(|t| t.newline_before) {
            return fail(i);
        }
        let (i, (v, d, _)) = self.literal(i)?;
        if d > 0 {
            return fail(i);
        }
        // A glued sub-paragraph: Article 21(4).
        let sub = |i| {
            let (i, _) = self.glued_sign("(")(i)?;
            let (i, _) = self.num_tok(i)?;
            self.glued_sign(")")(i)
        };
        let (i, _) = opt(sub).parse(i)?;
        if needs_end {
            // 第3回 is a third meeting, not an article: the template's end must follow.
            let (i, ()) = self.next_sense(i, kinds![ReferenceEnd], |s| {
                matches!(s, Sense::ReferenceEnd(e) if *e == m).then_some(())
            })?;
            return Ok((i, (m, v)));
        }
        Ok((i, (m, v)))
    }

    pub(super) fn glued_sign<'x>(&self, text: &'x str) -> impl Fn(Toks<'s, 'a>) -> Res<'s, 'a, ()> + 'x {
        move |i: Toks<'s, 'a>| match i.first() {
            Some(t) if t.kind == Kind::Sign && t.text == text && !t.space_before => Ok((i.take_from(1), ())),
            _ => fail(i),
        }
    }

    pub(super) fn ordinal(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Decimal> {
        let prefixed = |i| {
            let (i, ()) = self.word(i, kinds![OrdinalPrefix])?;
            let (i, n) = self.number(i)?;
            Ok((i, n.value))
        };
        let suffixed = |i: Toks<'s, 'a>| {
            if self.glued_to_word_before(i) {
                return fail(i);
            }
            let plain = i.first().is_some_and(|t| t.text.bytes().all(|b| b.is_ascii_digit()));
            // The suffix must be glued to the digits: checked before the literal is read,
            // since most numbers have none (the literal is one token).
            if !plain || i.get(1).is_none_or(|t| t.space_before) {
                return fail(i);
            }
            let (i, (v, d, year_like)) = self.literal(i)?;
            if d > 0 || i.first().is_none_or(|t| t.space_before) {
                return fail(i);
            }
            // A sentence's full stop after a year is no ordinal dot ("… in 2024.").
            if year_like && i.first().is_some_and(|t| t.text == ".") {
                return fail(i);
            }
            let (i, ()) = self.word(i, kinds![OrdinalSuffix])?;
            Ok((i, v))
        };
        let word = |i| {
            self.sense(i, kinds![OrdinalWord], |s| {
                if let Sense::OrdinalWord(n) = s { Some(Decimal::from(*n)) } else { None }
            })
        };
        alt((prefixed, suffixed, word)).parse(i)
    }

    fn qual_before(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Qualifier> {
        // "=>30", "<>30": a comparison sign glued after another one is no qualifier.
        if i.first().is_some_and(|t| t.kind == Kind::Sign && !t.space_before)
            && i.base
                .checked_sub(1)
                .and_then(|b| self.all.get(b))
                .is_some_and(|p| p.kind == Kind::Sign && p.text.chars().last().is_some_and(|c| "<=>≤≥≠!".contains(c)))
        {
            return fail(i);
        }
        // "<a0> 29": a sign glued to the word before it and apart from the number closes
        // that word (a tag, an arrow), it does not compare.
        if i.first().is_some_and(|t| t.kind == Kind::Sign && !t.space_before)
            && i.get(1).is_some_and(|n| n.space_before)
            && i.base.checked_sub(1).and_then(|b| self.all.get(b)).is_some_and(|p| p.kind != Kind::Sign)
        {
            return fail(i);
        }
        self.sense(i, kinds![QualBefore], |s| if let Sense::QualBefore(q) = s { Some(*q) } else { None })
    }

    /// A qualifier after the number ("or more"), also when the number's scale phrase took
    /// its conjunction ("five hundred and more"); not one whose words begin a qualifier of
    /// the next number ("200 or greater than 190", "5000 or less than 6000"), nor one
    /// followed by a number.
    fn qual_after(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Qualifier> {
        let pick = |s: &Sense| if let Sense::QualAfter(q) = s { Some(*q) } else { None };
        let (from, (rest, q)) = match self.next_sense(i, kinds![QualAfter], pick) {
            Ok(found) => (i.base, found),
            Err(e) => {
                let b = i.base.checked_sub(1).filter(|b| self.conjunction_at(*b)).ok_or(e)?;
                (b, self.next_sense(Toks::new(self.all.get(b..).unwrap_or_default(), b), kinds![QualAfter], pick)?)
            }
        };
        // "0.3 plus 0.8": a number right after the words makes them arithmetic.
        if rest.first().is_some_and(|t| !t.newline_before) && self.number(rest).is_ok_and(|(_, n)| !n.weak) {
            return fail(i);
        }
        for k in from + 1..rest.base {
            let at = Toks::new(self.all.get(k..).unwrap_or_default(), k);
            if let Ok((after, ())) = self.word(at, kinds![QualBefore])
                && after.base > rest.base
                && self.number(after).is_ok()
            {
                return fail(i);
            }
        }
        Ok((rest, q))
    }

    fn currency(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Arc<str>> {
        let i = self.hyphen_glued(i);
        self.next_sense(i, kinds![Currency], |s| if let Sense::Currency(c) = s { Some(c.clone()) } else { None })
    }

    /// Past a hyphen glued on both sides between a number and its noun ("12-cent",
    /// "one-yen", "52-article"); the input as it is otherwise.
    fn hyphen_glued(&self, i: Toks<'s, 'a>) -> Toks<'s, 'a> {
        match (i.first(), i.get(1)) {
            (Some(h), Some(n))
                if h.kind == Kind::Sign
                    && h.text == "-"
                    && !h.space_before
                    && !n.space_before
                    && n.kind == Kind::Word =>
            {
                i.take_from(1)
            }
            _ => i,
        }
    }

    fn measure_word(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Arc<str>> {
        self.next_sense(i, kinds![Measure], |s| if let Sense::Measure(m) = s { Some(m.clone()) } else { None })
    }

    /// A measure noun right here or after up to `gap` plain words (adjectives).
    fn measure(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Arc<str>> {
        // "two-day", "52-article": a hyphen glued on both sides joins number and noun.
        let mut cur = self.hyphen_glued(i);
        for _ in 0..=self.pack.gap {
            if let Ok(found) = self.measure_word(cur) {
                return Ok(found);
            }
            match cur.first() {
                Some(t) if t.kind == Kind::Word && !t.newline_before => {}
                _ => return fail(i),
            }
            if self.is(cur, kinds![Stop, Currency, Number, Scale, Month, Negative]) {
                return fail(i);
            }
            cur = cur.take_from(1);
        }
        fail(i)
    }

    /// "countries and organizations": two measure nouns joined by a conjunction.
    fn compound(&self, i: Toks<'s, 'a>, first: &Arc<str>) -> Res<'s, 'a, Arc<str>> {
        let (i2, ()) = self.next_word(i, kinds![Conjunction])?;
        let (i3, second) = self.measure(i2)?;
        if &second == first {
            return fail(i);
        }
        let (a, b) = if first.as_ref() < second.as_ref() { (first, &second) } else { (&second, first) };
        Ok((i3, format!("{a}_or_{b}").into()))
    }

    /// What joins a range's two ends: the frame's middle word ("and" of "between … and")
    /// or a connector ("to", "–"), not followed by a line break.
    fn range_joint(&self, i: Toks<'s, 'a>, frame: Option<usize>) -> Res<'s, 'a, ()> {
        let (i, ()) = match frame {
            Some(f) => {
                self.next_sense(i, kinds![FrameMid], |s| matches!(s, Sense::FrameMid(g) if *g == f).then_some(()))?
            }
            None => self.connector(i)?,
        };
        if i.first().is_some_and(|t| t.newline_before) {
            return fail(i);
        }
        Ok((i, ()))
    }

    fn range_tail(&self, i: Toks<'s, 'a>, frame: Option<usize>) -> Res<'s, 'a, Num> {
        let (rest, n) = match self.range_joint(i, frame) {
            Ok((rest, ())) => self.number(rest)?,
            // "between ten and-twenty": the middle word glued to the second number word.
            Err(e) => {
                let glued = frame.is_some_and(|f| self.pack.glued_mid_frames.contains(&f))
                    && i.first().is_some_and(|t| {
                        t.kind == Kind::Word
                            && !t.newline_before
                            && self
                                .pack
                                .glued_conjunctions
                                .iter()
                                .any(|c| t.key.len() > c.len() && t.key.starts_with(c.as_str()))
                    });
                if !glued {
                    return Err(e);
                }
                self.glued_mid.set(true);
                let found = self.number(i);
                self.glued_mid.set(false);
                found?
            }
        };
        // "+1-222-2222-2222": a third glued group makes a phone number or a code, no range.
        let glued = |k: usize| rest.get(k).is_some_and(|t| !t.space_before);
        if glued(0)
            && glued(1)
            && rest.get(0).is_some_and(|t| t.kind == Kind::Sign && matches!(t.text, "-" | "/"))
            && rest.get(1).is_some_and(|t| t.kind == Kind::Num)
        {
            return fail(i);
        }
        Ok((rest, n))
    }

    /// The second end of a range framed after its numbers: the frame's middle word, the
    /// number, and the closing words, right after it or after its unit ("20 और 30 के बीच",
    /// "20 और 30 साल के बीच"); the closing words are read when they follow the number.
    fn closed_range_tail(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Num> {
        let mid =
            |i| self.next_sense(i, kinds![CloseMid], |s| if let Sense::CloseMid(f) = s { Some(*f) } else { None });
        // The middle word may end the first number's scale phrase ("20 हज़ार और 30 हज़ार के बीच").
        let back = i.base.checked_sub(1).map(|b| Toks::new(self.all.get(b..).unwrap_or_default(), b));
        let (rest, f) = mid(i).or_else(|e| match back.map(mid) {
            Some(Ok((r, f))) if r.base == i.base => Ok((r, f)),
            _ => Err(e),
        })?;
        if rest.first().is_none_or(|t| t.newline_before) {
            return fail(i);
        }
        let (rest, n) = self.number(rest)?;
        let closer =
            |at| self.next_sense(at, kinds![CloseEnd], |s| matches!(s, Sense::CloseEnd(g) if *g == f).then_some(()));
        if let Ok((after, ())) = closer(rest) {
            return Ok((after, n));
        }
        let unit_end = self.currency(rest).map(|(r, _)| r).or_else(|_| self.measure(rest).map(|(r, _)| r));
        match unit_end {
            Ok(u) if closer(u).is_ok() => Ok((rest, n)),
            _ => fail(i),
        }
    }

    /// The second end of a range whose first end already took its unit: a connector (or
    /// the frame's middle word), then the number with the same unit again, before it for
    /// a currency written before ("$10-$20"), else after it ("10 dollars to 20 dollars").
    fn unit_range_tail(
        &self,
        i: Toks<'s, 'a>,
        frame: Option<usize>,
        unit: &Arc<str>,
        before: bool,
    ) -> Res<'s, 'a, Num> {
        let (i, ()) = self.range_joint(i, frame)?;
        let same = |c: &Arc<str>| unit.strip_prefix("money:") == Some(&**c);
        if before {
            let (i, c) =
                self.sense(i, kinds![Currency], |s| if let Sense::Currency(c) = s { Some(c.clone()) } else { None })?;
            if !same(&c) {
                return fail(i);
            }
            return self.number(i);
        }
        let (i, n) = self.number(i)?;
        let (i, again) = match self.currency(i) {
            Ok((i, c)) if same(&c) => (i, true),
            Ok((i, _)) => (i, false),
            Err(_) => match self.measure(i) {
                Ok((i, m)) => (i, m == *unit),
                Err(_) => (i, false),
            },
        };
        if !again {
            return fail(i);
        }
        Ok((i, n))
    }

    /// `qb`: the qualifier before, as `qual_before` reads it at `i` (read once per claim).
    fn quantity(&self, i: Toks<'s, 'a>, framed: bool, qb: Option<(Toks<'s, 'a>, Qualifier)>) -> Res<'s, 'a, Mention> {
        let first = i.base;
        let (i, qb) = match qb {
            Some((rest, q)) => (rest, Some(q)),
            None => (i, None),
        };
        let (i, frame) = if framed {
            let (i, f) =
                self.sense(i, kinds![FrameOpen], |s| if let Sense::FrameOpen(f) = s { Some(*f) } else { None })?;
            (i, Some(f))
        } else {
            (i, None)
        };
        let (i, unit_before) =
            opt(|i| {
                self.sense(i, kinds![MeasureBefore], |s| {
                    if let Sense::MeasureBefore(m) = s { Some(m.clone()) } else { None }
                })
            })
            .parse(i)?;
        let (i, cur_before) = opt(|i| {
            self.sense(i, kinds![Currency], |s| if let Sense::Currency(c) = s { Some(c.clone()) } else { None })
        })
        .parse(i)?;
        self.frame.set(frame);
        let n1 = self.number(i);
        self.frame.set(None);
        let (after_n1, mut n1) = n1?;
        let (i, mut n2) = match frame {
            // "between 10 dollars and 20 dollars": the unit may come first; checked below.
            Some(_) => match self.range_tail(after_n1, frame) {
                Ok((rest, n)) => (rest, Some(n)),
                Err(_) => (after_n1, None),
            },
            None => match self.range_tail(after_n1, None).or_else(|_| self.closed_range_tail(after_n1)) {
                Ok((rest, n)) => (rest, Some(n)),
                Err(_) => (after_n1, None),
            },
        };
        // "between 2 and 3 million": the first number takes the second's scale.
        if let Some(n2) = &n2
            && n1.scale == Decimal::ONE
            && n2.scale > Decimal::ONE
            && n1.value.checked_mul(n2.scale).is_some_and(|v| v < n2.value)
        {
            n1.value *= n2.scale;
            n1.precision = n2.precision;
            n1.year_like = false;
        }
        // A range goes up: "212 to 148" and "1995-01" are no ranges.
        let i = match &n2 {
            Some(n) if n.value <= n1.value => {
                if frame.is_some() {
                    return fail(i);
                }
                n2 = None;
                after_n1
            }
            _ => i,
        };
        let (i, qa) = opt(|i| self.qual_after(i)).parse(i)?;
        let currency_after = self.currency(i).ok();
        let lone_subunit = if currency_after.is_none() { self.lone_subunit(i) } else { None };
        let unit_adjacent = cur_before.is_some()
            || unit_before.is_some()
            || currency_after.is_some()
            || lone_subunit.is_some()
            || self.measure_word(i).is_ok();
        let (i, unit) = match (&cur_before, currency_after, lone_subunit) {
            (Some(c), _, _) => (i, Some(Arc::<str>::from(format!("money:{c}")))),
            (None, Some((i, c)), _) => {
                // "75 USD million": the scale after the code.
                let i = match self.scales(i) {
                    Ok((rest, s)) if s > Decimal::ONE && n2.is_none() && n1.scale == Decimal::ONE => {
                        n1.value = n1.value.checked_mul(s).ok_or_else(|| too_large(i))?;
                        n1.precision = s;
                        n1.scale = s;
                        n1.year_like = false;
                        rest
                    }
                    _ => i,
                };
                (i, Some(Arc::<str>::from(format!("money:{c}"))))
            }
            (None, None, Some(rest)) => (rest, Some(Arc::<str>::from(SUBUNIT_MEASURE))),
            (None, None, None) => match opt(|i| self.measure(i)).parse(i)? {
                (i, None) => (i, unit_before.clone()),
                found => found,
            },
        };
        // The noun after a part of a whole counts the whole: read, but no measure of the share.
        let unit = if n1.share { None } else { unit };
        let (i, unit) = match unit {
            Some(m) if cur_before.is_none() && unit_before.is_none() => match self.compound(i, &m) {
                Ok((i, c)) => (i, Some(c)),
                Err(_) => (i, Some(m)),
            },
            other => (i, other),
        };
        // "three hours and a half": the half after the noun belongs to a whole number (not
        // to a share, nor after a scale: "2 million people and a half").
        let takes_half =
            unit.is_some() && n2.is_none() && !n1.share && n1.scale == Decimal::ONE && n1.value.fract().is_zero();
        let (i, n1) = match takes_half.then(|| self.fraction_after_noun(i)).flatten() {
            Some((rest, f)) => (rest, Num { value: n1.value + f, year_like: false, ..n1 }),
            _ => (i, n1),
        };
        // "10 dollars to 20 dollars", "$10-$20": a range whose ends both carry the unit.
        let (i, n2) = match (&n2, &unit) {
            (None, Some(u)) => match self.unit_range_tail(i, frame, u, cur_before.is_some()) {
                Ok((rest, n)) if n.value > n1.value => (rest, Some(n)),
                _ => (i, n2),
            },
            _ => (i, n2),
        };
        if frame.is_some() && n2.is_none() {
            return fail(i);
        }
        let (i, qa) = match qa {
            Some(q) => (i, Some(q)),
            None if unit.is_some() => opt(|i| self.qual_after(i)).parse(i)?,
            None => (i, None),
        };
        let confirmed = unit.is_some() || qb.is_some() || qa.is_some() || n2.is_some();
        // A weak word ("one", "a") needs its noun right after it, or a qualifier or range,
        // unless it stands alone on its line (a table cell, an answer).
        let alone = (first == 0 || self.all.get(first).is_some_and(|t| t.newline_before))
            && i.first().is_none_or(|t| t.newline_before);
        if n1.weak && !(unit_adjacent || qb.is_some() || qa.is_some() || n2.is_some() || alone) {
            return fail(i);
        }
        // A bare four-digit number with nothing around it is a year.
        if n1.year_like && !confirmed {
            let y = n1.value.try_into().unwrap_or(0i32);
            let d = Date::year(y);
            return Ok((
                i,
                self.mention(first, i.base, Value::Date { low: d, high: d }, Qualifier::Exact, Some("date".into())),
            ));
        }
        // "20 dollars 43 cents", "$20 and 43c": the hundredths of the amount; "$20 43",
        // "15 dollars and 50" at the end of a clause: the same, the sub-unit unsaid.
        let whole = n1.value.fract().is_zero() && n1.scale == Decimal::ONE;
        let (i, n1) = match (&unit, &n2) {
            (Some(u), None) if u.starts_with("money:") && &**u != SUBUNIT_MEASURE => {
                match self.subunit(i).or_else(|e| if whole { self.unsaid_subunit(i) } else { Err(e) }) {
                    Ok((rest, cents)) => {
                        let mut n = n1;
                        n.value += cents / Decimal::ONE_HUNDRED;
                        n.precision = Decimal::ZERO;
                        (rest, n)
                    }
                    Err(_) => (i, n1),
                }
            }
            _ => (i, n1),
        };
        let precision = n2.as_ref().map_or(n1.precision, |n| n.precision.max(n1.precision));
        // "about 500 or more", "equal to 5000 or less": the bound after the number says
        // more than the "about" or the equality before.
        let q = match (qb, qa) {
            (Some(Qualifier::About | Qualifier::Nearly), Some(a)) if a != Qualifier::About => Some(a),
            (Some(Qualifier::Stated), Some(a)) => Some(a),
            (b, a) => b.or(a),
        };
        let (qualifier, low, high) = match n2 {
            Some(n2) => (Qualifier::Range, Some(n1.value), Some(n2.value)),
            None => qualified(q, n1.value),
        };
        Ok((i, self.mention(first, i.base, Value::Number { low, high, precision }, qualifier, unit)))
    }

    /// "(and) 43 cents" after an amount: a whole number below a hundred and a sub-unit word.
    fn subunit(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Decimal> {
        let (i, _) = opt(|i| self.word(i, kinds![Conjunction])).parse(i)?;
        let (i, n) = self.number(i)?;
        if n.value >= Decimal::ONE_HUNDRED || !n.value.fract().is_zero() || n.value.is_sign_negative() {
            return fail(i);
        }
        let (i, ()) = self.next_word(i, kinds![Subunit])?;
        Ok((i, n.value))
    }

    /// "43" (or "and forty-three") after a whole amount, with the clause ending there: the
    /// cents of the amount, their word left out.
    fn unsaid_subunit(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Decimal> {
        let (i, _) = opt(|i| self.next_word(i, kinds![Conjunction])).parse(i)?;
        if i.first().is_none_or(|t| t.newline_before) {
            return fail(i);
        }
        let (rest, n) = self.number(i)?;
        let cents = n.value > Decimal::ZERO && n.value < Decimal::ONE_HUNDRED && n.value.fract().is_zero();
        if !cents || n.year_like || !self.clause_ends(rest) {
            return fail(i);
        }
        Ok((rest, n.value))
    }

    /// Nothing more of the clause follows: the end of the text or line, or a sign other
    /// than a unit sign.
    pub(super) fn clause_ends(&self, i: Toks<'s, 'a>) -> bool {
        i.first().is_none_or(|t| t.newline_before || (t.kind == Kind::Sign && !self.is(i, kinds![Measure, Currency])))
    }

    /// "50 cents", "10¢" with no amount before: an amount in the hundredth part of some
    /// currency. A one-letter word ("5 p", "10 c") is too ambiguous alone ("10 p.m."), and
    /// the word must end the phrase ("xu" of "xu hướng" is not a coin).
    fn lone_subunit(&self, i: Toks<'s, 'a>) -> Option<Toks<'s, 'a>> {
        let i = self.hyphen_glued(i);
        let (rest, ()) = self.next_word(i, kinds![Subunit]).ok()?;
        let t = i.first()?;
        let letters = t.text.chars().count();
        if t.kind == Kind::Word && letters < 2 {
            return None;
        }
        let free = letters > 2
            || rest.first().is_none_or(|n| {
                n.newline_before || n.kind != Kind::Word || self.is(rest, kinds![Stop, Conjunction, SentenceEnd])
            });
        free.then_some(rest)
    }

    /// One claim at the head of the input.
    pub fn claim(&self, i: Toks<'s, 'a>) -> Res<'s, 'a, Mention> {
        let first = i.base;
        // The qualifier before is read once, when an alternative first asks for it.
        let qb_cell = std::cell::OnceCell::new();
        let qb = || *qb_cell.get_or_init(|| self.qual_before(i).ok());
        // A date, or a qualifier before a date ("until 15 March", "by 2040"): still a date.
        let dated = self.date(i).or_else(|e| match qb() {
            Some((after_q, _)) => self.date(after_q),
            None => Err(e),
        });
        if let Ok((rest, (lo, hi))) = dated {
            let q = if lo == hi { Qualifier::Exact } else { Qualifier::Range };
            let m = self.mention(first, rest.base, Value::Date { low: lo, high: hi }, q, Some("date".into()));
            return Ok((rest, m));
        }
        if let Ok((rest, (measure, v))) = self.reference(i) {
            let m = self.mention(first, rest.base, Value::exact(v, Decimal::ZERO), Qualifier::Reference, Some(measure));
            return Ok((rest, m));
        }
        // "nearly double": a ratio the sentence states between two figures.
        let ratio = |i| -> Res<'s, 'a, (Option<Qualifier>, Decimal)> {
            let (i, q) = match qb() {
                Some((rest, q)) => (rest, Some(q)),
                None => (i, None),
            };
            let (i, f) = self.sense(i, kinds![Ratio], |s| if let Sense::Ratio(f) = s { Some(*f) } else { None })?;
            Ok((i, (q, f)))
        };
        if let Ok((rest, (q, f))) = ratio(i) {
            let m = self.mention(
                first,
                rest.base,
                Value::exact(f, Decimal::ZERO),
                q.unwrap_or(Qualifier::Exact),
                Some("ratio".into()),
            );
            return Ok((rest, m));
        }
        if let Ok((rest, v)) = self.ordinal(i) {
            let m = self.mention(
                first,
                rest.base,
                Value::exact(v, Decimal::ZERO),
                Qualifier::Ordinal,
                Some("ordinal".into()),
            );
            return Ok((rest, m));
        }
        // "yawmayn" (two days), "more than yawmayn": a dual noun counts two.
        let dual = |i| self.sense(i, kinds![Dual], |s| if let Sense::Dual(m) = s { Some(m.clone()) } else { None });
        let qualified_dual = qb().and_then(|(after_q, q)| dual(after_q).ok().map(|(rest, m)| (rest, m, Some(q))));
        if let Some((rest, measure, q)) = qualified_dual.or_else(|| dual(i).ok().map(|(rest, m)| (rest, m, None))) {
            let (q, low, high) = qualified(q, Decimal::TWO);
            let value = Value::Number { low, high, precision: Decimal::ZERO };
            return Ok((rest, self.mention(first, rest.base, value, q, Some(measure))));
        }
        let qb = qb();
        alt((|i| self.quantity(i, true, qb), |i| self.quantity(i, false, qb))).parse(i)
    }
}

/// One number under a qualifier: its qualifier (exact when none) and its bounds, open on
/// the side a bound leaves open ("more than 5" has no upper one).
fn qualified(q: Option<Qualifier>, v: Decimal) -> (Qualifier, Option<Decimal>, Option<Decimal>) {
    match q {
        Some(q @ (Qualifier::MoreThan | Qualifier::AtLeast)) => (q, Some(v), None),
        Some(q @ (Qualifier::LessThan | Qualifier::UpTo)) => (q, None, Some(v)),
        Some(q) => (q, Some(v), Some(v)),
        None => (Qualifier::Exact, Some(v), Some(v)),
    }
}

/// Reads a number literal with the pack's group and decimal separators.
/// Returns the value and the count of digits after the decimal point, or `None` when the
/// literal is not a well-formed number in this language (then it is no claim at all).
pub fn parse_literal(pack: &Pack, text: &str) -> Option<(Decimal, u32)> {
    // Plain digits (most literals): one group, no separator, nothing to allocate.
    if text.len() <= 18 && !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let v = text.bytes().fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0'));
        return Some((Decimal::from(v), 0));
    }
    let mut groups: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !c.is_ascii_digit() {
            groups.push(&text[start..i]);
            seps.push(c);
            start = i + c.len_utf8();
        }
    }
    groups.push(&text[start..]);
    // The last sign is the point where the pack's point is, and where writers of the pack
    // use a group sign for the point and it differs from the signs before it (Arabic
    // groups with its own comma and may end with a Latin comma for the point).
    let mixed = |c: &char| {
        pack.ungrouped_decimal.contains(c) && seps.len() > 1 && seps[..seps.len() - 1].iter().all(|s| s != c)
    };
    let (int_groups, frac) = match seps.last() {
        Some(c) if pack.decimal.contains(c) || mixed(c) => (&groups[..groups.len() - 1], groups.last().copied()),
        _ => (&groups[..], None),
    };
    let int_seps = &seps[..int_groups.len().saturating_sub(1)];
    // A narrow or thin space between digits groups them in every language (SI style).
    let group = |c: &char| pack.group.contains(c) || matches!(c, '\u{202F}' | '\u{2009}');
    if let Some(first) = int_seps.first()
        && (!group(first) || int_seps.iter().any(|c| c != first))
    {
        return None;
    }
    if int_groups.len() > 1 && !valid_grouping(int_groups, pack.indian_grouping) {
        // "4,8", "12,32": a lone group sign that cannot group is the point, where the pack
        // says writers use it so.
        return match (groups.as_slice(), seps.as_slice()) {
            ([whole, frac], [sep]) if pack.ungrouped_decimal.contains(sep) => {
                let v = Decimal::from_str(&format!("{whole}.{frac}")).ok()?;
                Some((v, frac.len() as u32))
            }
            _ => None,
        };
    }
    let mut s: String = int_groups.concat();
    if let Some(f) = frac {
        s.push('.');
        s.push_str(f);
    }
    let v = Decimal::from_str(&s).ok()?;
    Some((v, frac.map_or(0, |f| f.len() as u32)))
}

fn valid_grouping(groups: &[&str], indian: bool) -> bool {
    let n = groups.len();
    let first_ok = (1..=3).contains(&groups[0].len());
    let western = first_ok && groups[1..].iter().all(|g| g.len() == 3);
    let indian_ok = indian
        && (1..=2).contains(&groups[0].len())
        && groups[n - 1].len() == 3
        && groups[1..n - 1].iter().all(|g| g.len() == 2);
    western || indian_ok
}
