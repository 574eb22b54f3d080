//! `--format json`: the v1 output contract (DESIGN.md). Fields may be added, never removed.

use crate::report::Report;
use serde::Serialize;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    documents: Vec<JsonDocument<'a>>,
    claims: Vec<JsonClaim<'a>>,
    conflicts: Vec<JsonConflict<'a>>,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    path: &'a str,
    lang: Option<&'a str>,
}

#[derive(Serialize)]
pub struct JsonClaim<'a> {
    id: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    text: &'a str,
    low: Option<String>,
    high: Option<String>,
    qualifier: &'static str,
    measure: Option<&'a str>,
    unit: Option<&'a str>,
    subject: Option<&'a str>,
    predicate: Option<&'a str>,
    time: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonValue<'a> {
    value: &'a str,
    claims: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonConflict<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'static str,
    claims: Vec<&'a str>,
    message: &'a str,
    /// How sure the keying is, 0 to 100.
    confidence: u8,
    values: Vec<JsonValue<'a>>,
}

pub fn claim(c: &crate::claim::Claim) -> JsonClaim<'_> {
    JsonClaim {
        id: &c.id,
        path: &c.path,
        line: c.line,
        column: c.column,
        start: c.start,
        end: c.end,
        text: &c.text,
        low: c.value.low_string(),
        high: c.value.high_string(),
        qualifier: c.qualifier.as_str(),
        measure: c.measure.as_deref(),
        unit: c.unit.as_deref(),
        subject: c.subject.as_deref(),
        predicate: c.predicate.as_deref(),
        time: c.time.as_deref(),
    }
}

/// The whole report as pretty-printed JSON, ending in a newline.
pub fn render(r: &Report) -> String {
    let id = |i: usize| r.claims[i].id.as_str();
    let out = JsonReport {
        version: 1,
        documents: r.documents.iter().map(|d| JsonDocument { path: &d.path, lang: d.lang.as_deref() }).collect(),
        claims: r.claims.iter().map(claim).collect(),
        conflicts: r
            .conflicts
            .iter()
            .map(|c| JsonConflict {
                code: c.code,
                rule: c.rule,
                severity: c.severity.as_str(),
                claims: c.claims.iter().map(|&i| id(i)).collect(),
                message: &c.message,
                confidence: c.confidence,
                values: c
                    .values
                    .iter()
                    .map(|v| JsonValue { value: &v.value, claims: v.claims.iter().map(|&i| id(i)).collect() })
                    .collect(),
            })
            .collect(),
        warnings: &r.warnings,
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
