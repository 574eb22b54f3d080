//! The claim graph: claims keyed by the quantity they state, with `agrees` and
//! `conflicts` edges between claims of one key. Grouping by key first means claims are
//! only ever compared within their group, never all pairs.

use crate::claim::{Claim, SubjectSource};
use crate::lang::Measures;
use crate::value::{Interval, Value};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::sync::Arc;

/// What a claim measures: claims are compared only when their keys are equal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct QuantityKey {
    pub measure: Arc<str>,
    pub subject: Option<Arc<str>>,
    pub predicate: Option<Arc<str>>,
    /// `None` for timeless measures, whatever time the claim speaks of.
    pub time: Option<Arc<str>>,
    /// Dates without a year are compared only with dates without a year.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_year: bool,
    /// Dates that name only a year are compared only with such dates: in "the budget for
    /// 2099, approved on 3 May 2098" the year is the period the budget is for, the
    /// day is when it was approved.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub year_only: bool,
}

/// Whether a claim is a date that names a year and nothing finer.
pub fn year_only(v: &Value) -> bool {
    matches!(v, Value::Date { low, high } if low.year.is_some() && low.month.is_none() && high.month.is_none())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    Agrees,
    Conflicts,
}

#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    /// Claim indices into the report's claims.
    pub a: usize,
    pub b: usize,
    pub kind: EdgeKind,
    /// The rule that reports this edge, for conflicts.
    pub rule: Option<&'static str>,
}

/// Claims of one key.
#[derive(Debug, Clone)]
pub struct Group {
    pub key: QuantityKey,
    pub claims: Vec<usize>,
    /// How sure the keying is, in percent: the weakest claim's subject, capped when the
    /// predicate or the time is unknown for a quantity that changes.
    pub confidence: u8,
    /// Claims whose value cannot be true together with some other claim's value.
    pub conflicting: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub groups: Vec<Group>,
    pub edges: Vec<Edge>,
}

/// The key of a claim, or `None` when the claim is never compared.
pub fn key(c: &Claim, measures: &Measures) -> Option<QuantityKey> {
    let measure = c.measure.as_ref()?;
    let info = measures.get(measure);
    // The date of an event that happens at one moment (a quake) is a fact about the
    // event, even where it also dates the figures around it; no verb near it changes it.
    // So is the date of a phase of an event ("by the close on 15 May"): a date's time is
    // the phase it is the day of.
    let event_date = matches!(c.value, Value::Date { .. })
        && (c.time.is_some() || c.subject.as_deref().is_some_and(|s| measures.is_instant(s)));
    if !info.compare || (c.scope_only && !event_date) || c.ambiguous || (info.requires_subject && c.subject.is_none()) {
        return None;
    }
    // What was done says nothing about a property that does not change (a treaty's
    // article count, a quake's magnitude): a verb near such a figure is the sentence's.
    // A reference's topic ("the article on entry into force") is what it is about.
    let verbless = (info.timeless && info.topics.is_empty()) || event_date;
    let predicate = if verbless { None } else { measures.key_predicate(measure, c.predicate.as_ref()) };
    if info.requires_predicate && predicate.is_none() && !event_date {
        return None;
    }
    Some(QuantityKey {
        measure: measure.clone(),
        subject: c.subject.clone(),
        predicate,
        time: if info.timeless { None } else { c.time.clone() },
        no_year: matches!(&c.value, Value::Date { low, .. } if low.year.is_none()) && c.year_of.is_none(),
        year_only: year_only(&c.value),
    })
}

/// The interval a claim's value covers once the measure's tolerance is applied; dates
/// cover their first to their last day.
pub fn interval(c: &Claim, measures: &Measures) -> Option<Interval> {
    match &c.value {
        Value::Date { low, high } => {
            let of_year = |d: &crate::value::Date| crate::value::Date { year: d.year.or(c.year_of), ..*d };
            let lo = Decimal::from(of_year(low).bounds().0);
            let hi = Decimal::from(of_year(high).bounds().1);
            Some(Interval { low: Some((lo, true)), high: Some((hi, true)) })
        }
        Value::Number { .. } => {
            let info = measures.get(c.measure.as_deref().unwrap_or_default());
            info.tolerance.interval(&c.value, c.qualifier.compared())
        }
    }
}

/// True when two claims' values cannot both be true.
pub fn disjoint(a: &Claim, b: &Claim, measures: &Measures) -> bool {
    match (interval(a, measures), interval(b, measures)) {
        (Some(x), Some(y)) => x.disjoint(&y),
        _ => false,
    }
}

/// How sure a claim's subject is, in percent: its source's confidence, except that a
/// subject borrowed from an earlier sentence ([`SubjectSource::Context`]) is only as sure
/// as a warning for a figure of a measure that says nothing without its subject (money, a
/// duration, a weight: `requires_subject`) when the figure's own sentence states no act.
/// In "The fund got $5 million. The talks lasted 5 days." the days are the talks', which
/// no pack names. An act ("donors pledged $5 million") ties the figure to the story the
/// subject came from, and counts of a document's parts ("It has 41 articles", in a
/// language that drops the pronoun) are what a report says of what it just named.
pub fn subject_confidence(c: &Claim, measures: &Measures) -> u8 {
    let own = c.subject_source.confidence();
    let needs_subject = || c.measure.as_deref().is_some_and(|m| measures.get(m).requires_subject);
    if c.subject_source == SubjectSource::Context && c.predicate.is_none() && needs_subject() {
        own.min(BORROWED_WITHOUT_ACT)
    } else {
        own
    }
}

