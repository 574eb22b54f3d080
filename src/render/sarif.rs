//! `--format sarif`: SARIF 2.1.0, one result per conflict. The first claim is the
//! location, every other claim a related location. Columns are counted in UTF-16 code
//! units (SARIF's default column kind), and each region also carries its byte offset.

use crate::claim::Claim;
use crate::report::Report;
use crate::rules::{self, Conflict};
use serde_json::{Value, json};

fn level(c: &Conflict) -> &'static str {
    match c.severity {
        crate::checks::Severity::Error => "error",
        crate::checks::Severity::Warning => "warning",
        crate::checks::Severity::Info => "note",
    }
}

/// A path as a relative URI: forward slashes, spaces and other reserved bytes escaped.
pub fn uri(path: &str) -> String {
    let rel = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::with_capacity(rel.len());
    for b in rel.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The 1-based UTF-16 column of a byte offset in its line.
fn utf16_column(text: &str, offset: usize, byte_column: usize) -> usize {
    let line_start = offset + 1 - byte_column;
    text.get(line_start..offset).map_or(byte_column, |s| s.encode_utf16().count() + 1)
}

fn region(r: &Report, c: &Claim) -> Value {
    let text = r.documents.get(c.doc).map_or("", |d| &*d.text);
    let start_col = utf16_column(text, c.start, c.column);
    let line_start = c.start + 1 - c.column;
    let end_col = text.get(line_start..c.end).map_or(start_col, |s| s.encode_utf16().count() + 1);
    json!({
        "startLine": c.line,
        "startColumn": start_col,
        "endLine": c.line,
        "endColumn": end_col,
        "byteOffset": c.start,
        "byteLength": c.end - c.start,
        "snippet": { "text": c.text },
    })
}

fn location(r: &Report, c: &Claim) -> Value {
    json!({ "physicalLocation": { "artifactLocation": { "uri": uri(&c.path) }, "region": region(r, c) } })
}

/// A fingerprint that does not move with line numbers: the rule, the quantity's key and
/// the values stated (see `crate::baseline`).
fn fingerprint(r: &Report, c: &Conflict) -> String {
    crate::baseline::fingerprint(r, c)
}

pub fn render(r: &Report) -> String {
    let registry = rules::registry();
    let rules_meta: Vec<Value> = registry
        .iter()
        .map(|rule| {
            let m = rule.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "fullDescription": { "text": m.explain },
                "help": { "text": m.explain },
                "defaultConfiguration": { "level": match m.severity {
                    crate::checks::Severity::Error => "error",
                    crate::checks::Severity::Warning => "warning",
                    crate::checks::Severity::Info => "note",
                } },
            })
        })
        .collect();
    let results: Vec<Value> = r
        .conflicts
        .iter()
        .filter_map(|c| {
            let (&first, rest) = c.claims.split_first()?;
            let related: Vec<Value> = rest
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let claim = &r.claims[i];
                    let mut loc = location(r, claim);
                    loc["id"] = json!(k + 1);
                    loc["message"] = json!({ "text": format!("{} says {}", claim.path, r.value_words(claim)) });
                    loc
                })
                .collect();
            let rule_index = registry.iter().position(|x| x.meta().code == c.code).unwrap_or(0);
            Some(json!({
                "ruleId": c.code,
                "ruleIndex": rule_index,
                "level": level(c),
                "message": { "text": super::headline(r, c) },
                "locations": [location(r, &r.claims[first])],
                "relatedLocations": related,
                "partialFingerprints": { "crosscheck/v1": fingerprint(r, c) },
                "properties": { "confidence": c.confidence },
            }))
        })
        .collect();
    // Files skipped and results left out past the limit, said where tools look for them.
    let mut notes: Vec<Value> = r
        .warnings
        .iter()
        .map(|w| json!({ "level": "warning", "message": { "text": super::human::clean(w) } }))
        .collect();
    if r.truncated > 0 {
        notes.push(json!({
            "level": "warning",
            "message": { "text": format!(
                "{} more conflicts ({} errors) were left out past the result limit (--max-results); the exit code counts them",
                r.truncated, r.truncated_errors
            ) },
        }));
    }
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "crosscheck",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules_meta,
            } },
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notes,
            }],
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_escaped() {
        assert_eq!(uri("./a b/c.md"), "a%20b/c.md");
        assert_eq!(uri("dir\\x.txt"), "dir/x.txt");
    }

    #[test]
    fn columns_count_utf16_units() {
        // "é" is 2 bytes and 1 UTF-16 unit; "𝄞" is 4 bytes and 2 units.
        let text = "é𝄞 40";
        assert_eq!(utf16_column(text, 7, 8), 5);
    }
}
