//! CC105 fact-mismatch: a claim that contradicts the desk's fact sheet.

use super::{Conflict, Context, Rule, RuleMeta, ValueGroup, value_label};
use crate::checks::Severity;
use std::collections::BTreeMap;

pub struct FactMismatch;

static META: RuleMeta = RuleMeta {
    code: "CC105",
    name: "fact-mismatch",
    summary: "A claim contradicts the desk's fact sheet",
    explain: "\
The desk keeps a fact sheet (--facts FILE, or `facts =` in .crosscheck.toml): for a
quantity — a measure, and where it matters a subject, a predicate and a time — the value
it knows to be right and where that comes from. A claim of that quantity whose value
cannot be the fact's is reported, with the fact and its source, so that an editor knows
which side of a disagreement to correct instead of counting which figure is repeated more
often. A majority of reports can be wrong.

The claim's key must match every part the fact names. As for the other rules, a claim
whose subject was inferred from an earlier sentence is reported at a lower severity.
When reports disagree among themselves (CC101) and one side matches a fact, the CC101
message also says which side the fact sheet supports.

Configure in checks.toml: [rules.CC105] enabled = true, severity = \"error\".",
    severity: Severity::Error,
};

impl Rule for FactMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Conflict> {
        // Without a fact sheet there is nothing to compare: skip keying every claim.
        if cx.facts.is_empty() {
            return Vec::new();
        }
        // One conflict per fact and wrong value, listing every claim that states it.
        let mut wrong: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
        for (i, c) in cx.claims.iter().enumerate() {
            let Some(key) = crate::graph::key(c, cx.measures) else { continue };
            let Some(iv) = crate::graph::interval(c, cx.measures) else { continue };
            for (f, fact) in cx.facts.iter().enumerate() {
                let time = if cx.measures.get(&key.measure).timeless { None } else { key.time.as_deref() };
                let covers = fact.covers(
                    &key.measure,
                    key.subject.as_deref(),
                    key.predicate.as_deref(),
                    time.or(key.time.as_deref()),
                );
                if covers && iv.disjoint(&fact.interval()) {
                    wrong.entry((f, value_label(c))).or_default().push(i);
                }
            }
        }
        let mut out = Vec::new();
        for ((f, value), claims) in wrong {
            let fact = &cx.facts[f];
            let confidence =
                claims.iter().map(|&i| crate::graph::subject_confidence(&cx.claims[i], cx.measures)).min().unwrap_or(0);
            let label = cx.measures.get(&fact.measure).label.clone();
            let what = match &fact.subject {
                Some(s) => format!("{label} of {}", cx.measures.subject_label(s)),
                None => label,
            };
            out.push(Conflict {
                code: META.code,
                rule: META.name,
                severity: cx.checks.severity(META.code, META.severity, confidence),
                message: format!(
                    "{what}: {value} contradicts the fact sheet, which says {} ({})",
                    fact.value_text(),
                    fact.source
                ),
                values: vec![ValueGroup { value, claims: claims.clone(), ..Default::default() }],
                claims,
                confidence,
                key: None,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::Severity;
    use crate::lang::Rules;

    fn run(docs: &[(&str, &str)], facts: &str) -> Result<crate::report::Report, crate::Error> {
        let opts = crate::Options { facts: crate::facts::parse("facts.toml", facts)?, ..Default::default() };
        super::super::check_with(&Rules::embedded()?, docs, &opts)
    }

    const FACT: &str =
        "[[fact]]\nmeasure = \"article\"\nsubject = \"convention\"\nvalue = \"40\"\nsource = \"the deposited text\"\n";

    #[test]
    fn fires_on_a_claim_against_the_fact_and_names_the_right_side() -> crate::TestResult {
        let r = run(&[("a.txt", "The treaty has 40 articles."), ("b.txt", "The treaty has 41 articles.")], FACT)?;
        let cc105: Vec<&crate::rules::Conflict> = r.conflicts.iter().filter(|c| c.code == "CC105").collect();
        assert_eq!(cc105.len(), 1);
        assert_eq!(cc105[0].severity, Severity::Error);
        assert_eq!(
            cc105[0].message,
            "articles of the convention: 41 contradicts the fact sheet, which says 40 (the deposited text)"
        );
        assert_eq!(r.claims[cc105[0].claims[0]].text, "41 articles");
        let cc101 = r.conflicts.iter().find(|c| c.code == "CC101").ok_or("no CC101")?;
        assert!(
            cc101.message.ends_with("the fact sheet says 40 (the deposited text): 41 is wrong"),
            "{}",
            cc101.message
        );
        Ok(())
    }

    #[test]
    fn silent_when_claims_agree_with_the_fact_or_speak_of_something_else() -> crate::TestResult {
        let r = run(&[("a.txt", "The treaty has 40 articles."), ("b.txt", "The budget law has 52 articles.")], FACT)?;
        assert!(r.conflicts.iter().all(|c| c.code != "CC105"), "{:?}", r.conflicts);
        Ok(())
    }
}
