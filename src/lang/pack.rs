//! The schema of a language pack file, `rules/lang/<code>.toml`.
//!
//! Every field is language knowledge; the grammars in `extract` are generic over it.
//! Unknown keys are an error, so a typo in a pack is reported rather than ignored.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    pub language: LanguageSection,
    #[serde(default)]
    pub numbers: NumbersSection,
    #[serde(default)]
    pub ordinals: OrdinalsSection,
    #[serde(default)]
    pub qualifiers: QualifiersSection,
    #[serde(default)]
    pub ranges: RangesSection,
    /// Measure nouns, any inflected form: word → measure id (`country`, `article`, ...).
    #[serde(default)]
    pub measures: BTreeMap<String, String>,
    /// Measure nouns written before the number ("magnitude 6.8", "ร้อยละ 14"): word → id.
    #[serde(default)]
    pub measures_before: BTreeMap<String, String>,
    /// Currency words, codes and symbols: word → ISO 4217 code.
    #[serde(default)]
    pub currencies: BTreeMap<String, String>,
    /// References ("Article 12"): a word before the number, or a template with `#` for the
    /// number ("第 # 条"): → measure id.
    #[serde(default)]
    pub references: BTreeMap<String, String>,
    #[serde(default)]
    pub dates: DatesSection,
    /// Nouns naming what a claim is about: word → subject id.
    #[serde(default)]
    pub subjects: BTreeMap<String, String>,
    /// Generic nouns ("this document") that point back to the subject named before.
    #[serde(default)]
    pub anaphora: AnaphoraSection,
    /// Words naming what was done: word → predicate id (`sign`, `attend`, ...).
    #[serde(default)]
    pub predicates: BTreeMap<String, String>,
    /// Words naming a side of a vote ("in favour", "against"): word → side id (`for`,
    /// `against`). Beside a count of a sided measure they are its predicate.
    #[serde(default)]
    pub sides: BTreeMap<String, String>,
    /// Words joining the two counts of a vote's tally ("212 votes to 148", "212 voix
    /// contre 148"): the first count is the first side of the measure's `tally`, the
    /// second the other.
    #[serde(default)]
    pub tally: Vec<String>,
    /// Words for the hundredth part of a currency ("cents", "pence", "sen"): "20 dollars
    /// 43 cents" is one amount, 20.43.
    #[serde(default)]
    pub subunits: Vec<String>,
    /// Phrases naming a time within a story ("on the first day", "by the close"): phrase →
    /// time id (`day 1`, `close`). A claim's time is the nearest such phrase of its
    /// sentence when there is one, before any date: "58 on the first day" and "63 by the
    /// close" are two times of one count even when the sentence also gives the dates.
    #[serde(default)]
    pub times: BTreeMap<String, String>,
    /// Words stating a ratio between two figures ("double", "triple", "half"): word →
    /// factor. They become claims of measure `ratio`, which rule CC104 checks against
    /// the figures they relate.
    #[serde(default)]
    pub ratios: BTreeMap<String, NumberValue>,
    /// Nouns in the dual, each a count of two (Arabic "yawmayn", two days): word → the
    /// measure id of its claim. A qualifier before applies ("more than yawmayn").
    #[serde(default)]
    pub duals: BTreeMap<String, String>,
    #[serde(default)]
    pub grammar: GrammarSection,
    /// Example sentences with the values they must yield; checked by the test suite.
    #[serde(default)]
    pub examples: Vec<Example>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LanguageSection {
    pub code: String,
    pub name: String,
    /// Unicode scripts the language is written in, for detection (`Latin`, `Arabic`, ...).
    pub scripts: Vec<String>,
    #[serde(default)]
    pub direction: Option<String>,
    /// Frequent function words; their count decides between packs of one script.
    #[serde(default)]
    pub detect: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct NumbersSection {
    #[serde(default)]
    pub decimal: Vec<String>,
    #[serde(default)]
    pub group: Vec<String>,
    /// `western` (groups of three) or `indian` (12,34,567 also accepted).
    #[serde(default)]
    pub grouping: Option<String>,
    /// Cardinal number words: word → value (an integer, or a decimal string: "1.5").
    #[serde(default)]
    pub words: BTreeMap<String, NumberValue>,
    /// Words that multiply the number word before them: hundred, mươi, dozen.
    #[serde(default)]
    pub multipliers: BTreeMap<String, NumberValue>,
    /// Fraction words: word → denominator ("third" = 3, "half" = 2).
    #[serde(default)]
    pub fractions: BTreeMap<String, NumberValue>,
    /// Words that stand for one before a fraction word: "a fifth", "a quarter million".
    /// Only before a scale, a stop word or the end of the clause ("a third term" is an
    /// ordinal).
    #[serde(default)]
    pub fraction_one: Vec<String>,
    /// Words between a numerator and a denominator: "one over three", "पाँच बटा आठ". The
    /// fraction is read only where the clause ends after the denominator ("$2000 over 3
    /// years" is an amount and a duration).
    #[serde(default)]
    pub over: Vec<String>,
    /// Words read as `over` only where the clause ends after the denominator, even after
    /// a numerator of one (`over_one_counts` does not apply): Arabic "min" is "in" in
    /// "one in a hundred" but "of" in "one of the three children".
    #[serde(default)]
    pub over_at_end: Vec<String>,
    /// Words between a numerator and an ordinal denominator: "तेईस का पाँचवाँ भाग" (the
    /// fifth part of twenty-three). Read only before a `parts` word or the clause's end
    /// ("2019 का पाँचवाँ महीना" is a month).
    #[serde(default)]
    pub part_of: Vec<String>,
    /// Words for "part" after such a denominator: भाग, हिस्सा.
    #[serde(default)]
    pub parts: Vec<String>,
    /// After a numerator of one, an `over` fraction may be followed by the noun it counts
    /// ("1 over 3 bags", one in three bags), not only by the end of the clause.
    #[serde(default)]
    pub over_one_counts: bool,
    /// Words between a numerator and a cardinal denominator: "3 parts of 8" (Arabic
    /// juz' min).
    #[serde(default)]
    pub parts_of: Vec<String>,
    /// Fraction words read as a fraction only in a construct with the definite noun after
    /// them ("a fifth of the pie" in Arabic, khums al-fatira), where alone they are other
    /// words (five, price): word → denominator.
    #[serde(default)]
    pub construct_fractions: BTreeMap<String, NumberValue>,
    /// Prefixes that make a noun definite, for `construct_fractions` (the Arabic article al-).
    #[serde(default)]
    pub definite_prefixes: Vec<String>,
    /// Definite nouns after which a construct fraction is a name, not a number (the
    /// Arabic "quarter final").
    #[serde(default)]
    pub construct_exceptions: Vec<String>,
    /// Scale letters written right after digits: 100k, 3M, 2bn.
    #[serde(default)]
    pub suffixes: BTreeMap<String, String>,
    /// Scale letters that count only in this exact case, where the other case is a unit
    /// ("3M" is three million, "3m" three metres).
    #[serde(default)]
    pub cased_suffixes: BTreeMap<String, String>,
    /// Scale letters, in this exact case, that count after digits with or without a space
    /// between: "2.33 k", "1,674.5 G", "10G". Only letters that are no common unit after
    /// a number ("5 m" is five metres, so "m" is none of them).
    #[serde(default)]
    pub spaced_suffixes: BTreeMap<String, String>,
    /// Hundreds said as a digit and a pair of tens and units: "one twenty two" is 122.
    /// Only a lone digit word before a tens-and-units compound ("one twenty" stays two
    /// numbers, "one, twenty two" too).
    #[serde(default)]
    pub hundreds_in_pairs: bool,
    /// Words between a part and its whole, read as the fraction: "one out of three",
    /// "2 in every 5". Only proper fractions ("12 out of 10" stays two numbers).
    #[serde(default)]
    pub out_of: Vec<String>,
    /// The same, the whole said first: Hindi "तीन में से एक" (one out of three).
    #[serde(default)]
    pub out_of_whole_first: Vec<String>,
    /// Packs (by code) whose number words, multipliers and scales are also read in this
    /// language's text, where news mixes them in: English numerals in Hindi.
    #[serde(default)]
    pub secondary: Vec<String>,
    /// Words before a number that make it negative: minus, negative.
    #[serde(default)]
    pub negative: Vec<String>,
    /// Group signs that writers also use as the decimal point: read so where they cannot
    /// group digits (a single one not followed by three digits: "4,8" is 4.8, "1,234"
    /// 1234), and as the last sign after groups of another sign (a Latin comma after
    /// groups of Arabic commas).
    #[serde(default)]
    pub ungrouped_decimal: Vec<String>,
    /// Words for the decimal point: "two point five".
    #[serde(default)]
    pub point: Vec<String>,
    /// Number words are written as one word (sechsundzwanzig, duemila): split them.
    #[serde(default)]
    pub compound: bool,
    /// Digit groups are separated by plain spaces (1 234 567).
    #[serde(default)]
    pub space_groups: bool,
    /// Scale words that alone mean one of them ("mille", "mil"): they may start a number.
    #[serde(default)]
    pub lone_scales: Vec<String>,
    /// Prefixes written glued to digits that do not make them part of a word
    /// (the Arabic conjunction or preposition before digits).
    #[serde(default)]
    pub glued_prefixes: Vec<String>,
    /// Prepositions written glued to a number word (Arabic "bi-", "li-": by three, for
    /// three days): cut off before the word is read. Only a whole number word may follow.
    #[serde(default)]
    pub word_prefixes: Vec<String>,
    /// Scale words: word → value as a decimal string (thousand, lakh, crore, trillion).
    #[serde(default)]
    pub scales: BTreeMap<String, String>,
    /// Number words that are also articles ("one", "a"): a number only next to a scale,
    /// a measure or a qualifier.
    #[serde(default)]
    pub weak: Vec<String>,
    /// Words or signs allowed between number words ("and", "-").
    #[serde(default)]
    pub joiners: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OrdinalsSection {
    /// Suffixes written right after digits: 80th (and the Urdu and Hindi suffixes).
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Words written before a number that make it an ordinal: thứ 3.
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// Ordinal words: word → value.
    #[serde(default)]
    pub words: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct QualifiersSection {
    /// Phrases before the number: phrase → qualifier (`about`, `more_than`, ...).
    #[serde(default)]
    pub before: BTreeMap<String, String>,
    /// Phrases after the number (and before its noun in many languages).
    #[serde(default)]
    pub after: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RangesSection {
    /// Words or signs between two numbers of a range: "-", "to", "đến".
    #[serde(default)]
    pub connectors: Vec<String>,
    /// Opening and middle words of a framed range: ["between", "and"], ["từ", "đến"].
    #[serde(default)]
    pub frames: Vec<[String; 2]>,
    /// Middle and closing words of a range framed after its numbers, in languages with
    /// postpositions: ["और", "के बीच"] ("20 और 30 के बीच", between 20 and 30).
    #[serde(default)]
    pub closing_frames: Vec<[String; 2]>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DatesSection {
    /// Month names and their numbered forms: word → 1..12.
    #[serde(default)]
    pub months: BTreeMap<String, u8>,
    /// Order of numeric dates such as 3/5/2019: `dmy`, `mdy` or `ymd`.
    #[serde(default)]
    pub order: Option<String>,
    /// Words before a year ("năm 2019"): they make the number a year.
    #[serde(default)]
    pub year_prefixes: Vec<String>,
    /// Words before a day ("ngày 3").
    #[serde(default)]
    pub day_prefixes: Vec<String>,
    /// Words or signs right after a year ("2019年", "2019 года").
    #[serde(default)]
    pub year_suffixes: Vec<String>,
    /// Words or signs right after a day ("3日", "3." in German).
    #[serde(default)]
    pub day_suffixes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GrammarSection {
    /// `svo` or `sov`: in SOV languages the verb (predicate) follows its object.
    #[serde(default)]
    pub word_order: Option<String>,
    /// Words that end the search for a measure noun after a number (prepositions,
    /// postpositions, auxiliaries).
    #[serde(default)]
    pub stop: Vec<String>,
    /// Conjunctions that split a clause for time and predicate lookup.
    #[serde(default)]
    pub conjunctions: Vec<String>,
    /// Conjunctions written glued to the next word (the Arabic "wa"): a bound whose first word
    /// starts with one joins the bound before it ("more than 100 and-less than 300").
    #[serde(default)]
    pub glued_conjunctions: Vec<String>,
    /// Signs that end a sentence.
    #[serde(default)]
    pub sentence_end: Vec<String>,
    /// Signs that end a clause.
    #[serde(default)]
    pub clause_marks: Vec<String>,
    /// How many words (adjectives) may stand between a number and its measure noun.
    #[serde(default)]
    pub gap: Option<usize>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// Each claim's value as `low` or `low..high` (empty side = unbounded), in order.
    pub values: Vec<String>,
    /// The measure of each claim, in order (`-` for none); optional.
    #[serde(default)]
    pub measures: Vec<String>,
    /// The key of each claim, in order, as `subject predicate time` with `-` for none
    /// ("convention sign day 1"); optional. Shows that the pack's subjects, predicates
    /// and time phrases reach the claims they are about.
    #[serde(default)]
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AnaphoraSection {
    pub words: Vec<String>,
}

/// A number in a pack: an integer or a decimal string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum NumberValue {
    Int(u64),
    Text(String),
}
