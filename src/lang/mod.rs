//! Language knowledge as data: packs, the shared lexicon, measure properties, detection.
//!
//! `Rules` holds everything read from `rules/`: the default files are compiled into the
//! binary, and `--rules DIR` replaces any of them file by file.

pub mod detect;
pub mod measures;
pub mod pack;

use crate::lex::{self, Kind};
use crate::normalize::Normalizer;
use crate::value::Qualifier;
use crate::{Error, checks::ChecksConfig};
pub use measures::{MeasureInfo, Measures};
use pack::PackFile;
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap, FxHashSet};

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/packs.rs"));

const COMMON: (&str, &str) = ("rules/common.toml", include_str!("../../rules/common.toml"));
const MEASURES: (&str, &str) = ("rules/measures.toml", include_str!("../../rules/measures.toml"));
const CHECKS: (&str, &str) = ("rules/checks.toml", include_str!("../../rules/checks.toml"));
const NORMALIZE: (&str, &str) = ("rules/normalize.toml", include_str!("../../rules/normalize.toml"));

/// Declares [`Sense`] and, beside it, [`SenseKind`]: its variants without their data, so
/// that a lookup can name the kinds it wants ([`Kinds`]) and skip, on one bit test, the
/// words none of whose phrases has one (most lookups, at most words).
macro_rules! senses {
    ($(#[$meta:meta])* pub enum Sense { $($(#[$vmeta:meta])* $v:ident $(($($t:ty),*))?,)* }) => {
        $(#[$meta])*
        pub enum Sense { $($(#[$vmeta])* $v $(($($t),*))?,)* }

        /// The variant of a [`Sense`], without its data.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum SenseKind { $($v,)* }

        impl Sense {
            pub fn kind(&self) -> SenseKind {
                match self { $(Sense::$v { .. } => SenseKind::$v,)* }
            }
        }

        const SENSE_KINDS: usize = [$(SenseKind::$v),*].len();
        const _: () = assert!(SENSE_KINDS <= u64::BITS as usize, "Kinds holds one bit per kind");
    };
}

senses! {
/// What a phrase of a pack means.
#[derive(Debug, Clone, PartialEq)]
pub enum Sense {
    Number(Decimal),
    Multiplier(Decimal),
    Scale(Decimal),
    Fraction(Decimal),
    /// A word that stands for one before a fraction word ("a" of "a fifth").
    FractionOne,
    /// A word between numerator and denominator ("over"); `true` when it reads so only
    /// at the end of a clause (`numbers.over_at_end`).
    Over(bool),
    /// A word between a numerator and an ordinal denominator (Hindi का).
    PartOf,
    /// Words between a part and its whole ("out of"), and between a whole and its part
    /// (Hindi "में से").
    OutOf,
    OutOfWholeFirst,
    /// A word for "part" after an ordinal denominator (Hindi भाग).
    Part,
    /// Words between a numerator and a cardinal denominator ("parts of").
    PartsOf,
    /// A fraction word read only before a definite noun: its denominator.
    ConstructFraction(Decimal),
    GluedScale(Decimal),
    Negative,
    Point,
    Joiner,
    QualBefore(Qualifier),
    QualAfter(Qualifier),
    RangeConnector,
    FrameOpen(usize),
    FrameMid(usize),
    /// The middle word of a range framed after its numbers ("और" of "20 और 30 के बीच").
    CloseMid(usize),
    /// The closing words of that frame ("के बीच").
    CloseEnd(usize),
    Measure(Arc<str>),
    Currency(Arc<str>),
    /// A word before the number that makes it a reference; `true` when the template
    /// also needs its end after the number ("第 # 条").
    Reference(Arc<str>, bool),
    /// The part of a reference template after the number ("条" in "第 # 条").
    ReferenceEnd(Arc<str>),
    MeasureBefore(Arc<str>),
    GluedPrefix,
    /// A scale word that alone means one of it.
    LoneScale(Decimal),
    Month(u8),
    YearPrefix,
    DayPrefix,
    YearSuffix,
    DaySuffix,
    OrdinalSuffix,
    OrdinalPrefix,
    OrdinalWord(u64),
    /// A word stating a ratio ("double" = 2).
    Ratio(Decimal),
    /// A noun in the dual, which counts two of what it names (Arabic "yawmayn", two days):
    /// the measure of its claim.
    Dual(Arc<str>),
    /// A phrase naming a time within a story ("by the close" = `close`).
    Time(Arc<str>),
    /// The hundredth part of a currency ("cents").
    Subunit,
    Subject(Arc<str>),
    Anaphor,
    Predicate(Arc<str>),
    /// A side of a vote ("against" = `against`).
    Side(Arc<str>),
    /// A word joining the two counts of a tally ("212 votes to 148").
    Tally,
    Stop,
    Conjunction,
    SentenceEnd,
    ClauseMark,
}
}

/// A set of [`SenseKind`]s, one bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kinds(u64);

impl Kinds {
    pub const fn of(kinds: &[SenseKind]) -> Kinds {
        let mut bits = 0;
        let mut k = 0;
        while k < kinds.len() {
            bits |= 1 << kinds[k] as u32;
            k += 1;
        }
        Kinds(bits)
    }

    pub const fn has(self, kind: SenseKind) -> bool {
        self.0 & (1 << kind as u32) != 0
    }

    const fn meets(self, other: Kinds) -> bool {
        self.0 & other.0 != 0
    }

    const fn with(self, kind: SenseKind) -> Kinds {
        Kinds(self.0 | 1 << kind as u32)
    }
}

/// The [`Kinds`] of the named [`SenseKind`] variants, as a constant: `kinds![Scale, Stop]`.
macro_rules! kinds {
    ($($k:ident),+ $(,)?) => {
        const { $crate::lang::Kinds::of(&[$($crate::lang::SenseKind::$k),+]) }
    };
}
pub(crate) use kinds;

#[derive(Debug, Clone)]
struct Phrase {
    /// Token ids, see [`Lexicon::assign`].
    keys: Vec<u32>,
    /// For each token after the first: written glued to the one before ("A$", "3M"), so
    /// that it matches only glued text ("a $2.5 billion" is not Australian dollars).
    glued: Vec<bool>,
    sense: Sense,
    /// The sense can begin a claim (see [`starts_claim`]).
    starts_claim: bool,
}

/// Phrases indexed by their first token, longest first. Every token key a pack uses gets
/// an id; a document's tokens are given their ids once, and matching compares integers.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
    by_first: Vec<Vec<Phrase>>,
    /// Per id, beside `by_first`: where to look for the phrases that can match. The
    /// phrases of a list are longest first, so those of one token are its tail.
    index: Vec<FirstIndex>,
    /// Per id: some phrase starting with it can start a claim.
    starts_claim: Vec<bool>,
    /// Per id: the kinds of the senses of the phrases starting with it.
    kinds: Vec<Kinds>,
}

/// See [`Lexicon::candidates`].
#[derive(Default)]
struct Candidates<'s> {
    list: &'s [Phrase],
    longer: std::slice::Iter<'s, (u32, u32)>,
    single: std::slice::Iter<'s, Phrase>,
}

impl<'s> Iterator for Candidates<'s> {
    type Item = &'s Phrase;

    fn next(&mut self) -> Option<&'s Phrase> {
        match self.longer.next() {
            Some(&(_, at)) => self.list.get(at as usize),
            None => self.single.next(),
        }
    }
}

/// Lists with at most this many phrases of several tokens are read in full: the search
/// costs more than it saves.
const SHORT: usize = 8;

/// The phrases of one first key by their second key. A phrase of several tokens can match
/// only where the next token has its second key: a search among these pairs skips most of
/// a long list (a common word or a character of a script without spaces begins dozens of
/// phrases) without reading the phrases.
#[derive(Debug, Clone, Default)]
struct FirstIndex {
    /// (second key, index in the list) of the phrases of several tokens, in that order.
    by_second: Vec<(u32, u32)>,
    /// Index of the first one-token phrase of the list.
    one_token: usize,
}

impl Lexicon {
    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(key.to_string(), id);
        self.names.push(key.to_string());
        self.by_first.push(Vec::new());
        id
    }

    fn add(&mut self, norm: &Normalizer, phrase: &str, sense: Sense) {
        let text = norm.apply(phrase.trim());
        let toks = lex::lex(&text);
        let keys: Vec<u32> = toks.iter().map(|t| self.intern(&t.key)).collect();
        let glued: Vec<bool> = toks.windows(2).map(|w| w[0].end == w[1].start).collect();
        let Some(&first) = keys.first() else { return };
        let list = &mut self.by_first[first as usize];
        if !list.iter().any(|p| p.keys == keys && p.sense == sense) {
            let starts_claim = starts_claim(&sense);
            // Put longest first (a stable sort) once all phrases are in: see `index`.
            list.push(Phrase { keys, glued, sense, starts_claim });
        }
    }

    /// Gives each token the id of its key ([`lex::NO_ID`] when no phrase uses it).
    pub fn assign(&self, toks: &mut [lex::Tok<'_>]) {
        for t in toks {
            t.id = self.ids.get(t.key.as_ref()).copied().unwrap_or(lex::NO_ID);
        }
    }

    /// The phrases that begin with token `i`'s key and whose second key is the next
    /// token's, then those of one token: in list order, the only ones that can match.
    fn candidates<'s>(&'s self, toks: &[lex::Tok<'_>], i: usize) -> Candidates<'s> {
        let id = toks.get(i).map_or(lex::NO_ID, |t| t.id) as usize;
        let list: &'s [Phrase] = self.by_first.get(id).map_or(&[], |v| v.as_slice());
        let (longer, single): (&'s [(u32, u32)], &'s [Phrase]) = match self.index.get(id) {
            Some(ix) if ix.by_second.len() <= SHORT => (&[], list),
            Some(ix) => {
                let next = toks.get(i + 1).map_or(lex::NO_ID, |t| t.id);
                let from = ix.by_second.partition_point(|&(k, _)| k < next);
                let to = from + ix.by_second[from..].partition_point(|&(k, _)| k == next);
                (&ix.by_second[from..to], list.get(ix.one_token..).unwrap_or(&[]))
            }
            None => (&[], &[]),
        };
        Candidates { list, longer: longer.iter(), single: single.iter() }
    }

    /// Every phrase of one of the `kinds` that matches at token `i`, as (number of tokens,
    /// sense), longest first.
    pub fn at<'s>(&'s self, toks: &[lex::Tok<'_>], i: usize, kinds: Kinds) -> impl Iterator<Item = (usize, &'s Sense)> {
        let some = toks.get(i).is_some_and(|t| self.starts_kind(t.id as usize, kinds));
        let candidates = if some { self.candidates(toks, i) } else { Candidates::default() };
        candidates
            .filter(move |p| kinds.has(p.sense.kind()) && phrase_matches(p, toks, i))
            .map(|p| (p.keys.len(), &p.sense))
    }

    /// The longest phrase at `i` of one of the `kinds` whose sense `pick` accepts (`pick`
    /// reads a sense's data: the kinds alone decide which phrases it is asked of).
    #[inline]
    pub fn find<T>(
        &self,
        toks: &[lex::Tok<'_>],
        i: usize,
        kinds: Kinds,
        pick: impl Fn(&Sense) -> Option<T>,
    ) -> Option<(usize, T)> {
        let id = toks.get(i)?.id as usize;
        #[cfg(debug_assertions)]
        if let Some(list) = self.by_first.get(id) {
            assert!(
                list.iter().all(|p| kinds.has(p.sense.kind()) || pick(&p.sense).is_none()),
                "a lookup's pick accepts a sense of a kind it does not name"
            );
        }
        if !self.starts_kind(id, kinds) {
            return None;
        }
        self.search(toks, i, id, kinds, pick)
    }

    /// Whether some phrase that starts with id `id` has one of the `kinds`: most lookups
    /// ask, at most words, for kinds no phrase of the word has.
    #[inline]
    fn starts_kind(&self, id: usize, kinds: Kinds) -> bool {
        self.kinds.get(id).is_some_and(|k| k.meets(kinds))
    }

    fn search<T>(
        &self,
        toks: &[lex::Tok<'_>],
        i: usize,
        id: usize,
        kinds: Kinds,
        pick: impl Fn(&Sense) -> Option<T>,
    ) -> Option<(usize, T)> {
        let list = self.by_first.get(id)?;
        let ix = self.index.get(id)?;
        // The kind first, then the sense's data, then the tokens: a phrase is told by all
        // its tokens.
        let hit = |p: &Phrase| {
            if !kinds.has(p.sense.kind()) {
                return None;
            }
            pick(&p.sense).filter(|_| phrase_matches(p, toks, i)).map(|v| (p.keys.len(), v))
        };
        if ix.by_second.len() <= SHORT {
            return list.iter().find_map(hit);
        }
        let next = toks.get(i + 1).map_or(lex::NO_ID, |t| t.id);
        let from = ix.by_second.partition_point(|&(k, _)| k < next);
        for &(k, at) in &ix.by_second[from..] {
            if k != next {
                break;
            }
            if let Some(found) = list.get(at as usize).and_then(hit) {
                return Some(found);
            }
        }
        list.get(ix.one_token..)?.iter().find_map(hit)
    }

    /// The length of the longest phrase at `i` of one of the `kinds`.
    pub fn find_kind(&self, toks: &[lex::Tok<'_>], i: usize, kinds: Kinds) -> Option<usize> {
        let id = toks.get(i)?.id as usize;
        if !self.starts_kind(id, kinds) {
            return None;
        }
        self.search(toks, i, id, kinds, |_| Some(())).map(|(n, ())| n)
    }

    /// Single-token phrases that are number words, longest first.
    fn pieces(&self) -> Vec<(String, Sense)> {
        let mut out: Vec<(String, Sense)> = self
            .by_first
            .iter()
            .flatten()
            .filter(|p| p.keys.len() == 1)
            .filter(|p| matches!(p.sense, Sense::Number(_) | Sense::Multiplier(_) | Sense::Scale(_) | Sense::Joiner))
            .map(|p| (self.names[p.keys[0] as usize].clone(), p.sense.clone()))
            .collect();
        out.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        out
    }

    /// Orders each list longest first (phrases of one length in the order they were
    /// added), marks the ids whose phrases can begin a claim and indexes the phrases by
    /// second key (call once all phrases are added).
    fn index_claim_starts(&mut self) {
        for list in &mut self.by_first {
            list.sort_by_key(|p| std::cmp::Reverse(p.keys.len()));
        }
        self.starts_claim = self.by_first.iter().map(|phrases| phrases.iter().any(|p| p.starts_claim)).collect();
        self.kinds = self
            .by_first
            .iter()
            .map(|phrases| phrases.iter().fold(Kinds::default(), |k, p| k.with(p.sense.kind())))
            .collect();
        self.index = self
            .by_first
            .iter()
            .map(|phrases| {
                let one_token = phrases.partition_point(|p| p.keys.len() > 1);
                let mut by_second: Vec<(u32, u32)> = phrases[..one_token]
                    .iter()
                    .enumerate()
                    .filter_map(|(at, p)| Some((*p.keys.get(1)?, at as u32)))
                    .collect();
                by_second.sort_unstable();
                FirstIndex { by_second, one_token }
            })
            .collect();
    }

    /// True when a claim may start at this token (the prefilter before any grammar runs).
    pub fn starts(&self, t: &lex::Tok<'_>) -> bool {
        self.starts_claim.get(t.id as usize).copied().unwrap_or(false)
    }

    /// True when a phrase that can begin a claim matches at token `i`, not only starts
    /// with its key: every way the claim grammar begins on a word reads such a phrase
    /// there, so where none matches the grammar cannot succeed. In scripts cut per
    /// character the first key alone matches most of the text.
    pub fn starts_at(&self, toks: &[lex::Tok<'_>], i: usize) -> bool {
        let Some(t) = toks.get(i) else { return false };
        if !self.starts(t) {
            return false;
        }
        self.candidates(toks, i).any(|p| p.starts_claim && phrase_matches(p, toks, i))
    }
}

/// Senses the claim grammar can begin with.
fn starts_claim(sense: &Sense) -> bool {
    matches!(
        sense,
        Sense::Number(_)
            | Sense::Multiplier(_)
            | Sense::QualBefore(_)
            | Sense::FrameOpen(_)
            | Sense::Currency(_)
            | Sense::Reference(..)
            | Sense::MeasureBefore(_)
            | Sense::LoneScale(_)
            | Sense::Month(_)
            | Sense::YearPrefix
            | Sense::DayPrefix
            | Sense::OrdinalPrefix
            | Sense::OrdinalWord(_)
            | Sense::Ratio(_)
            | Sense::Dual(_)
            | Sense::Negative
            | Sense::Point
            | Sense::FractionOne
            | Sense::Fraction(_)
            | Sense::ConstructFraction(_)
    )
}

fn phrase_matches(p: &Phrase, toks: &[lex::Tok<'_>], i: usize) -> bool {
    p.keys.iter().enumerate().all(|(k, key)| {
        toks.get(i + k).is_some_and(|t| {
            t.id == *key
                && (k == 0
                    || (!t.newline_before
                        && (!p.glued[k - 1] || toks.get(i + k - 1).is_some_and(|prev| prev.end == t.start))))
        })
    })
}

/// A compiled language pack.
#[derive(Debug, Clone)]
pub struct Pack {
    /// Case-sensitive scale letters glued to digits (`numbers.cased_suffixes`).
    pub cased_suffixes: Vec<(String, Decimal)>,
    /// Case-sensitive scale letters after digits, spaced or glued (`numbers.spaced_suffixes`).
    pub spaced_suffixes: Vec<(String, Decimal)>,
    /// "one twenty two" is 122 (`numbers.hundreds_in_pairs`).
    pub hundreds_in_pairs: bool,
    pub code: String,
    pub name: String,
    pub scripts: Vec<String>,
    pub rtl: bool,
    pub detect: FxHashSet<String>,
    pub decimal: Vec<char>,
    pub group: Vec<char>,
    /// Group signs read as the point where they cannot group (`numbers.ungrouped_decimal`).
    pub ungrouped_decimal: Vec<char>,
    pub indian_grouping: bool,
    pub weak: FxHashSet<String>,
    /// Some weak entry is a phrase of several words ("un mezzo"): only then is the key of
    /// a number of several words looked up.
    pub weak_phrases: bool,
    pub date_order: String,
    pub sov: bool,
    pub gap: usize,
    /// Conjunctions written glued to the next word, normalized and lower-cased.
    pub glued_conjunctions: Vec<String>,
    /// The framed ranges whose middle word is one of those conjunctions.
    pub glued_mid_frames: Vec<usize>,
    /// Split unknown words into number words (sechsundzwanzig).
    pub compound: bool,
    pub space_groups: bool,
    /// See `numbers.over_one_counts`.
    pub over_one_counts: bool,
    /// Prefixes of definite nouns and the nouns that are no construct
    /// (`numbers.definite_prefixes`, `numbers.construct_exceptions`), normalized.
    pub definite_prefixes: Vec<String>,
    /// `numbers.word_prefixes`, normalized.
    pub word_prefixes: Vec<String>,
    pub construct_exceptions: FxHashSet<String>,
    /// Single-token number words by key, for compound splitting, longest first.
    pub pieces: crate::extract::Pieces,
    pub lexicon: Lexicon,
    pub examples: Vec<pack::Example>,
}

impl Pack {
    /// True when a word is one of the pack's numbers written as one word.
    pub fn splits(&self, word: &str) -> bool {
        crate::extract::split_number_word(&self.pieces, word).is_some()
    }

    /// A word that is one of [`Pack::word_prefixes`] glued to a number word: the number
    /// word ("bi-thalatha" → "thalatha").
    pub fn unprefixed<'w>(&self, word: &'w str) -> Option<&'w str> {
        self.word_prefixes.iter().find_map(|p| {
            let rest = word.strip_prefix(p.as_str()).filter(|r| !r.is_empty())?;
            (self.pieces.is_number(rest) || self.splits(rest)).then_some(rest)
        })
    }

    /// A weak word ([`Pack::weak`]), also after one of the word prefixes.
    pub fn is_weak(&self, key: &str) -> bool {
        self.weak.contains(key) || self.unprefixed(key).is_some_and(|w| self.weak.contains(w))
    }
}

/// All rules data: normalization, packs, measures and check settings.
#[derive(Debug, Clone)]
pub struct Rules {
    pub normalizer: Normalizer,
    pub packs: Vec<Pack>,
    pub measures: Measures,
    pub checks: ChecksConfig,
}

impl Rules {
    /// The rules compiled into the binary.
    pub fn embedded() -> Result<Rules, Error> {
        let packs: Vec<(String, String)> = EMBEDDED_PACKS.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        Rules::build(
            (NORMALIZE.0.into(), NORMALIZE.1.into()),
            (COMMON.0.into(), COMMON.1.into()),
            (MEASURES.0.into(), MEASURES.1.into()),
            (CHECKS.0.into(), CHECKS.1.into()),
            packs,
        )
    }

    /// The embedded rules with every file found under `dir` put in place of its twin;
    /// packs in `dir/lang/` are added or replace the pack of the same file name.
    pub fn with_dir(dir: &Path) -> Result<Rules, Error> {
        if !dir.is_dir() {
            return Err(Error::Io { path: dir.display().to_string(), message: "rules directory not found".into() });
        }
        let pick = |(name, text): (&str, &str)| -> Result<(String, String), Error> {
            let file = name.trim_start_matches("rules/");
            let p = dir.join(file);
            if p.exists() { Ok((p.display().to_string(), read(&p)?)) } else { Ok((name.into(), text.into())) }
        };
        let mut packs: Vec<(String, String)> =
            EMBEDDED_PACKS.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        let lang_dir = dir.join("lang");
        if lang_dir.is_dir() {
            let mut extra: Vec<_> = std::fs::read_dir(&lang_dir)
                .map_err(|e| Error::io(&lang_dir, &e))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            extra.sort();
            for p in extra {
                let fname = p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
                packs.retain(|(name, _)| !name.ends_with(&format!("/{fname}")));
                packs.push((p.display().to_string(), read(&p)?));
            }
        }
        Rules::build(pick(NORMALIZE)?, pick(COMMON)?, pick(MEASURES)?, pick(CHECKS)?, packs)
    }

    fn build(
        normalize: (String, String),
        common: (String, String),
        measures: (String, String),
        checks: (String, String),
        packs: Vec<(String, String)>,
    ) -> Result<Rules, Error> {
        let normalizer = Normalizer::from_toml(&normalize.0, &normalize.1)?;
        let common_file = parse_pack(&common.0, &common.1)?;
        // Packs compile on the pool (a start-up cost of every run); the first error in
        // file order is the one reported, as when they compiled one after the other.
        use rayon::prelude::*;
        // Parsed first: a pack may read the number words of another (`numbers.secondary`).
        let parsed: Vec<Result<PackFile, Error>> =
            packs.par_iter().map(|(path, text)| parse_pack(path, text)).collect();
        let mut files = Vec::with_capacity(parsed.len());
        for f in parsed {
            files.push(f?);
        }
        let parsed: Vec<&PackFile> = files.iter().collect();
        let results: Vec<Result<Pack, Error>> = packs
            .par_iter()
            .zip(&files)
            .map(|((path, _), file)| {
                let mut secondary = Vec::new();
                for code in &file.numbers.secondary {
                    match parsed.iter().find(|f| &f.language.code == code) {
                        Some(f) => secondary.push(*f),
                        None => return Err(bad(path, format!("numbers.secondary: no pack {code:?}"))),
                    }
                }
                compile(path, file, &common_file, &secondary, &normalizer)
            })
            .collect();
        let mut compiled = Vec::with_capacity(results.len());
        for r in results {
            compiled.push(r?);
        }
        compiled.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(Rules {
            normalizer,
            packs: compiled,
            measures: Measures::from_toml(&measures.0, &measures.1)?,
            checks: ChecksConfig::from_toml(&checks.0, &checks.1)?,
        })
    }

    pub fn pack(&self, code: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.code == code)
    }
}

/// Rules files are data, never code; a file this large is a mistake, not a pack.
const MAX_RULES_FILE: u64 = 8 * 1024 * 1024;

/// Parses and compiles one pack's text alone (for tools and the fuzz driver).
pub fn compile_pack(path: &str, text: &str, normalizer: &Normalizer) -> Result<Pack, Error> {
    let file = parse_pack(path, text)?;
    compile(path, &file, &PackFile::default(), &[], normalizer)
}

fn read(p: &Path) -> Result<String, Error> {
    let len = std::fs::metadata(p).map_err(|e| Error::io(p, &e))?.len();
    if len > MAX_RULES_FILE {
        return Err(Error::Io {
            path: p.display().to_string(),
            message: format!("rules file of {len} bytes is larger than the limit of {MAX_RULES_FILE}"),
        });
    }
    std::fs::read_to_string(p).map_err(|e| Error::io(p, &e))
}

fn parse_pack(path: &str, text: &str) -> Result<PackFile, Error> {
    toml::from_str(text).map_err(|e| Error::rules(path, text, e))
}

fn bad(path: &str, message: String) -> Error {
    Error::Rules { path: path.to_string(), message }
}

fn number(path: &str, word: &str, v: &pack::NumberValue) -> Result<Decimal, Error> {
    match v {
        pack::NumberValue::Int(i) => Ok(Decimal::from(*i)),
        pack::NumberValue::Text(s) => {
            Decimal::from_str(s).map_err(|e| bad(path, format!("{word:?}: {s:?} is not a decimal: {e}")))
        }
    }
}

fn qualifier(path: &str, name: &str) -> Result<Qualifier, Error> {
    Qualifier::parse(name).ok_or_else(|| bad(path, format!("unknown qualifier {name:?}")))
}

/// `secondary`: the packs named in `numbers.secondary`, whose number words are added.
fn compile(
    path: &str,
    file: &PackFile,
    common: &PackFile,
    secondary: &[&PackFile],
    norm: &Normalizer,
) -> Result<Pack, Error> {
    let mut lx = Lexicon::default();
    for f in [file, common] {
        add_senses(path, f, norm, &mut lx)?;
    }
    for f in secondary {
        add_number_words(path, f, norm, &mut lx)?;
    }
    lx.index_claim_starts();
    let chars = |v: &[String]| -> Vec<char> { v.iter().filter_map(|s| s.chars().next()).collect() };
    let keyset = |v: &[String]| -> FxHashSet<String> { v.iter().map(|w| norm.apply(w).to_lowercase()).collect() };
    let l = &file.language;
    if l.code.is_empty() {
        return Err(bad(path, "language.code is empty".into()));
    }
    let mut cased_suffixes = Vec::new();
    for (w, v) in &file.numbers.cased_suffixes {
        let d =
            Decimal::from_str(v).map_err(|e| bad(path, format!("cased suffix {w:?}: {v:?} is not a decimal: {e}")))?;
        cased_suffixes.push((w.clone(), d));
    }
    let mut spaced_suffixes = Vec::new();
    for (w, v) in &file.numbers.spaced_suffixes {
        let d =
            Decimal::from_str(v).map_err(|e| bad(path, format!("spaced suffix {w:?}: {v:?} is not a decimal: {e}")))?;
        spaced_suffixes.push((w.clone(), d));
    }
    Ok(Pack {
        cased_suffixes,
        spaced_suffixes,
        hundreds_in_pairs: file.numbers.hundreds_in_pairs,
        code: l.code.clone(),
        name: l.name.clone(),
        scripts: l.scripts.clone(),
        rtl: l.direction.as_deref() == Some("rtl"),
        detect: keyset(&l.detect),
        decimal: chars(&file.numbers.decimal),
        group: chars(&file.numbers.group),
        ungrouped_decimal: chars(&file.numbers.ungrouped_decimal),
        indian_grouping: file.numbers.grouping.as_deref() == Some("indian"),
        weak: {
            let mut weak = keyset(&file.numbers.weak);
            for f in secondary {
                weak.extend(keyset(&f.numbers.weak));
            }
            weak
        },
        weak_phrases: std::iter::once(file)
            .chain(secondary.iter().copied())
            .any(|f| f.numbers.weak.iter().any(|w| w.contains(' '))),
        date_order: file.dates.order.clone().unwrap_or_else(|| "dmy".into()),
        sov: file.grammar.word_order.as_deref() == Some("sov"),
        gap: file.grammar.gap.unwrap_or(2),
        glued_conjunctions: file.grammar.glued_conjunctions.iter().map(|w| norm.apply(w).to_lowercase()).collect(),
        glued_mid_frames: file
            .ranges
            .frames
            .iter()
            .enumerate()
            .filter(|(_, [_, mid])| file.grammar.glued_conjunctions.contains(mid))
            .map(|(k, _)| k)
            .collect(),
        compound: file.numbers.compound,
        space_groups: file.numbers.space_groups,
        over_one_counts: file.numbers.over_one_counts,
        definite_prefixes: file.numbers.definite_prefixes.iter().map(|w| norm.apply(w).to_lowercase()).collect(),
        word_prefixes: file.numbers.word_prefixes.iter().map(|w| norm.apply(w).to_lowercase()).collect(),
        construct_exceptions: keyset(&file.numbers.construct_exceptions),
        pieces: crate::extract::Pieces::new(lx.pieces()),
        lexicon: lx,
        examples: file.examples.clone(),
    })
}

/// The number words, multipliers and scale words of a pack: all a secondary pack adds.
fn add_number_words(path: &str, f: &PackFile, norm: &Normalizer, lx: &mut Lexicon) -> Result<(), Error> {
    let n = &f.numbers;
    for (w, v) in &n.words {
        lx.add(norm, w, Sense::Number(number(path, w, v)?));
    }
    for (w, v) in &n.multipliers {
        lx.add(norm, w, Sense::Multiplier(number(path, w, v)?));
    }
    for (w, v) in &n.scales {
        let d = Decimal::from_str(v).map_err(|e| bad(path, format!("scale {w:?}: {v:?} is not a decimal: {e}")))?;
        lx.add(norm, w, Sense::Scale(d));
    }
    Ok(())
}

fn add_senses(path: &str, f: &PackFile, norm: &Normalizer, lx: &mut Lexicon) -> Result<(), Error> {
    let n = &f.numbers;
    add_number_words(path, f, norm, lx)?;
    for (w, v) in &f.ratios {
        lx.add(norm, w, Sense::Ratio(number(path, w, v)?));
    }
    for (w, m) in &f.duals {
        lx.add(norm, w, Sense::Dual(m.as_str().into()));
    }
    for (w, t) in &f.times {
        lx.add(norm, w, Sense::Time(t.as_str().into()));
    }
    for w in &f.subunits {
        lx.add(norm, w, Sense::Subunit);
    }
    for (w, v) in &n.fractions {
        lx.add(norm, w, Sense::Fraction(number(path, w, v)?));
    }
    for (w, v) in &n.suffixes {
        let d = Decimal::from_str(v).map_err(|e| bad(path, format!("suffix {w:?}: {v:?} is not a decimal: {e}")))?;
        lx.add(norm, w, Sense::GluedScale(d));
    }
    for w in &n.negative {
        lx.add(norm, w, Sense::Negative);
    }
    for w in &n.fraction_one {
        lx.add(norm, w, Sense::FractionOne);
    }
    for w in &n.over {
        lx.add(norm, w, Sense::Over(false));
    }
    for w in &n.over_at_end {
        lx.add(norm, w, Sense::Over(true));
    }
    for w in &n.part_of {
        lx.add(norm, w, Sense::PartOf);
    }
    for w in &n.out_of {
        lx.add(norm, w, Sense::OutOf);
    }
    for w in &n.out_of_whole_first {
        lx.add(norm, w, Sense::OutOfWholeFirst);
    }
    for w in &n.parts {
        lx.add(norm, w, Sense::Part);
    }
    for w in &n.parts_of {
        lx.add(norm, w, Sense::PartsOf);
    }
    for (w, v) in &n.construct_fractions {
        lx.add(norm, w, Sense::ConstructFraction(number(path, w, v)?));
    }
    for w in &n.point {
        lx.add(norm, w, Sense::Point);
    }
    for w in &n.joiners {
        lx.add(norm, w, Sense::Joiner);
    }
    for w in &f.ordinals.suffixes {
        lx.add(norm, w, Sense::OrdinalSuffix);
    }
    for w in &f.ordinals.prefixes {
        lx.add(norm, w, Sense::OrdinalPrefix);
    }
    for (w, v) in &f.ordinals.words {
        lx.add(norm, w, Sense::OrdinalWord(*v));
    }
    for (w, q) in &f.qualifiers.before {
        lx.add(norm, w, Sense::QualBefore(qualifier(path, q)?));
    }
    for (w, q) in &f.qualifiers.after {
        lx.add(norm, w, Sense::QualAfter(qualifier(path, q)?));
    }
    for w in &f.ranges.connectors {
        lx.add(norm, w, Sense::RangeConnector);
    }
    for (i, [open, mid]) in f.ranges.frames.iter().enumerate() {
        lx.add(norm, open, Sense::FrameOpen(i));
        lx.add(norm, mid, Sense::FrameMid(i));
    }
    for (i, [mid, end]) in f.ranges.closing_frames.iter().enumerate() {
        lx.add(norm, mid, Sense::CloseMid(i));
        lx.add(norm, end, Sense::CloseEnd(i));
    }
    for (w, m) in &f.measures {
        lx.add(norm, w, Sense::Measure(m.as_str().into()));
    }
    for (w, m) in &f.measures_before {
        lx.add(norm, w, Sense::MeasureBefore(m.as_str().into()));
    }
    for w in &n.lone_scales {
        let key = norm.apply(w).to_lowercase();
        let scale = n.scales.iter().find(|(s, _)| norm.apply(s).to_lowercase() == key).map(|(_, v)| v.clone());
        let Some(v) = scale else {
            return Err(bad(path, format!("lone scale {w:?} is not listed in numbers.scales")));
        };
        let d = Decimal::from_str(&v).map_err(|e| bad(path, format!("scale {w:?}: {v:?} is not a decimal: {e}")))?;
        lx.add(norm, w, Sense::LoneScale(d));
    }
    for w in &n.glued_prefixes {
        lx.add(norm, w, Sense::GluedPrefix);
    }
    for (w, c) in &f.currencies {
        lx.add(norm, w, Sense::Currency(c.as_str().into()));
    }
    for (w, m) in &f.references {
        match w.split_once('#') {
            Some((before, after)) => {
                if !before.trim().is_empty() {
                    lx.add(norm, before, Sense::Reference(m.as_str().into(), !after.trim().is_empty()));
                }
                if !after.trim().is_empty() {
                    lx.add(norm, after, Sense::ReferenceEnd(m.as_str().into()));
                }
            }
            None => lx.add(norm, w, Sense::Reference(m.as_str().into(), false)),
        }
    }
    for (w, m) in &f.dates.months {
        if !(1..=12).contains(m) {
            return Err(bad(path, format!("month {w:?} has number {m}, expected 1 to 12")));
        }
        lx.add(norm, w, Sense::Month(*m));
    }
    for w in &f.dates.year_prefixes {
        lx.add(norm, w, Sense::YearPrefix);
    }
    for w in &f.dates.day_prefixes {
        lx.add(norm, w, Sense::DayPrefix);
    }
    for w in &f.dates.year_suffixes {
        lx.add(norm, w, Sense::YearSuffix);
    }
    for w in &f.dates.day_suffixes {
        lx.add(norm, w, Sense::DaySuffix);
    }
    for (w, s) in &f.subjects {
        lx.add(norm, w, Sense::Subject(s.as_str().into()));
    }
    for w in &f.anaphora.words {
        lx.add(norm, w, Sense::Anaphor);
    }
    for (w, p) in &f.predicates {
        lx.add(norm, w, Sense::Predicate(p.as_str().into()));
    }
    for (w, side) in &f.sides {
        lx.add(norm, w, Sense::Side(side.as_str().into()));
    }
    for w in &f.tally {
        lx.add(norm, w, Sense::Tally);
    }
    let g = &f.grammar;
    for (list, sense) in [
        (&g.stop, Sense::Stop),
        (&g.conjunctions, Sense::Conjunction),
        (&g.sentence_end, Sense::SentenceEnd),
        (&g.clause_marks, Sense::ClauseMark),
    ] {
        for w in list {
            lx.add(norm, w, sense.clone());
        }
    }
    Ok(())
}

/// True when a claim may start at token `i`: a number literal, a word that can begin a
/// claim, or a sign glued to digits ("-5", ".75").
pub fn is_candidate(pack: &Pack, toks: &[lex::Tok<'_>], i: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    t.kind == Kind::Num
        || pack.lexicon.starts_at(toks, i)
        || (t.kind == Kind::Sign && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Num && !n.space_before))
        // "- 1,200,000" at the start of the text, "-.5": a sign the grammar may read.
        || (t.kind == Kind::Sign
            && t.text == "-"
            && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Num || (n.kind == Kind::Sign && !n.space_before)))
        || (pack.compound && t.kind == Kind::Word && t.id == lex::NO_ID && pack.splits(&t.key))
        || (t.kind == Kind::Word && t.id == lex::NO_ID && pack.unprefixed(&t.key).is_some())
}

#[cfg(test)]
mod secondary_tests {
    /// The values of the claims found in a Hindi text.
    fn hindi_values(text: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
        Ok(crate::claims_in("hi", text)?.iter().filter_map(|c| c.value.low_string()).collect())
    }

    #[test]
    fn a_secondary_pack_lends_its_number_words() -> crate::TestResult {
        // hi names en in numbers.secondary: English numerals inside Hindi text are read.
        assert_eq!(hindi_values("मैं आपको thirteen hundred dollars दे सकता हूं")?, ["1300"]);
        assert_eq!(hindi_values("कुल four thousand लोग आए")?, ["4000"]);
        // Its weak words stay weak: "one" alone is no number.
        assert!(hindi_values("उसने one बार कहा")?.is_empty());
        Ok(())
    }

    #[test]
    fn an_unknown_secondary_pack_is_an_error() {
        let text = "[language]\ncode = \"xx\"\nname = \"X\"\nscripts = [\"Latin\"]\n[numbers]\nsecondary = [\"zz\"]\n";
        let packs = vec![("rules/lang/xx.toml".to_string(), text.to_string())];
        let r = super::Rules::build(
            (super::NORMALIZE.0.into(), super::NORMALIZE.1.into()),
            (super::COMMON.0.into(), super::COMMON.1.into()),
            (super::MEASURES.0.into(), super::MEASURES.1.into()),
            (super::CHECKS.0.into(), super::CHECKS.1.into()),
            packs,
        );
        assert!(r.is_err_and(|e| e.to_string().contains("numbers.secondary")));
    }
}

#[cfg(test)]
mod kinds_tests {
    use super::*;

    fn english() -> Result<(Rules, Vec<lex::Tok<'static>>), Box<dyn std::error::Error>> {
        let rules = Rules::embedded()?;
        let mut toks = lex::lex("twenty");
        rules.pack("en").ok_or("no en pack")?.lexicon.assign(&mut toks);
        Ok((rules, toks))
    }

    #[test]
    fn a_set_holds_the_kinds_it_names() {
        let k = kinds![Scale, Stop];
        assert!(k.has(SenseKind::Scale) && k.has(SenseKind::Stop));
        assert!(!k.has(SenseKind::Number));
        assert_eq!(Sense::Number(Decimal::ONE).kind(), SenseKind::Number);
        assert_eq!(Sense::Stop.kind(), SenseKind::Stop);
    }

    #[test]
    fn a_lookup_finds_only_the_kinds_it_asks_for() -> crate::TestResult {
        let (rules, toks) = english()?;
        let lexicon = &rules.pack("en").ok_or("no en pack")?.lexicon;
        let number = |s: &Sense| if let Sense::Number(d) = s { Some(*d) } else { None };
        assert_eq!(lexicon.find(&toks, 0, kinds![Number], number), Some((1, Decimal::from(20))));
        assert_eq!(lexicon.find_kind(&toks, 0, kinds![Number]), Some(1));
        assert_eq!(lexicon.find_kind(&toks, 0, kinds![Scale, Currency]), None);
        Ok(())
    }

    /// The kinds a lookup names must cover every sense its pick accepts; debug builds
    /// (the test suite) say so where one does not.
    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "does not name")]
    fn a_pick_wider_than_its_kinds_is_caught() {
        let Ok((rules, toks)) = english() else { return };
        let Some(pack) = rules.pack("en") else { return };
        let number = |s: &Sense| if let Sense::Number(d) = s { Some(*d) } else { None };
        let _ = pack.lexicon.find(&toks, 0, kinds![Scale], number);
    }
}