/// [`subject_confidence`] of a borrowed subject for a figure that states no act: below the
/// default error threshold (0.8), above the warning one (0.6).
const BORROWED_WITHOUT_ACT: u8 = 70;

/// How sure the keying of a group is. A value is as well attested as its best-keyed claim
/// (one claim whose subject was guessed from an earlier sentence does not weaken a value
/// that other claims name outright); the group is as sure as its least attested value
/// among those in conflict (among all values when none is). For a quantity that changes,
/// an unknown predicate lowers it to an info when the measure counts different things
/// under different acts (it has `grows_when`), and an unknown time to a warning when the
/// figure only grows or when other claims of the run state it at a time: then the claims
/// may speak of different days.
fn confidence(
    key: &QuantityKey,
    buckets: &[(Option<Interval>, Vec<usize>)],
    claims: &[Claim],
    conflicting: &[usize],
    timed: bool,
    measures: &Measures,
) -> u8 {
    let info = measures.get(&key.measure);
    // `conflicting` is in claim order, and the claims of a bucket share one interval: a
    // bucket is in conflict when its first claim is.
    let in_conflict = |list: &Vec<usize>| list.first().is_some_and(|i| conflicting.binary_search(i).is_ok());
    let subject = buckets
        .iter()
        .filter(|(_, list)| conflicting.is_empty() || in_conflict(list))
        .map(|(_, list)| list.iter().map(|&i| subject_confidence(&claims[i], measures)).max().unwrap_or(0))
        .min()
        .unwrap_or(0);
    let subject = if key.subject.is_none() { subject.min(SubjectSource::None.confidence()) } else { subject };
    let mut conf = subject;
    if !info.timeless {
        // A count that grows under some predicates (signatories, the dead) counts
        // different things under different ones: without a predicate it may be any of
        // them. Other quantities (a fund's amount, a delay) are what their subject says.
        if key.predicate.is_none() && !info.grows_when.is_empty() {
            conf = conf.min(SubjectSource::Shared.confidence());
        }
        if key.time.is_none() && (timed || info.grows(key.predicate.as_deref())) {
            conf = conf.min(75);
        }
    }
    conf
}

/// At most this many distinct values of one quantity get edges between each other.
const MAX_LINKED_VALUES: usize = 50;

/// Ordering keys that make `Interval::disjoint` monotone: a higher low (open above closed)
/// and a lower high (open below closed) are "further out".
fn low_key(i: &Interval) -> Option<(Decimal, bool)> {
    i.low.map(|(v, closed)| (v, !closed))
}
fn high_key(i: &Interval) -> Option<(Decimal, bool)> {
    i.high
}

/// The first two items of `items` stably sorted so that `before` items come first: an
/// item displaces a kept one only when strictly before it.
fn first_two<K: Copy>(items: &[(K, usize)], before: impl Fn(&K, &K) -> bool) -> Vec<(K, usize)> {
    let mut first: Option<(K, usize)> = None;
    let mut second: Option<(K, usize)> = None;
    for &item in items {
        match (first, second) {
            (None, _) => first = Some(item),
            (Some(a), _) if before(&item.0, &a.0) => {
                second = first;
                first = Some(item);
            }
            (Some(_), None) => second = Some(item),
            (Some(_), Some(b)) if before(&item.0, &b.0) => second = Some(item),
            _ => {}
        }
    }
    first.into_iter().chain(second).collect()
}

/// The claims of a group whose value is disjoint from at least one other claim's value.
/// Linear in the group's size: only the highest lows and lowest highs matter.
fn conflicting(members: &[usize], intervals: &[Option<Interval>]) -> Vec<usize> {
    let mut lows: Vec<(Option<(Decimal, bool)>, usize)> = Vec::new();
    let mut highs: Vec<(Option<(Decimal, bool)>, usize)> = Vec::new();
    for (k, iv) in intervals.iter().enumerate() {
        if let Some(iv) = iv {
            if let Some(l) = low_key(iv) {
                lows.push((Some(l), k));
            }
            if let Some(h) = high_key(iv) {
                highs.push((Some(h), k));
            }
        }
    }
    // The two highest lows and the two lowest highs, ties in member order (the first two
    // of a stable sort), found in one pass.
    let lows = first_two(&lows, |a, b| a > b);
    let highs = first_two(&highs, |a, b| a < b);
    let mut out = Vec::new();
    for (k, iv) in intervals.iter().enumerate() {
        let Some(iv) = iv else { continue };
        let other_low = lows.iter().find(|(_, j)| *j != k).map(|(_, j)| *j);
        let other_high = highs.iter().find(|(_, j)| *j != k).map(|(_, j)| *j);
        let hit = |j: Option<usize>| j.and_then(|j| intervals[j].as_ref()).is_some_and(|o| iv.disjoint(o));
        if hit(other_low) || hit(other_high) {
            out.push(members[k]);
        }
    }
    out
}

