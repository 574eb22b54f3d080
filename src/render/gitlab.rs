//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues, the subset of
//! the Code Climate format GitLab reads). One issue per claim of each conflict, so that the
//! merge request widget shows every side in its own file.

use crate::checks::Severity;
use crate::report::Report;
use serde::Serialize;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: String,
    /// Unique per issue, and stable when text moves: the conflict's fingerprint, the
    /// file and the stated value.
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// GitLab's scale is info, minor, major, critical, blocker: an error blocks a merge in
/// crosscheck's terms, but "critical" is what GitLab shows in red without stopping it.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}

pub fn render(r: &Report) -> String {
    let mut issues = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for c in &r.conflicts {
        let conflict_fp = crate::baseline::fingerprint(r, c);
        let headline = super::headline(r, c);
        for &i in &c.claims {
            let claim = &r.claims[i];
            let label = crate::rules::value_label(claim);
            // Two claims of one value in one file: number the second so that GitLab
            // keeps both.
            let mut n = 0u32;
            let fingerprint = loop {
                let key = format!("{conflict_fp}\u{1f}{}\u{1f}{label}\u{1f}{n}", claim.path);
                let fp = format!("{:016x}", crate::baseline::fnv1a(key.as_bytes()));
                if seen.insert(fp.clone()) {
                    break fp;
                }
                n += 1;
            };
            issues.push(Issue {
                description: super::side_message(r, &headline, claim),
                check_name: format!("{} {}", c.code, c.rule),
                fingerprint,
                severity: severity(c.severity),
                location: Location { path: super::relative(&claim.path), lines: Lines { begin: claim.line } },
            });
        }
    }
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}
