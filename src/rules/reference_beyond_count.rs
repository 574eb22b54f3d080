//! CC103 reference-beyond-count: a reference ("Article 45") beyond the count the
//! reports state for the same subject ("the treaty has 40 articles").

use super::{Conflict, Context, Rule, RuleMeta, ValueGroup, states_one, value_label};
use crate::checks::Severity;
use crate::value::Value;
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::sync::Arc;

pub struct ReferenceBeyondCount;

static META: RuleMeta = RuleMeta {
    code: "CC103",
    name: "reference-beyond-count",
    summary: "A reference to an article beyond the number of articles stated for it",
    explain: "\
A report cites a numbered part of something (\"Article 45 of the treaty\") while the
reports state that it has fewer parts (\"the treaty has 40 articles\"). Either the
reference or the count is wrong. Which measures bound which is data: in measures.toml,
`bounded_by = \"article\"` on `article_ref`.

The reference and the count must speak of the same subject. When the reports state
several counts, a reference beyond all of them is reported at the rule's severity; a
reference beyond some of them only (the counts themselves disagree, see CC101) is an info.
When either side's subject was only inferred from an earlier sentence, the severity is
lowered as for CC101.

Configure in checks.toml: [rules.CC103] enabled = true, severity = \"error\".",
    severity: Severity::Error,
};

fn exact(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number { low: Some(l), high: Some(h), .. } if l == h => Some(*l),
        _ => None,
    }
}

/// What a reference cites: its measure, subject and number.
type Cited = (Arc<str>, Arc<str>, Decimal);

/// The exact counts stated for one (measure, subject), in claim order, with their values
/// and labels (each distinct label once, by number).
#[derive(Default)]
struct Stated {
    claims: Vec<usize>,
    values: Vec<Decimal>,
    label_of: Vec<usize>,
    labels: Vec<String>,
    label_index: FxHashMap<String, usize>,
}

impl Stated {
    fn push(&mut self, claim: usize, value: Decimal, label: impl FnOnce() -> String) {
        let label = label();
        let l = match self.label_index.get(&label) {
            Some(&l) => l,
            None => {
                self.labels.push(label.clone());
                self.label_index.insert(label, self.labels.len() - 1);
                self.labels.len() - 1
            }
        };
        self.claims.push(claim);
        self.values.push(value);
        self.label_of.push(l);
    }
}

