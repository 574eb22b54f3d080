//! `--format github`: GitHub Actions workflow commands, one annotation per claim of each
//! conflict, so that every side shows in its own file.

use crate::report::Report;

/// Escapes a workflow command's message (GitHub's rules: %, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    for c in &r.conflicts {
        let headline = super::headline(r, c);
        let kind = match c.severity {
            crate::checks::Severity::Error => "error",
            crate::checks::Severity::Warning => "warning",
            crate::checks::Severity::Info => "notice",
        };
        for &i in &c.claims {
            let claim = &r.claims[i];
            let others: Vec<String> = c
                .claims
                .iter()
                .filter(|&&j| j != i)
                .take(3)
                .map(|&j| format!("{}:{} says {}", r.claims[j].path, r.claims[j].line, r.value_words(&r.claims[j])))
                .collect();
            let message = format!(
                "{} — this says {} (\"{}\"); {}",
                headline,
                r.value_words(claim),
                claim.text,
                others.join("; ")
            );
            out.push_str(&format!(
                "::{kind} file={},line={},col={},title={}::{}\n",
                escape_property(&claim.path),
                claim.line,
                claim.column,
                escape_property(&format!("{} {}", c.code, c.rule)),
                escape_data(&super::human::clean(&message)),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(escape_data("50% of\r\nall"), "50%25 of%0D%0Aall");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
