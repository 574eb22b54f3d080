//! CC101 value-mismatch: claims of one quantity whose values cannot all be true.

use super::{Conflict, Context, Rule, RuleMeta, ValueGroup, value_label};
use crate::checks::Severity;
use crate::graph::EdgeKind;
use std::collections::BTreeSet;

pub struct ValueMismatch;

static META: RuleMeta = RuleMeta {
    code: "CC101",
    name: "value-mismatch",
    summary: "Claims about the same quantity state values that cannot all be true",
    explain: "\
Two or more claims measure the same thing (same measure, same subject, same predicate and,
for quantities that change, the same time), yet their values cannot all be true: their
intervals do not overlap, even with the tolerance that \"about\" or a rounded figure allows.
\"The convention has 71 articles\" and \"the convention has 68 articles\" is such a pair;
\"more than 60 delegates\" and \"62 delegates\" is not.

Why it matters: one of the reports is wrong, or they count different things and say so
too vaguely for a reader to tell. Check the primary source and correct the wrong side, or
make the difference explicit (a date, a scope such as \"countries and organizations\").

Severity follows confidence: when a claim's subject had to be taken from a sentence
before it, or the time or predicate is unknown for a quantity that changes over time, the
conflict is reported as a warning or an info instead of an error.

Configure in checks.toml: [rules.CC101] enabled = true, severity = \"error\".",
    severity: Severity::Error,
};

impl Rule for ValueMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Conflict> {
        let mut out = Vec::new();
        for group in &cx.graph.groups {
            let members: BTreeSet<usize> = group.claims.iter().copied().collect();
            let involved: BTreeSet<usize> = cx
                .graph
                .edges
                .iter()
                .filter(|e| e.kind == EdgeKind::Conflicts && members.contains(&e.a))
                .flat_map(|e| [e.a, e.b])
                .collect();
            if involved.is_empty() {
                continue;
            }
            let claims: Vec<usize> = involved.into_iter().collect();
            let mut values: Vec<ValueGroup> = Vec::new();
            for &i in &claims {
                let label = value_label(&cx.claims[i]);
                match values.iter_mut().find(|v| v.value == label) {
                    Some(v) => v.claims.push(i),
                    None => values.push(ValueGroup { value: label, claims: vec![i] }),
                }
            }
            let info = cx.measures.get(&group.key.measure);
            let mut what = info.label.clone();
            if let Some(s) = &group.key.subject {
                what = format!("{what} of the {s}");
            }
            let mut scope: Vec<String> = Vec::new();
            if let Some(p) = &group.key.predicate {
                scope.push(format!("predicate: {p}"));
            }
            if let Some(t) = &group.key.time {
                scope.push(format!("time: {t}"));
            }
            if !scope.is_empty() {
                what = format!("{what} ({})", scope.join(", "));
            }
            let listed: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
            let message = format!("{what} cannot be both {}", join_and(&listed));
            out.push(Conflict {
                code: META.code,
                rule: META.name,
                severity: cx.checks.severity(META.code, META.severity, group.confidence),
                claims,
                values,
                message,
                confidence: group.confidence,
            });
        }
        out
    }
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
