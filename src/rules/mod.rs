//! The rule engine: each rule is one file with its code, name, summary and explanation;
//! this registry lists them. `explain`, `rules --format json` and every renderer read
//! the same metadata.

pub mod fact_mismatch;
pub mod reference_beyond_count;
pub mod shrinking_count;
pub mod stated_arithmetic;
pub mod value_mismatch;

use crate::checks::{ChecksConfig, Severity};
use crate::claim::Claim;
use crate::graph::Graph;
use crate::lang::Measures;
use serde::Serialize;

/// What `crosscheck rules` and `crosscheck explain` show of a rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    pub explain: &'static str,
    pub severity: Severity,
}

/// Claims that agree on one value, with how they state it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ValueGroup {
    pub value: String,
    pub claims: Vec<usize>,
    /// Where the value comes from (filled after the rules ran, see [`crate::provenance`]).
    pub provenance: crate::provenance::Provenance,
    /// The fact sheet's entry this value matches: "40 (the treaty text)".
    pub fact: Option<String>,
}

/// A set of claims that cannot all be true.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    /// Claim indices, in report order.
    pub claims: Vec<usize>,
    pub values: Vec<ValueGroup>,
    pub message: String,
    /// How sure the keying is, in percent.
    pub confidence: u8,
    /// The quantity the conflict is about, when the rule works on one.
    pub key: Option<crate::graph::QuantityKey>,
}

/// What a rule sees.
pub struct Context<'a> {
    pub claims: &'a [Claim],
    pub graph: &'a Graph,
    pub measures: &'a Measures,
    pub checks: &'a ChecksConfig,
    /// The desk's fact sheet (may be empty).
    pub facts: &'a [crate::facts::Fact],
    /// Each document's date, when it gives one (front matter, HTML meta, `--date`).
    pub dates: &'a [Option<String>],
    /// The stated ratios and whether they hold, read once ([`stated_arithmetic::evaluate`]):
    /// CC104 reports those that do not, the graph links those that do.
    pub arithmetic: &'a [stated_arithmetic::Arithmetic],
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Context<'_>) -> Vec<Conflict>;
}

/// Every rule, in code order.
pub fn registry() -> &'static [&'static dyn Rule] {
    &[
        &value_mismatch::ValueMismatch,
        &shrinking_count::ShrinkingCount,
        &reference_beyond_count::ReferenceBeyondCount,
        &stated_arithmetic::StatedArithmetic,
        &fact_mismatch::FactMismatch,
    ]
}

pub fn find(code: &str) -> Option<&'static dyn Rule> {
    let code = code.trim();
    registry().iter().copied().find(|r| r.meta().code.eq_ignore_ascii_case(code) || r.meta().name == code)
}

/// Runs every enabled rule; a disagreement whose quantity the fact sheet knows says which
/// side the fact supports.
pub fn run(cx: &Context<'_>) -> Vec<Conflict> {
    use rayon::prelude::*;
    // Rules are independent: run them in parallel, keep their order.
    let found: Vec<Vec<Conflict>> = registry()
        .par_iter()
        .map(|r| if cx.checks.enabled(r.meta().code) { r.check(cx) } else { Vec::new() })
        .collect();
    let mut out: Vec<Conflict> = found.into_iter().flatten().collect();
    for c in out.iter_mut() {
        let Some(k) = &c.key else { continue };
        let Some(fact) = cx
            .facts
            .iter()
            .find(|f| f.covers(&k.measure, k.subject.as_deref(), k.predicate.as_deref(), k.time.as_deref()))
        else {
            continue;
        };
        let fiv = fact.interval();
        let wrong: Vec<String> = c
            .values
            .iter()
            .filter(|v| {
                v.claims
                    .first()
                    .and_then(|&i| crate::graph::interval(&cx.claims[i], cx.measures))
                    .is_some_and(|iv| iv.disjoint(&fiv))
            })
            .map(|v| v.value.clone())
            .collect();
        if !wrong.is_empty() && wrong.len() < c.values.len() {
            for v in c.values.iter_mut().filter(|v| !wrong.contains(&v.value)) {
                v.fact = Some(format!("{} ({})", fact.value_text(), fact.source));
            }
            c.message = format!(
                "{}; the fact sheet says {} ({}): {} is wrong",
                c.message,
                fact.value_text(),
                fact.source,
                wrong.join(" and ")
            );
        }
    }
    out
}

/// Claims grouped by their label, groups in order of their first claim.
pub fn group_by_label(claims: &[usize], label: impl Fn(usize) -> String) -> Vec<ValueGroup> {
    let mut values: Vec<ValueGroup> = Vec::new();
    let mut index: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    for &i in claims {
        let l = label(i);
        match index.get(&l) {
            Some(&k) => values[k].claims.push(i),
            None => {
                index.insert(l.clone(), values.len());
                values.push(ValueGroup { value: l, claims: vec![i], ..Default::default() });
            }
        }
    }
    values
}

