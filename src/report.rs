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
}

#[derive(Debug, Clone)]
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
}

impl Report {
    /// 1 when at least one error-level conflict was found, else 0.
    pub fn exit_code(&self) -> i32 {
        if self.conflicts.iter().any(|c| c.severity == Severity::Error) { 1 } else { 0 }
    }

    pub fn count(&self, s: Severity) -> usize {
        self.conflicts.iter().filter(|c| c.severity == s).count()
    }
}
