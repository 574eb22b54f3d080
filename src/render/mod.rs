//! Renderers: views of one [`crate::report::Report`]. Only these and the CLI print.

pub mod claims;
pub mod github;
pub mod gitlab;
pub mod graph;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod rdjson;
pub mod sarif;

use crate::report::Report;
use crate::rules::ValueGroup;

/// A path as CI tools want it: relative as given, without a leading `./`.
pub fn relative(path: &str) -> &str {
    path.strip_prefix("./").unwrap_or(path)
}

/// A conflict's message; against reference reports, the draft's side first.
pub fn headline(r: &Report, c: &crate::rules::Conflict) -> String {
    match r.draft_lead(c) {
        Some(lead) => format!("{lead} — {}", c.message),
        None => c.message.clone(),
    }
}

/// "1 claim", "2 claims": a count and its noun, in the singular for one.
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One side of a conflict, for formats that annotate each claim in its own file:
/// "<headline> — this says 54 ("54 articles")", control characters replaced.
pub fn side_message(r: &Report, headline: &str, claim: &crate::claim::Claim) -> String {
    human::clean(&format!("{headline} — this says {} (\"{}\")", r.value_words(claim), claim.text))
}

/// Paths named in one provenance line; more are counted.
const PATHS_SHOWN: usize = 4;

/// One line of provenance for a value: "52: 2 documents, earliest 1999-01-31 (a.md, b.md);
/// the stated fact: 52 (the treaty text)". Plain text; renderers escape it.
pub fn provenance_line(r: &Report, v: &ValueGroup) -> String {
    let p = &v.provenance;
    let path = |d: &usize| r.documents.get(*d).map_or("?", |x| x.path.as_str());
    let n = p.documents.len();
    let mut s = format!("{}: {}", r.group_words(v), count_of(n, "document", "documents"));
    if !p.copies.is_empty() {
        let copies: Vec<&str> = p.copies.iter().map(path).collect();
        let verb = if copies.len() == 1 { "repeats" } else { "repeat" };
        s.push_str(&format!(
            ", {} independent ({} only {verb} an earlier report's sentence)",
            p.independent(),
            copies.join(", ")
        ));
    }
    if let Some(d) = &p.earliest {
        s.push_str(&format!(", earliest {d}"));
    }
    let mut paths: Vec<String> = p.documents.iter().take(PATHS_SHOWN).map(|d| path(d).to_string()).collect();
    if n > PATHS_SHOWN {
        paths.push(format!("+{} more", n - PATHS_SHOWN));
    }
    s.push_str(&format!(" ({})", paths.join(", ")));
    if let Some(f) = &v.fact {
        s.push_str(&format!("; the stated fact: {f}"));
    }
    s
}

/// `crosscheck explain CODE`.
pub fn explain(m: &crate::rules::RuleMeta) -> String {
    format!("{} {} ({})\n\n{}\n\n{}\n", m.code, m.name, m.severity.as_str(), m.summary, m.explain)
}
