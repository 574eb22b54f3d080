//! CC102 shrinking-count: a count that only grows (signatories, ratifications, a death
//! toll) is stated smaller at a later time.

use super::{Conflict, Context, Rule, RuleMeta, ValueGroup, value_label};
use crate::checks::Severity;
use crate::value::Date;
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
year are only ordered against dates without a year. Severity follows the keying
confidence as for CC101.

Configure in checks.toml: [rules.CC102] enabled = true, severity = \"error\".",
    severity: Severity::Error,
};

type Key = (Arc<str>, Option<Arc<str>>, Option<Arc<str>>);

impl Rule for ShrinkingCount {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Conflict> {
        // Claims of growing counts, by quantity without its time.
        let mut by_key: BTreeMap<Key, Vec<(usize, Date)>> = BTreeMap::new();
        for (i, c) in cx.claims.iter().enumerate() {
            let Some(k) = crate::graph::key(c, cx.measures) else { continue };
            if !cx.measures.get(&k.measure).grows(k.predicate.as_deref()) {
                continue;
            }
            let Some(t) = c.time.as_deref().and_then(Date::parse) else { continue };
            by_key.entry((k.measure, k.subject, k.predicate)).or_default().push((i, t));
        }
        let mut out = Vec::new();
        for ((measure, subject, predicate), claims) in by_key {
            // Every earlier claim against every later one, reported once per pair of times.
            let mut pairs: BTreeMap<(String, String), (Vec<usize>, Vec<usize>)> = BTreeMap::new();
            for &(a, ta) in &claims {
                for &(b, tb) in &claims {
                    if ta.year.is_some() != tb.year.is_some() || ta.bounds().1 >= tb.bounds().0 {
                        continue; // not strictly earlier
                    }
                    let (Some(ia), Some(ib)) = (
                        crate::graph::interval(&cx.claims[a], cx.measures),
                        crate::graph::interval(&cx.claims[b], cx.measures),
                    ) else {
                        continue;
                    };
                    // The later value cannot reach the earlier one.
                    let later_max = ib.high;
                    let earlier_min = ia.low;
                    let shrinks = match (later_max, earlier_min) {
                        (Some((h, h_closed)), Some((l, l_closed))) => h < l || (h == l && !(h_closed && l_closed)),
                        _ => false,
                    };
                    if shrinks {
                        let e = pairs.entry((ta.to_string(), tb.to_string())).or_default();
                        if !e.0.contains(&a) {
                            e.0.push(a);
                        }
                        if !e.1.contains(&b) {
                            e.1.push(b);
                        }
                    }
                }
            }
            for ((ta, tb), (earlier, later)) in pairs {
                let all: Vec<usize> = earlier.iter().chain(&later).copied().collect();
                let confidence = all.iter().map(|&i| cx.claims[i].subject_source.confidence()).min().unwrap_or(0);
                let first_e = &cx.claims[earlier[0]];
                let first_l = &cx.claims[later[0]];
                let mut what = cx.measures.get(&measure).label.clone();
                if let Some(s) = &subject {
                    what = format!("{what} of the {s}");
                }
                if let Some(p) = &predicate {
                    what = format!("{what} ({p})");
                }
                out.push(Conflict {
                    code: META.code,
                    rule: META.name,
                    severity: cx.checks.severity(META.code, META.severity, confidence),
                    message: format!(
                        "{what} only grow, yet {} at {tb} is below {} at {ta}",
                        value_label(first_l),
                        value_label(first_e)
                    ),
                    values: vec![
                        ValueGroup {
                            value: format!("{} at {ta}", value_label(first_e)),
                            claims: earlier,
                            ..Default::default()
                        },
                        ValueGroup {
                            value: format!("{} at {tb}", value_label(first_l)),
                            claims: later,
                            ..Default::default()
                        },
                    ],
                    claims: all,
                    confidence,
                    key: None,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::Severity;
    use crate::lang::Rules;
    use crate::report::Report;
    use crate::source::Source;

    fn check(docs: &[(&str, &str)]) -> Report {
        let sources: Vec<Source> =
            docs.iter().map(|(p, t)| Source { path: p.to_string(), text: (*t).into() }).collect();
        crate::analyze(&Rules::embedded().unwrap(), &sources, &crate::Options::default()).unwrap()
    }

    fn cc102(r: &Report) -> Vec<(Severity, String)> {
        r.conflicts.iter().filter(|c| c.code == "CC102").map(|c| (c.severity, c.message.clone())).collect()
    }

    #[test]
    fn fires_when_a_later_count_is_smaller() {
        let r = check(&[
            ("a.txt", "On 3 May 2019, 48 countries signed the treaty."),
            ("b.txt", "On 4 May 2019, 45 countries signed the treaty."),
        ]);
        assert_eq!(
            cc102(&r),
            vec![(
                Severity::Error,
                "countries of the convention (sign) only grow, yet 45 at 2019-05-04 is below 48 at 2019-05-03".into()
            )]
        );
    }

    #[test]
    fn silent_for_growth_other_predicates_and_unknown_times() {
        let r = check(&[
            ("a.txt", "On 3 May 2019, 45 countries signed the treaty."),
            ("b.txt", "On 4 May 2019, 48 countries signed the treaty."),
            ("c.txt", "On 5 May 2019, 30 countries attended the treaty ceremony."),
            ("d.txt", "40 countries signed the treaty."),
        ]);
        assert!(cc102(&r).is_empty(), "{:?}", r.conflicts);
    }
}
