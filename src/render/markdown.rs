//! `--format markdown`: a report for a pull request comment or a GitHub job summary
//! (`$GITHUB_STEP_SUMMARY`), where every conflict shows in full, unlike annotations, of
//! which GitHub shows only a few per step. GitHub-flavoured Markdown, no HTML.

use crate::checks::Severity;
use crate::report::Report;
use std::fmt::Write;

/// Claims quoted per value.
const PER_VALUE: usize = 3;

/// Escapes text for inline Markdown: punctuation that could start inline markup is
/// backslash-escaped, line breaks become spaces, control characters are replaced.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in super::human::clean(s).chars() {
        match ch {
            // Every escaped text follows a prefix ("- ", "| "), so only inline markup
            // matters here: a line-start "-" or "#" cannot occur.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "🔴",
        Severity::Warning => "🟠",
        Severity::Info => "🔵",
    }
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## crosscheck: {}, {}, {}\n",
        super::count_of(r.count(Severity::Error), "error", "errors"),
        super::count_of(r.count(Severity::Warning), "warning", "warnings"),
        super::count_of(r.count(Severity::Info), "info", "infos"),
    );
    let mut left_out = Vec::new();
    if r.suppressed > 0 {
        left_out.push(format!("{} silenced by crosscheck-ignore", r.suppressed));
    }
    if r.baselined > 0 {
        left_out.push(format!("{} known to the baseline", r.baselined));
    }
    for (n, why) in super::human::left_out_notes(r) {
        left_out.push(format!("{n} {why}"));
    }
    let _ = write!(
        out,
        "{} read, {}",
        super::count_of(r.documents.len(), "document", "documents"),
        super::count_of(r.claims.len(), "claim", "claims")
    );
    if !left_out.is_empty() {
        let _ = write!(out, "; left out: {}", left_out.join(", "));
    }
    out.push_str(".\n\n");
    if r.conflicts.is_empty() {
        out.push_str("No conflicts: no two claims about one quantity disagree.\n");
    } else {
        out.push_str("| | Rule | Conflict | First claim |\n|---|---|---|---|\n");
        for c in &r.conflicts {
            let first = c.claims.first().and_then(|&i| r.claims.get(i));
            let at = first.map(|x| format!("`{}:{}`", x.path.replace('`', "'"), x.line)).unwrap_or_default();
            let _ = writeln!(out, "| {} | {} | {} | {at} |", icon(c.severity), c.code, escape(&super::headline(r, c)));
        }
        out.push('\n');
    }
    for c in &r.conflicts {
        let _ = writeln!(out, "### {} {} {}: {}\n", icon(c.severity), c.code, c.rule, escape(&super::headline(r, c)));
        for v in &c.values {
            let line = escape(&super::provenance_line(r, v));
            if v.fact.is_some() {
                let _ = writeln!(out, "- ✅ **{line}**");
            } else {
                let _ = writeln!(out, "- {line}");
            }
            for claim in v.claims.iter().take(PER_VALUE).filter_map(|&i| r.claims.get(i)) {
                let q = super::html::quote(r, claim);
                let _ = writeln!(
                    out,
                    "  - `{}:{}`: {}**{}**{}",
                    claim.path.replace('`', "'"),
                    claim.line,
                    escape(&q.before),
                    escape(&q.claim),
                    escape(&q.after)
                );
            }
            if v.claims.len() > PER_VALUE {
                let _ = writeln!(out, "  - and {} more", v.claims.len() - PER_VALUE);
            }
        }
        if let Some(rule) = crate::rules::find(c.code) {
            let _ = writeln!(out, "\n{}. `crosscheck explain {}` says more.", escape(rule.meta().summary), c.code);
        }
        out.push('\n');
    }
    for w in &r.warnings {
        let _ = writeln!(out, "> warning: {}", escape(w));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_quotes_is_escaped() {
        assert_eq!(escape("a *b* [c](d) <e> | f\nnext"), "a \\*b\\* \\[c\\](d) \\<e\\> \\| f next");
    }
}
