//! CC104 stated-arithmetic: a ratio the text states ("nearly tripled in five years") that
//! the figures it relates do not bear out.

use super::{Conflict, Context, Rule, RuleMeta, ValueGroup, value_label};
use crate::checks::Severity;
use crate::claim::Claim;
use crate::value::{Qualifier, Value};
use rust_decimal::Decimal;

pub struct StatedArithmetic;

static META: RuleMeta = RuleMeta {
    code: "CC104",
    name: "stated-arithmetic",
    summary: "A ratio or span the text states does not match the figures it relates",
    explain: "\
A sentence states how two figures relate: \"sales nearly tripled in five years\", after the
sentence that gave sales for two years. The rule finds the two figures of one measure and
subject, at two different years, in the ratio's sentence or the one before it, and checks
that the later divided by the earlier matches the stated ratio
(\"double\" within 5 %, \"about double\" within 15 %, \"nearly double\" between 85 % and
100 % of it), and that a span in years stated in the ratio's sentence is the distance
between the two years. When it holds, `crosscheck graph` shows the claims linked by
`agrees` edges of this rule; when it does not, the rule reports it.

Why it matters: a figure was updated and the sentence that interprets it was not, or one
of the two figures is wrong. When more than two figures could be meant, nothing is said.

Ratio words are language data (`[ratios]` in each pack). Configure in checks.toml:
[rules.CC104] enabled = true, severity = \"warning\".",
    severity: Severity::Warning,
};

/// One stated ratio, with the figures it relates and whether it holds.
#[derive(Debug, Clone)]
pub struct Arithmetic {
    pub ratio: usize,
    pub from: usize,
    pub to: usize,
    /// The span in years the sentence states, if it states one.
    pub span: Option<usize>,
    /// The later figure divided by the earlier one.
    pub actual: Decimal,
    pub years: i64,
    pub holds: bool,
}

fn exact(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number { low: Some(l), high: Some(h), .. } if l == h => Some(*l),
        _ => None,
    }
}

/// The year a claim's time names ("1999", "1999-03-14", a range's start).
fn year(c: &Claim) -> Option<i64> {
    let t = c.time.as_deref()?;
    let y = t.get(..4)?;
    if y.bytes().all(|b| b.is_ascii_digit()) && t.as_bytes().get(4).is_none_or(|b| *b == b'-') {
        y.parse().ok()
    } else {
        None
    }
}

/// Whether `actual` fits a ratio `f` stated with qualifier `q`.
fn fits(actual: Decimal, f: Decimal, q: Qualifier) -> bool {
    let pct = |p: i64| f * Decimal::new(p, 2);
    match q {
        Qualifier::About => actual >= pct(85) && actual <= pct(115),
        Qualifier::Nearly => actual >= pct(85) && actual <= f,
        Qualifier::MoreThan => actual > f,
        Qualifier::AtLeast => actual >= f,
        Qualifier::LessThan => actual < f,
        Qualifier::UpTo => actual <= f,
        _ => actual >= pct(95) && actual <= pct(105),
    }
}

/// Every stated ratio whose two figures can be found without doubt.
pub fn evaluate(claims: &[Claim], measures: &crate::lang::Measures) -> Vec<Arithmetic> {
    let mut out = Vec::new();
    for (r, rc) in claims.iter().enumerate() {
        if rc.measure.as_deref() != Some("ratio") {
            continue;
        }
        let Some(factor) = exact(&rc.value) else { continue };
        // Figures with a year, in this sentence or the one before, of a compared measure.
        let near = |c: &&Claim| {
            c.doc == rc.doc
                && c.sentence + 1 >= rc.sentence
                && c.sentence <= rc.sentence
                && c.measure.as_deref().is_some_and(|m| {
                    let info = measures.get(m);
                    info.compare && m != "date" && !m.starts_with("duration")
                })
                && year(c).is_some()
                && exact(&c.value).is_some()
        };
        // Claims are in document and sentence order: only this sentence and the one
        // before are looked at, so the rule stays linear however many ratios there are.
        let lo = claims.partition_point(|c| (c.doc, c.sentence + 1) < (rc.doc, rc.sentence));
        let hi = claims.partition_point(|c| (c.doc, c.sentence) <= (rc.doc, rc.sentence));
        let window = lo..hi.max(lo);
        let figures: Vec<usize> = window.clone().filter(|&i| near(&&claims[i])).collect();
        // Exactly two, of one measure and subject, at two different years.
        let [a, b] = figures.as_slice() else { continue };
        let (ca, cb) = (&claims[*a], &claims[*b]);
        if ca.measure != cb.measure || ca.subject != cb.subject || ca.subject.is_none() {
            continue;
        }
        let (Some(ya), Some(yb)) = (year(ca), year(cb)) else { continue };
        if ya == yb {
            continue;
        }
        let (from, to, years) = if ya < yb { (*a, *b, yb - ya) } else { (*b, *a, ya - yb) };
        let (Some(x), Some(y)) = (exact(&claims[from].value), exact(&claims[to].value)) else { continue };
        let Some(actual) = y.checked_div(x) else { continue };
        let span = window.clone().find(|&i| {
            let c = &claims[i];
            c.doc == rc.doc && c.sentence == rc.sentence && c.measure.as_deref() == Some("duration:year")
        });
        let span_ok = span.and_then(|s| exact(&claims[s].value).map(|n| (s, n))).is_none_or(|(s, n)| {
            let diff = (Decimal::from(years) - n).abs();
            match claims[s].qualifier.compared() {
                Qualifier::About | Qualifier::Nearly => diff <= Decimal::ONE,
                _ => diff.is_zero(),
            }
        });
        let holds = fits(actual, factor, rc.qualifier.compared()) && span_ok;
        out.push(Arithmetic { ratio: r, from, to, span, actual, years, holds });
    }
    out
}