/// [`group_by_label`] with each claim's [`value_label`], written once per distinct value
/// and qualifier: the label depends on nothing else (decimals print normalized), and the
/// claims of a conflict state few distinct values, many times.
pub fn group_by_value(all: &[Claim], claims: &[usize]) -> Vec<ValueGroup> {
    let mut values: Vec<ValueGroup> = Vec::new();
    let mut index: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    let mut known: rustc_hash::FxHashMap<[u8; VALUE_KEY], usize> = rustc_hash::FxHashMap::default();
    for &i in claims {
        let c = &all[i];
        let key = value_key(c);
        let g = match known.get(&key) {
            Some(&g) => g,
            None => {
                let l = value_label(c);
                let g = match index.get(&l) {
                    Some(&g) => g,
                    None => {
                        index.insert(l.clone(), values.len());
                        values.push(ValueGroup { value: l, ..Default::default() });
                        values.len() - 1
                    }
                };
                known.insert(key, g);
                g
            }
        };
        values[g].claims.push(i);
    }
    values
}

/// Where [`value_key`] holds the low bound, and the bytes of one bound (a decimal's
/// serialized form); the high bound follows the low one.
const LOW: usize = 3;
const BOUND: usize = 16;
const HIGH: usize = LOW + BOUND;
/// Bytes of [`value_key`].
const VALUE_KEY: usize = HIGH + BOUND;

/// The qualifier and the exact bits of a claim's bounds (not its precision): claims with
/// equal keys have equal [`value_label`]s.
fn value_key(c: &Claim) -> [u8; VALUE_KEY] {
    use crate::value::Value;
    let mut k = [0u8; VALUE_KEY];
    k[0] = c.qualifier.compared() as u8;
    match &c.value {
        Value::Number { low, high, .. } => {
            k[1] = 1 | u8::from(low.is_some()) << 1 | u8::from(high.is_some()) << 2;
            if let Some(l) = low {
                k[LOW..HIGH].copy_from_slice(&l.serialize());
            }
            if let Some(h) = high {
                k[HIGH..VALUE_KEY].copy_from_slice(&h.serialize());
            }
        }
        Value::Date { low, high } => {
            k[1] = 2;
            for (at, d) in [(LOW, low), (HIGH, high)] {
                k[at] = u8::from(d.year.is_some()) | u8::from(d.month.is_some()) << 1 | u8::from(d.day.is_some()) << 2;
                k[at + 1..at + 5].copy_from_slice(&d.year.unwrap_or(0).to_le_bytes());
                k[at + 5] = d.month.unwrap_or(0);
                k[at + 6] = d.day.unwrap_or(0);
            }
        }
    }
    k
}

/// What a conflict is about, in the words of the rules (`rules/measures.toml`): the
/// measure's label, its subject, and in brackets the predicate and the time of its key,
/// "countries of the convention (signed, as of 3 May 2019)". Never an id the rules give
/// words for.
pub fn quantity_words(
    measures: &Measures,
    measure: &str,
    subject: Option<&str>,
    predicate: Option<&str>,
    time: Option<&str>,
) -> String {
    let mut what = measures.get(measure).label.clone();
    if let Some(s) = subject {
        what = format!("{what} of {}", measures.subject_label(s));
    }
    let scope: Vec<String> = [predicate.map(|p| measures.predicate_label(p)), time.map(|t| measures.time_label(t))]
        .into_iter()
        .flatten()
        .collect();
    if !scope.is_empty() {
        what = format!("{what} ({})", scope.join(", "));
    }
    what
}

/// Whether a claim speaks of one thing, for the singular of its measure's noun and unit:
/// a figure whose every stated bound is 1 ("1 article", "more than 1 day", "about 1
/// year"; not "1-2 days"), or a value that names one thing (a date, a reference, an
/// ordinal).
pub fn states_one(c: &Claim) -> bool {
    use crate::value::{Qualifier, Value};
    let one = |d: &Option<rust_decimal::Decimal>| d.is_none_or(|d| d == rust_decimal::Decimal::ONE);
    match (&c.value, c.qualifier.compared()) {
        (Value::Date { .. }, _) | (_, Qualifier::Reference | Qualifier::Ordinal) => true,
        (Value::Number { low, high, .. }, _) => (low.is_some() || high.is_some()) && one(low) && one(high),
    }
}

/// "about 100", "more than 30", "40": a value as the text states it.
pub fn value_label(c: &Claim) -> String {
    use crate::value::Qualifier::*;
    let v = c.value.display();
    let unbounded = |s: Option<String>| s.unwrap_or_default();
    match c.qualifier.compared() {
        About => format!("about {v}"),
        Nearly => format!("nearly {v}"),
        MoreThan => format!("more than {}", unbounded(c.value.low_string())),
        AtLeast => format!("at least {}", unbounded(c.value.low_string())),
        LessThan => format!("less than {}", unbounded(c.value.high_string())),
        UpTo => format!("up to {}", unbounded(c.value.high_string())),
        _ => v,
    }
}

/// The report of a whole run over small texts with `rules` and `opts`, for the rules'
/// own tests.
#[cfg(test)]
pub(crate) fn check_with(
    rules: &crate::lang::Rules,
    docs: &[(&str, &str)],
    opts: &crate::Options,
) -> Result<crate::report::Report, crate::Error> {
    let sources: Vec<crate::source::Source> =
        docs.iter().map(|(p, t)| crate::source::Source { path: p.to_string(), text: (*t).into() }).collect();
    crate::analyze(rules, &sources, opts)
}

/// [`check_with`] the embedded rules and default options.
#[cfg(test)]
pub(crate) fn check_texts(docs: &[(&str, &str)]) -> Result<crate::report::Report, crate::Error> {
    check_with(&crate::lang::Rules::embedded()?, docs, &crate::Options::default())
}
