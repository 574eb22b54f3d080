//! The one value every renderer reads.

use crate::checks::Severity;
use crate::claim::Claim;
use crate::graph::Graph;
use crate::rules::Conflict;

#[derive(Debug, Clone)]
pub struct DocumentInfo {
    pub path: String,
    pub lang: Option<String>,
    /// The document's own date (front matter `date:`, HTML meta), if it gives one.
    pub date: Option<String>,
    /// The original text, for renderers that quote it (shared with the source).
    pub text: std::sync::Arc<str>,
    pub line_starts: Vec<usize>,
    /// Inline `crosscheck-ignore` markers of the document.
    pub silences: Vec<crate::suppress::Silence>,
    /// A published report read as context for the drafts (`--against`).
    pub reference: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub documents: Vec<DocumentInfo>,
    pub claims: Vec<Claim>,
    pub conflicts: Vec<Conflict>,
    pub graph: Graph,
    /// Files skipped or read partly, with the reason.
    pub warnings: Vec<String>,
    /// Conflicts left out: silenced inline, or known to the baseline.
    pub suppressed: usize,
    pub baselined: usize,
    /// Conflicts left out because no claim of theirs is in a draft (`--against`).
    pub reference_only: usize,
    /// Conflicts left out because no claim of theirs is on a changed line.
    pub unchanged: usize,
    /// Conflicts left out below the minimum severity asked for.
    pub below_severity: usize,
    /// Conflicts past the result limit: not rendered, still counted by the exit code.
    pub truncated: usize,
    pub truncated_errors: usize,
    /// The measures of the rules the report was made with: renderers name a claim's
    /// measure in their words (`rules/measures.toml`, `label` and `one`).
    pub measures: Option<crate::lang::Measures>,
}

impl Report {
    /// 1 when at least one error-level conflict was found, else 0.
    pub fn exit_code(&self) -> i32 {
        if self.truncated_errors > 0 || self.conflicts.iter().any(|c| c.severity == Severity::Error) { 1 } else { 0 }
    }

    /// Keeps the conflicts `keep` accepts; returns how many were left out.
    pub fn retain_conflicts(&mut self, mut keep: impl FnMut(&Report, &Conflict) -> bool) -> usize {
        let conflicts = std::mem::take(&mut self.conflicts);
        let before = conflicts.len();
        let kept: Vec<Conflict> = conflicts.into_iter().filter(|c| keep(self, c)).collect();
        self.conflicts = kept;
        before - self.conflicts.len()
    }

    /// Whether a claim was read from a draft rather than from a reference report.
    pub fn in_draft(&self, claim: usize) -> bool {
        self.claims.get(claim).and_then(|c| self.documents.get(c.doc)).is_some_and(|d| !d.reference)
    }

    /// `--against`: keeps the conflicts that involve a draft, the draft's claims and values
    /// first (so that a single location, as in SARIF, is the draft's).
    pub fn focus_on_drafts(&mut self) {
        if !self.documents.iter().any(|d| d.reference) {
            return;
        }
        self.reference_only = self.retain_conflicts(|r, c| c.claims.iter().any(|&i| r.in_draft(i)));
        let drafts: Vec<bool> = (0..self.claims.len()).map(|i| self.in_draft(i)).collect();
        let is_draft = |i: &usize| drafts.get(*i).copied().unwrap_or(false);
        for c in &mut self.conflicts {
            c.claims.sort_by_key(|i| !is_draft(i));
            c.values.sort_by_key(|v| !v.claims.iter().any(is_draft));
        }
    }

    /// "your draft says 54; 2 published reports say 52": the draft's side first, for a
    /// conflict of a run with reference reports.
    pub fn draft_lead(&self, c: &Conflict) -> Option<String> {
        if !self.documents.iter().any(|d| d.reference) {
            return None;
        }
        let (mine, theirs): (Vec<_>, Vec<_>) =
            c.values.iter().partition(|v| v.claims.iter().any(|&i| self.in_draft(i)));
        if mine.is_empty() {
            return None;
        }
        let said =
            |vs: &[&crate::rules::ValueGroup]| vs.iter().map(|v| v.value.as_str()).collect::<Vec<_>>().join(" and ");
        let mut lead = format!("your draft says {}", said(&mine));
        if !theirs.is_empty() {
            let mut published: Vec<usize> = theirs
                .iter()
                .flat_map(|v| v.claims.iter())
                .filter(|&&i| !self.in_draft(i))
                .filter_map(|&i| self.claims.get(i).map(|c| c.doc))
                .collect();
            published.sort_unstable();
            published.dedup();
            let n = published.len();
            let reports = if n == 1 { "published report says" } else { "published reports say" };
            lead.push_str(&format!("; {n} {reports} {}", said(&theirs)));
        }
        Some(lead)
    }

