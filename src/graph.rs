//! The claim graph: claims keyed by the quantity they state, with `agrees` and
//! `conflicts` edges between claims of one key. Grouping by key first means claims are
//! only ever compared within their group, never all pairs.

use crate::claim::{Claim, SubjectSource};
use crate::lang::Measures;
use crate::value::{Interval, Value};
use serde::Serialize;
use std::collections::BTreeMap;

/// What a claim measures: claims are compared only when their keys are equal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct QuantityKey {
    pub measure: String,
    pub subject: Option<String>,
    pub predicate: Option<String>,
    /// `None` for timeless measures, whatever time the claim speaks of.
    pub time: Option<String>,
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
}

#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub groups: Vec<Group>,
    pub edges: Vec<Edge>,
}

/// The key of a claim, or `None` when the claim is never compared.
pub fn key(c: &Claim, measures: &Measures) -> Option<QuantityKey> {
    let measure = c.measure.as_deref()?;
    let info = measures.get(measure);
    if !info.compare
        || c.scope_only
        || (info.requires_subject && c.subject.is_none())
        || (info.requires_predicate && c.predicate.is_none())
    {
        return None;
    }
    Some(QuantityKey {
        measure: measure.to_string(),
        subject: c.subject.clone(),
        predicate: c.predicate.clone(),
        time: if info.timeless { None } else { c.time.clone() },
    })
}

/// The interval a claim's value covers once the measure's tolerance is applied.
pub fn interval(c: &Claim, measures: &Measures) -> Option<Interval> {
    let info = measures.get(c.measure.as_deref().unwrap_or_default());
    info.tolerance.interval(&c.value, c.qualifier)
}

/// True when two claims' values cannot both be true.
pub fn disjoint(a: &Claim, b: &Claim, measures: &Measures) -> bool {
    match (&a.value, &b.value) {
        (Value::Date { low: l1, high: h1 }, Value::Date { low: l2, high: h2 }) => {
            // Dates without a year are only compared with dates without a year.
            if l1.year.is_some() != l2.year.is_some() {
                return false;
            }
            let (a_lo, a_hi) = (l1.bounds().0, h1.bounds().1);
            let (b_lo, b_hi) = (l2.bounds().0, h2.bounds().1);
            a_hi < b_lo || b_hi < a_lo
        }
        _ => match (interval(a, measures), interval(b, measures)) {
            (Some(x), Some(y)) => x.disjoint(&y),
            _ => false,
        },
    }
}

fn confidence(key: &QuantityKey, members: &[&Claim], measures: &Measures) -> u8 {
    let info = measures.get(&key.measure);
    let subject = members.iter().map(|c| c.subject_source.confidence()).min().unwrap_or(0);
    let subject = if key.subject.is_none() { subject.min(SubjectSource::None.confidence()) } else { subject };
    let mut conf = subject;
    if !info.timeless {
        if key.predicate.is_none() {
            conf = conf.min(70);
        }
        if key.time.is_none() {
            conf = conf.min(75);
        }
    }
    conf
}

/// Groups claims by key and links every pair inside a group.
pub fn build(claims: &[Claim], measures: &Measures) -> Graph {
    let mut by_key: BTreeMap<QuantityKey, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if let Some(k) = key(c, measures) {
            by_key.entry(k).or_default().push(i);
        }
    }
    let mut graph = Graph::default();
    for (key, members) in by_key {
        if members.len() < 2 {
            continue;
        }
        let refs: Vec<&Claim> = members.iter().map(|&i| &claims[i]).collect();
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let kind =
                    if disjoint(&claims[a], &claims[b], measures) { EdgeKind::Conflicts } else { EdgeKind::Agrees };
                graph.edges.push(Edge { a, b, kind, rule: None });
            }
        }
        let confidence = confidence(&key, &refs, measures);
        graph.groups.push(Group { key, claims: members, confidence });
    }
    graph
}
