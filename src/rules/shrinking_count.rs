//! CC102 shrinking-count: a count that only grows (signatories, ratifications, a death
//! toll) is stated smaller at a later time.

use super::{Conflict, Context, Rule, RuleMeta, ValueGroup, value_label};
use crate::checks::Severity;
use crate::value::Date;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

pub struct ShrinkingCount;

static META: RuleMeta = RuleMeta {
    code: "CC102",
    name: "shrinking-count",
    summary: "A count that only grows is smaller at a later time",
    explain: "\
Some counts can only grow: countries that have signed a treaty, ratifications, the death
toll of a disaster. When one report gives such a count for a later date than another, yet
a value that cannot reach the earlier one, one of them is wrong (or the later one counts
something narrower and should say so). \"58 countries signed on 14 March\" and \"63 by
15 March\" is growth; \"63 on 14 March\" and \"58 on 15 March\" is not.

Which counts grow, under which predicates, is data: `grows_when` in measures.toml. Both
claims need the same measure, subject and predicate and an explicit time; dates without a
year are only ordered against dates without a year. The phases of an event (\"on the
first day\", \"by the close\") are ordered among themselves as `[times] order` in
measures.toml lists them, never against a date. Severity follows the keying
confidence as for CC101.

Configure in checks.toml: [rules.CC102] enabled = true, severity = \"error\".",
    severity: Severity::Error,
};

type Key = (Arc<str>, Option<Arc<str>>, Option<Arc<str>>);

/// A lower bound ordered by how many upper bounds lie below it: a higher value, and at
/// one value an open bound (`true` here) above a closed one.
type LowKey = (Decimal, bool);

/// A claim index with its interval's lower bound as a [`LowKey`] and its upper bound.
type Bounds = (usize, Option<LowKey>, Option<(Decimal, bool)>);

/// When a figure is stated: on a date, or at a phase of an event (`[times] order`).
#[derive(Clone, Copy)]
enum When {
    Date(Date),
    Phase(usize),
}

impl When {
    fn of(time: &str, measures: &crate::lang::Measures) -> Option<When> {
        Date::parse(time).map(When::Date).or_else(|| measures.phase_rank(time).map(When::Phase))
    }

    /// Strictly before `later`. Dates without a year are ordered only among themselves,
    /// phases only among themselves.
    fn before(self, later: When) -> bool {
        match (self, later) {
            (When::Date(a), When::Date(b)) => a.year.is_some() == b.year.is_some() && a.bounds().1 < b.bounds().0,
            (When::Phase(a), When::Phase(b)) => a < b,
            _ => false,
        }
    }
}

/// The claims of one quantity stated for one time (all claims whose time prints alike).
struct AtTime {
    when: When,
    claims: Vec<Bounds>,
    /// The strongest lower bound of the claims up to each position, for finding the first
    /// earlier claim that a later one falls below.
    prefix_low: Vec<Option<LowKey>>,
    /// The weakest upper bound: the later claim that falls below the most earlier ones.
    min_high: Option<(Decimal, bool)>,
}

/// True when every number up to `high` lies below every number from `low`.
fn below(high: Option<(Decimal, bool)>, low: Option<LowKey>) -> bool {
    match (high, low) {
        (Some((h, h_closed)), Some((l, l_open))) => h < l || (h == l && (l_open || !h_closed)),
        _ => false,
    }
}

impl AtTime {
    fn new(when: When, claims: Vec<Bounds>) -> AtTime {
        let mut best: Option<LowKey> = None;
        let prefix_low = claims
            .iter()
            .map(|c| {
                best = best.max(c.1);
                best
            })
            .collect();
        // The lowest upper bound, an open one below a closed one at the same value.
        let min_high = claims.iter().filter_map(|c| c.2).min();
        AtTime { when, claims, prefix_low, min_high }
    }
}

impl Rule for ShrinkingCount {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Conflict> {
        // Claims of growing counts, by quantity without its time, then by the time as printed.
        let mut by_key: BTreeMap<Key, BTreeMap<String, (When, Vec<usize>)>> = BTreeMap::new();
        for (i, c) in cx.claims.iter().enumerate() {
            // The time first: it is cheaper than the key, and many claims have none.
            let Some(time) = c.time.as_deref() else { continue };
            let Some(t) = When::of(time, cx.measures) else { continue };
            // Then the measure (a key's is the claim's): most timed figures (shares,
            // amounts) never grow, and the key is the dearest part.
            let Some(info) = c.measure.as_deref().map(|m| cx.measures.get(m)) else { continue };
            if info.grows_when.is_empty() {
                continue;
            }
            let Some(k) = crate::graph::key(c, cx.measures) else { continue };
            if !info.grows(k.predicate.as_deref()) {
                continue;
            }
            let times = by_key.entry((k.measure, k.subject, k.predicate)).or_default();
            // Most times are seen before: looked up by the claim's text, copied once.
            match times.get_mut(time) {
                Some((_, members)) => members.push(i),
                None => {
                    times.insert(time.to_string(), (t, vec![i]));
                }
            }
        }
        let mut out = Vec::new();
        for ((measure, subject, predicate), times) in by_key {
            let times: Vec<(String, AtTime)> = times
                .into_iter()
                .map(|(s, (when, members))| {
                    let claims = members
                        .into_iter()
                        .map(|i| {
                            let iv = crate::graph::interval(&cx.claims[i], cx.measures);
                            let low = iv.and_then(|iv| iv.low).map(|(v, closed)| (v, !closed));
                            (i, low, iv.and_then(|iv| iv.high))
                        })
                        .collect();
                    (s, AtTime::new(when, claims))
                })
                .collect();
            // Every earlier time against every later one, in the order of their printed
            // forms; one conflict per pair of times whose claims shrink.
            for (ta, ea) in &times {
                let best_low = ea.prefix_low.last().copied().flatten();
                for (tb, lb) in &times {
                    if !ea.when.before(lb.when) {
                        continue;
                    }
                    if !below(lb.min_high, best_low) {
                        continue;
                    }
                    // The earlier claims above some later claim, in claim order.
                    let earlier: Vec<usize> =
                        ea.claims.iter().filter(|c| below(lb.min_high, c.1)).map(|c| c.0).collect();
                    // The later claims below some earlier claim, ordered by the first earlier
                    // claim they fall below, then by claim order.
                    let mut later: Vec<(usize, usize)> = lb
                        .claims
                        .iter()
                        .filter(|c| below(c.2, best_low))
                        .map(|c| (ea.prefix_low.partition_point(|&low| !below(c.2, low)), c.0))
                        .collect();
                    later.sort_unstable();
                    let later: Vec<usize> = later.into_iter().map(|(_, b)| b).collect();
                    out.push(conflict(
                        cx,
                        &measure,
                        subject.as_deref(),
                        predicate.as_deref(),
                        (ta, tb),
                        earlier,
                        later,
                    ));
                }
            }
        }
        out
    }
}

fn conflict(
    cx: &Context<'_>,
    measure: &str,
    subject: Option<&str>,
    predicate: Option<&str>,
    (ta, tb): (&str, &str),
    earlier: Vec<usize>,
    later: Vec<usize>,
) -> Conflict {
    let all: Vec<usize> = earlier.iter().chain(&later).copied().collect();
    let confidence =
        all.iter().map(|&i| crate::graph::subject_confidence(&cx.claims[i], cx.measures)).min().unwrap_or(0);
    let first_e = &cx.claims[earlier[0]];
    let first_l = &cx.claims[later[0]];
    let what = super::quantity_words(cx.measures, measure, subject, predicate, None);
    let (ta, tb) = (cx.measures.time_label(ta), cx.measures.time_label(tb));
    Conflict {
        code: META.code,
        rule: META.name,
        severity: cx.checks.severity(META.code, META.severity, confidence),
        message: format!("{what} only grow, yet {} {tb} is below {} {ta}", value_label(first_l), value_label(first_e)),
        values: vec![
            ValueGroup { value: format!("{} {ta}", value_label(first_e)), claims: earlier, ..Default::default() },
            ValueGroup { value: format!("{} {tb}", value_label(first_l)), claims: later, ..Default::default() },
        ],
        claims: all,
        confidence,
        key: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::Severity;
    use crate::report::Report;

    fn check(docs: &[(&str, &str)]) -> Result<Report, crate::Error> {
        super::super::check_texts(docs)
    }

    fn cc102(r: &Report) -> Vec<(Severity, String)> {
        r.conflicts.iter().filter(|c| c.code == "CC102").map(|c| (c.severity, c.message.clone())).collect()
    }

    #[test]
    fn phases_of_an_event_are_ordered_as_the_rules_list_them() -> crate::TestResult {
        // measures.toml: [times] order puts "day 1" before "close".
        let first = "On the first day, 30 countries signed the treaty.";
        let r = check(&[("a.txt", first), ("b.txt", "By the close, 20 countries had signed the treaty.")])?;
        assert_eq!(
            cc102(&r),
            vec![(
                Severity::Error,
                "countries of the convention (signed) only grow, yet 20 at the close is below 30 on the first day"
                    .into()
            )]
        );
        // Growth from one phase to a later one is silent.
        let r = check(&[("a.txt", first), ("b.txt", "By the close, 45 countries had signed the treaty.")])?;
        assert!(cc102(&r).is_empty(), "{:?}", r.conflicts);
        // A phase is not ordered against a date: which day the first day was is unknown.
        let r = check(&[("a.txt", first), ("b.txt", "On 4 May 2019, 20 countries signed the treaty.")])?;
        assert!(cc102(&r).is_empty(), "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn fires_when_a_later_count_is_smaller() -> crate::TestResult {
        let r = check(&[
            ("a.txt", "On 3 May 2019, 48 countries signed the treaty."),
            ("b.txt", "On 4 May 2019, 45 countries signed the treaty."),
        ])?;
        assert_eq!(
            cc102(&r),
            vec![(
                Severity::Error,
                "countries of the convention (signed) only grow, yet 45 as of 4 May 2019 is below 48 as of 3 May 2019"
                    .into()
            )]
        );
        Ok(())
    }

    #[test]
    fn silent_for_growth_other_predicates_and_unknown_times() -> crate::TestResult {
        let r = check(&[
            ("a.txt", "On 3 May 2019, 45 countries signed the treaty."),
            ("b.txt", "On 4 May 2019, 48 countries signed the treaty."),
            ("c.txt", "On 5 May 2019, 30 countries attended the treaty ceremony."),
            ("d.txt", "40 countries signed the treaty."),
        ])?;
        assert!(cc102(&r).is_empty(), "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn later_claims_follow_the_first_earlier_claim_they_fall_below() -> crate::TestResult {
        let r = check(&[
            ("a.txt", "On 3 May 2019, 50 countries signed the treaty."),
            ("b.txt", "On 4 May 2019, 55 countries signed the treaty."),
            ("c.txt", "On 3 May 2019, 57 countries signed the treaty."),
            ("d.txt", "On 4 May 2019, 45 countries signed the treaty."),
        ])?;
        let c: Vec<_> = r.conflicts.iter().filter(|c| c.code == "CC102").collect();
        assert_eq!(c.len(), 1, "{:?}", r.conflicts);
        let values: Vec<Vec<usize>> = c[0].values.iter().map(|v| v.claims.clone()).collect();
        // 45 falls below 50 (the first earlier claim), 55 only below 57.
        assert_eq!(values, vec![vec![1, 5], vec![7, 3]]); // (dates are claims too)
        Ok(())
    }
}