impl Rule for StatedArithmetic {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Conflict> {
        let mut out = Vec::new();
        for a in cx.arithmetic.iter().filter(|a| !a.holds) {
            let (r, from, to) = (&cx.claims[a.ratio], &cx.claims[a.from], &cx.claims[a.to]);
            let when = |c: &Claim| c.time.as_deref().unwrap_or("?").to_string();
            let mut claims = vec![a.ratio, a.from, a.to];
            let mut values = vec![
                ValueGroup { value: format!("ratio {}", value_label(r)), claims: vec![a.ratio], ..Default::default() },
                ValueGroup {
                    value: format!("{} in {}", value_label(from), when(from)),
                    claims: vec![a.from],
                    ..Default::default()
                },
                ValueGroup {
                    value: format!("{} in {}", value_label(to), when(to)),
                    claims: vec![a.to],
                    ..Default::default()
                },
            ];
            let mut span_text = String::new();
            if let Some(s) = a.span {
                claims.push(s);
                values.push(ValueGroup {
                    value: format!("{} years", value_label(&cx.claims[s])),
                    claims: vec![s],
                    ..Default::default()
                });
                span_text = format!(" in {} years", value_label(&cx.claims[s]));
            }
            let confidence =
                [r, from, to].iter().map(|c| crate::graph::subject_confidence(c, cx.measures)).min().unwrap_or(0);
            let actual = a.actual.round_dp(2).normalize();
            out.push(Conflict {
                code: META.code,
                rule: META.name,
                severity: cx.checks.severity(META.code, META.severity, confidence),
                message: format!(
                    "the text says {} times{span_text}, but {} ({}) is {actual} times {} ({}), {} years apart",
                    value_label(r),
                    value_label(to),
                    when(to),
                    value_label(from),
                    when(from),
                    a.years
                ),
                claims,
                values,
                confidence,
                key: None,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::report::Report;

    fn check(text: &str) -> Result<Report, crate::Error> {
        super::super::check_texts(&[("a.txt", text)])
    }

    const HOLDS: &str = "The losses were $4.1 billion in 2012 and reached $8 billion in 2018. \
In six years, the losses nearly doubled.";

    #[test]
    fn a_ratio_that_holds_is_an_agreement() -> crate::TestResult {
        let r = check(HOLDS)?;
        assert!(r.conflicts.iter().all(|c| c.code != "CC104"), "{:?}", r.conflicts);
        let edges = r.graph.edges.iter().filter(|e| e.rule == Some("CC104")).count();
        assert!(edges >= 2, "{:?}", r.graph.edges);
        Ok(())
    }

    #[test]
    fn a_wrong_ratio_or_span_fires() -> crate::TestResult {
        let r = check(&HOLDS.replace("nearly doubled", "tripled"))?;
        let c: Vec<_> = r.conflicts.iter().filter(|c| c.code == "CC104").collect();
        assert_eq!(c.len(), 1, "{:?}", r.conflicts);
        assert!(c[0].message.contains("1.95 times"), "{}", c[0].message);
        let r = check(&HOLDS.replace("In six years", "In four years"))?;
        assert_eq!(r.conflicts.iter().filter(|c| c.code == "CC104").count(), 1);
        Ok(())
    }

    #[test]
    fn three_candidate_figures_say_nothing() -> crate::TestResult {
        let r = check(
            &HOLDS.replace("in 2012 and", "in 2012, $5 billion in 2015 and").replace("nearly doubled", "tripled"),
        )?;
        assert!(r.conflicts.iter().all(|c| c.code != "CC104"));
        Ok(())
    }
}
