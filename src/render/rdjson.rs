//! `--format rdjson`: reviewdog's Diagnostic Format (one `DiagnosticResult`), for
//! `reviewdog -f=rdjson` to post review comments on the changed lines of a pull request.
//! One diagnostic per claim of each conflict; columns are 1-based UTF-8 byte columns, the
//! end exclusive, as the format says.

use crate::checks::Severity;
use crate::report::Report;
use serde::Serialize;

#[derive(Serialize)]
struct Result<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    code: Code,
    original_output: String,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Code {
    value: String,
}

const SOURCE: Source = Source { name: "crosscheck" };

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}

pub fn render(r: &Report) -> String {
    let mut diagnostics = Vec::new();
    for c in &r.conflicts {
        let headline = super::headline(r, c);
        for &i in &c.claims {
            let claim = &r.claims[i];
            diagnostics.push(Diagnostic {
                message: super::side_message(r, &headline, claim),
                location: Location {
                    path: super::relative(&claim.path),
                    range: Range {
                        start: Position { line: claim.line, column: claim.column },
                        end: Position { line: claim.line, column: claim.column + (claim.end - claim.start) },
                    },
                },
                severity: severity(c.severity),
                source: SOURCE,
                code: Code { value: c.code.to_string() },
                original_output: super::human::clean(&c.message),
            });
        }
    }
    let result = Result { source: SOURCE, diagnostics };
    let mut s = serde_json::to_string_pretty(&result).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