    /// Leaves out conflicts below `min`.
    pub fn keep_severity_at_least(&mut self, min: Severity) {
        self.below_severity = self.retain_conflicts(|_, c| c.severity >= min);
    }

    /// Keeps the first `max` conflicts (most severe first); the others still count for
    /// the exit code and are reported as left out.
    pub fn truncate(&mut self, max: usize) {
        if self.conflicts.len() <= max {
            return;
        }
        let rest = self.conflicts.split_off(max);
        self.truncated = rest.len();
        self.truncated_errors = rest.iter().filter(|c| c.severity == Severity::Error).count();
    }

    /// The noun for a claim's measure, in the singular when it states one thing
    /// ([`crate::rules::states_one`]); "number" for a claim of no measure.
    pub fn noun<'a>(&'a self, c: &'a Claim) -> &'a str {
        let Some(m) = c.measure.as_deref() else { return "number" };
        match &self.measures {
            Some(measures) => measures.get(m).noun(crate::rules::states_one(c)),
            None => m,
        }
    }

    /// Whether a claim's measure counts things (the rules give it a singular: "article",
    /// "country"); a percentage, an amount or a duration does not.
    pub fn counts(&self, c: &Claim) -> bool {
        match (&self.measures, c.measure.as_deref()) {
            (Some(measures), Some(m)) => measures.get(m).one.is_some(),
            _ => false,
        }
    }

    /// How a claim was read, in the words of the rules: "52 articles", "1 article",
    /// "3.1%", "9500000000 USD", "article reference 45" (a reference names its number
    /// after the noun, as the text does). A figure that counts nothing shows its unit.
    pub fn reading(&self, c: &Claim) -> String {
        use crate::value::Qualifier;
        let (value, noun) = (self.value_words(c), self.noun(c));
        let unit = c.unit.as_deref().filter(|_| !self.counts(c));
        match (c.qualifier.compared(), unit) {
            (Qualifier::Reference | Qualifier::Ordinal, _) => format!("{noun} {value}"),
            (_, Some("%")) => format!("{value}%"),
            (_, Some(unit)) => match &self.measures {
                Some(m) => format!("{value} {}", m.unit_words(unit, crate::rules::states_one(c))),
                None => format!("{value} {unit}"),
            },
            (_, None) => format!("{value} {noun}"),
        }
    }

    /// A claim's value as the text states it ([`crate::rules::value_label`]), a date in
    /// words ("3 May 2019", "16 May"): for people to read. Machine formats keep ISO dates.
    pub fn value_words(&self, c: &Claim) -> String {
        let label = crate::rules::value_label(c);
        match (&c.value, &self.measures) {
            (crate::value::Value::Date { .. }, Some(m)) => m.date_label_words(&label),
            _ => label,
        }
    }

    /// A value group's label ([`crate::rules::ValueGroup::value`]) for people to read: the
    /// values of dates in words.
    pub fn group_words(&self, v: &crate::rules::ValueGroup) -> String {
        let date = v
            .claims
            .first()
            .and_then(|&i| self.claims.get(i))
            .is_some_and(|c| matches!(c.value, crate::value::Value::Date { .. }));
        match &self.measures {
            Some(m) if date => m.date_label_words(&v.value),
            _ => v.value.clone(),
        }
    }

    /// A subject id in the words of the rules, as it reads after "of" ("convention" →
    /// "the convention", "health" → "health spending").
    pub fn subject_words(&self, id: &str) -> String {
        self.measures.as_ref().map_or_else(|| format!("the {id}"), |m| m.subject_label(id))
    }

    /// A predicate id in the words of the rules ("sign" → "signed").
    pub fn predicate_words(&self, id: &str) -> String {
        self.measures.as_ref().map_or_else(|| id.replace('_', " "), |m| m.predicate_label(id))
    }

    /// A time in the words of the rules ("close" → "at the close", "as of 3 May 2019").
    pub fn time_words(&self, time: &str) -> String {
        self.measures.as_ref().map_or_else(|| time.to_string(), |m| m.time_label(time))
    }

    pub fn count(&self, s: Severity) -> usize {
        self.conflicts.iter().filter(|c| c.severity == s).count()
    }
}