impl Rule for ReferenceBeyondCount {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Conflict> {
        // References beyond a count, grouped by what they cite: one conflict per cited
        // number of a subject, however many reports cite it.
        let mut cited: BTreeMap<Cited, Vec<usize>> = BTreeMap::new();
        for (i, r) in cx.claims.iter().enumerate() {
            let (Some(m), Some(s)) = (&r.measure, &r.subject) else { continue };
            if cx.measures.get(m).bounded_by.is_none() {
                continue;
            }
            if let Some(n) = exact(&r.value) {
                cited.entry((m.clone(), s.clone(), n)).or_default().push(i);
            }
        }
        // Stated counts per (count measure, subject), of the bounds and subjects cited only:
        // most claims are no count of anything referenced.
        let wanted: FxHashSet<(&str, &str)> =
            cited.keys().filter_map(|(m, s, _)| cx.measures.get(m).bounded_by.as_deref().map(|b| (b, &**s))).collect();
        let mut counts: FxHashMap<(&str, &str), Stated> = FxHashMap::default();
        if !wanted.is_empty() {
            for (i, c) in cx.claims.iter().enumerate() {
                if let (Some(m), Some(s)) = (&c.measure, &c.subject)
                    && c.qualifier.compared() == crate::value::Qualifier::Exact
                    && let Some(v) = exact(&c.value)
                    && wanted.contains(&(&**m, &**s))
                {
                    counts.entry((&**m, &**s)).or_default().push(i, v, || value_label(c));
                }
            }
        }
        use rayon::prelude::*;
        // Cited numbers are independent: their conflicts are built on the pool, in order.
        let cited: Vec<(Cited, Vec<usize>)> = cited.into_iter().collect();
        cited
            .into_par_iter()
            .filter_map(|((m, s, n), refs)| {
                let bound = cx.measures.get(&m).bounded_by.as_deref()?;
                let stated = counts.get(&(bound, &*s))?;
                let below: Vec<usize> =
                    stated.claims.iter().zip(&stated.values).filter(|&(_, v)| *v < n).map(|(&k, _)| k).collect();
                if below.is_empty() {
                    return None;
                }
                let beyond_all = below.len() == stated.claims.len();
                let sure = |k: usize| crate::graph::subject_confidence(&cx.claims[k], cx.measures);
                let confidence = below.iter().chain(&refs).map(|&k| sure(k)).min().unwrap_or(0);
                let severity =
                    if beyond_all { cx.checks.severity(META.code, META.severity, confidence) } else { Severity::Info };
                let first = &cx.claims[refs[0]];
                let mut claims = refs.clone();
                claims.extend(&below);
                let mut values = vec![ValueGroup {
                    value: format!("reference {}", value_label(first)),
                    claims: refs,
                    ..Default::default()
                }];
                // The counts below, grouped by label in order of their first claim (as
                // `group_by_label` groups them), by the label's number: a count is below
                // many cited numbers, and its label is written once. Per label, the value
                // group it has in this conflict.
                let mut slot: Vec<Option<usize>> = vec![None; stated.labels.len()];
                for (&k, (v, &l)) in stated.claims.iter().zip(stated.values.iter().zip(&stated.label_of)) {
                    if *v >= n {
                        continue;
                    }
                    match slot[l] {
                        Some(g) => values[g].claims.push(k),
                        None => {
                            slot[l] = Some(values.len());
                            values.push(ValueGroup {
                                value: stated.labels[l].clone(),
                                claims: vec![k],
                                ..Default::default()
                            });
                        }
                    }
                }
                let counts_text: Vec<&str> = values[1..].iter().map(|g| g.value.as_str()).collect();
                // "said to have 1 article", but "1 or 3 articles".
                let one =
                    matches!(&values[1..], [only] if only.claims.first().is_some_and(|&k| states_one(&cx.claims[k])));
                let bound_info = cx.measures.get(bound);
                let s = cx.measures.subject_label(&s);
                Some(Conflict {
                    code: META.code,
                    rule: META.name,
                    severity,
                    claims,
                    message: format!(
                        "{} {} of {s} is cited, but {s} is said to have {} {}",
                        bound_info.noun(true),
                        value_label(first),
                        counts_text.join(" or "),
                        bound_info.noun(one)
                    ),
                    values,
                    confidence,
                    key: None,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::Severity;
    use crate::report::Report;

    fn check(docs: &[(&str, &str)]) -> Result<Report, crate::Error> {
        super::super::check_texts(docs)
    }

    fn cc103(r: &Report) -> Vec<(Severity, String)> {
        r.conflicts.iter().filter(|c| c.code == "CC103").map(|c| (c.severity, c.message.clone())).collect()
    }

    #[test]
    fn fires_when_the_reference_exceeds_the_count() -> crate::TestResult {
        let r = check(&[("a.txt", "The treaty has 40 articles."), ("b.txt", "Article 45 of the treaty sets a fund.")])?;
        assert_eq!(
            cc103(&r),
            vec![(
                Severity::Error,
                "article 45 of the convention is cited, but the convention is said to have 40 articles".into()
            )]
        );
        Ok(())
    }

    #[test]
    fn the_count_agrees_with_one() -> crate::TestResult {
        // measures.toml: article one = "article".
        let r = check(&[("a.txt", "The treaty has 1 article."), ("b.txt", "Article 45 of the treaty sets a fund.")])?;
        assert_eq!(
            cc103(&r),
            vec![(
                Severity::Error,
                "article 45 of the convention is cited, but the convention is said to have 1 article".into()
            )]
        );
        Ok(())
    }

    #[test]
    fn silent_within_the_count_or_for_another_subject() -> crate::TestResult {
        let r = check(&[("a.txt", "The treaty has 40 articles."), ("b.txt", "Article 38 of the treaty sets a fund.")])?;
        assert!(cc103(&r).is_empty());
        let r =
            check(&[("a.txt", "The treaty has 40 articles."), ("b.txt", "Article 45 of the budget law sets a fund.")])?;
        assert!(cc103(&r).is_empty());
        Ok(())
    }

    #[test]
    fn only_an_info_when_the_counts_disagree() -> crate::TestResult {
        let r = check(&[
            ("a.txt", "The treaty has 40 articles."),
            ("b.txt", "The treaty has 50 articles."),
            ("c.txt", "Article 45 of the treaty sets a fund."),
        ])?;
        assert_eq!(cc103(&r).iter().map(|x| x.0).collect::<Vec<_>>(), vec![Severity::Info]);
        Ok(())
    }
}