/// A key without its time: what is measured, of what, under which predicate.
type Quantity = (Arc<str>, Option<Arc<str>>, Option<Arc<str>>);

/// Claims keyed per task of [`build`].
const KEY_CHUNK: usize = 4096 * 4;

/// Groups claims by key; links claims of one value in a chain and the first claims of
/// distinct values pairwise, so that edges grow with the number of distinct values.
pub fn build(claims: &[Claim], measures: &Measures) -> Graph {
    use rayon::prelude::*;
    // Claims keyed and grouped per chunk on the pool, then the chunks' groups merged in
    // chunk order: each group lists its claims in claim order, as one pass would.
    let parts: Vec<FxHashMap<QuantityKey, Vec<usize>>> = claims
        .par_chunks(KEY_CHUNK)
        .enumerate()
        .map(|(n, part)| {
            let mut groups: FxHashMap<QuantityKey, Vec<usize>> = FxHashMap::default();
            for (k, c) in part.iter().enumerate() {
                if let Some(key) = key(c, measures) {
                    groups.entry(key).or_default().push(n * KEY_CHUNK + k);
                }
            }
            groups
        })
        .collect();
    let mut parts = parts.into_iter();
    let mut by_key: FxHashMap<QuantityKey, Vec<usize>> = parts.next().unwrap_or_default();
    for part in parts {
        for (key, members) in part {
            by_key.entry(key).or_default().extend(members);
        }
    }
    // Quantities (measure, subject, predicate) that some claim states at a time. Only a
    // claim that names its subject in its own sentence counts: one whose subject was
    // taken from earlier sentences ("a pay rise of 3 % from 1 April", after a sentence on
    // the deficit) says nothing of when the deficit is stated.
    let timed: rustc_hash::FxHashSet<Quantity> = by_key
        .iter()
        .filter(|(k, members)| {
            k.time.is_some() && members.iter().any(|&i| claims[i].subject_source == SubjectSource::Explicit)
        })
        .map(|(k, _)| (k.measure.clone(), k.subject.clone(), k.predicate.clone()))
        .collect();
    // Groups in key order, so that output does not depend on hashing.
    let mut by_key: Vec<(QuantityKey, Vec<usize>)> = by_key.into_iter().filter(|(_, m)| m.len() >= 2).collect();
    by_key.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Groups are independent: built in parallel, their edges concatenated in key order.
    let built: Vec<(Group, Vec<Edge>)> = by_key
        .into_par_iter()
        .map(|(key, members)| {
            let quantity = (key.measure.clone(), key.subject.clone(), key.predicate.clone());
            group(claims, measures, key, members, timed.contains(&quantity))
        })
        .collect();
    let mut graph = Graph::default();
    graph.edges.reserve(built.iter().map(|(_, e)| e.len()).sum());
    for (g, edges) in built {
        graph.groups.push(g);
        graph.edges.extend(edges);
    }
    graph
}

/// One group of at least two claims and its edges.
fn group(
    claims: &[Claim],
    measures: &Measures,
    key: QuantityKey,
    members: Vec<usize>,
    timed: bool,
) -> (Group, Vec<Edge>) {
    let mut edges = Vec::new();
    let intervals: Vec<Option<Interval>> = members.iter().map(|&i| interval(&claims[i], measures)).collect();
    // Buckets of claims that state the same interval, in order of first appearance.
    let mut buckets: Vec<(Option<Interval>, Vec<usize>)> = Vec::new();
    let mut bucket_of: FxHashMap<Option<Interval>, usize> = FxHashMap::default();
    for (k, &i) in members.iter().enumerate() {
        match bucket_of.get(&intervals[k]) {
            Some(&b) => buckets[b].1.push(i),
            None => {
                bucket_of.insert(intervals[k], buckets.len());
                buckets.push((intervals[k], vec![i]));
            }
        }
    }
    for (_, list) in &buckets {
        for pair in list.windows(2) {
            edges.push(Edge { a: pair[0], b: pair[1], kind: EdgeKind::Agrees, rule: None });
        }
    }
    let linked = &buckets[..buckets.len().min(MAX_LINKED_VALUES)];
    for (x, (iv_a, list_a)) in linked.iter().enumerate() {
        for (iv_b, list_b) in &linked[x + 1..] {
            let apart = matches!((iv_a, iv_b), (Some(a), Some(b)) if a.disjoint(b));
            let kind = if apart { EdgeKind::Conflicts } else { EdgeKind::Agrees };
            edges.push(Edge { a: list_a[0], b: list_b[0], kind, rule: None });
        }
    }
    let conflicting = conflicting(&members, &intervals);
    debug_assert!(conflicting.windows(2).all(|w| w[0] < w[1]), "members are in claim order");
    let confidence = confidence(&key, &buckets, claims, &conflicting, timed, measures);
    (Group { key, claims: members, confidence, conflicting }, edges)
}
