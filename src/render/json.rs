//! `--format json`: the v1 output contract (DESIGN.md). Fields may be added, never removed.

use crate::report::Report;
use serde::Serialize;

#[derive(Serialize)]
struct JsonDocument<'a> {
    path: &'a str,
    lang: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
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
    /// Distinct documents stating the value, and how many of them are not copies.
    documents: usize,
    independent: usize,
    paths: Vec<&'a str>,
    /// Documents that only repeat a sentence an earlier document carries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    copies: Vec<&'a str>,
    /// The earliest document date known.
    #[serde(skip_serializing_if = "Option::is_none")]
    earliest: Option<&'a str>,
    /// The fact sheet entry this value matches (the stated fact), with its source.
    #[serde(skip_serializing_if = "Option::is_none")]
    fact: Option<&'a str>,
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

/// Claims rendered per chunk, in parallel, then written in order.
const CHUNK: usize = 4096;
/// Conflicts rendered per chunk.
const CONFLICT_CHUNK: usize = 256;

fn line<T: Serialize>(out: &mut Vec<u8>, v: &T) {
    if serde_json::to_writer(&mut *out, v).is_err() {
        out.extend_from_slice(b"null");
    }
}

/// Writes one line per item, each after a separator (none before the first). Items are
/// rendered in parallel, a batch of chunks at a time, and the next batch is rendered
/// while this thread writes the one before; memory does not grow with the output.
fn lines<'a, T: Sync>(
    items: &'a [T],
    chunk: usize,
    w: &mut dyn std::io::Write,
    render: impl Fn(&'a T, &mut Vec<u8>) + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let batch = |b: usize, items: &'a [T]| -> Vec<Vec<u8>> {
        items
            .par_chunks(chunk)
            .enumerate()
            .map(|(n, part)| {
                let mut out = Vec::new();
                for (k, item) in part.iter().enumerate() {
                    out.extend_from_slice(if b == 0 && n == 0 && k == 0 { b"\n" } else { b",\n" });
                    render(item, &mut out);
                }
                out
            })
            .collect()
    };
    let batches: Vec<&[T]> = items.chunks(chunk * 16).collect();
    let mut ready = batches.first().map(|first| batch(0, first));
    for b in 0..batches.len() {
        let mut next = None;
        rayon::in_place_scope(|s| {
            if let Some(items) = batches.get(b + 1) {
                s.spawn(|_| next = Some(batch(b + 1, items)));
            }
            ready.iter().flatten().try_for_each(|c| w.write_all(c))
        })?;
        ready = next;
    }
    Ok(())
}

/// Writes the report as JSON: one object, with one document, claim or conflict per line
/// (compact, so that large reports stay small and can be read with line tools).
pub fn write<'r>(r: &'r Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let id = |i: usize| r.claims[i].id.as_str();
    let mut head = Vec::new();
    head.extend_from_slice(b"{\"version\":1,\n\"documents\":[");
    for (k, d) in r.documents.iter().enumerate() {
        head.extend_from_slice(if k == 0 { b"\n" } else { b",\n" });
        line(&mut head, &JsonDocument { path: &d.path, lang: d.lang.as_deref(), date: d.date.as_deref() });
    }
    head.extend_from_slice(b"\n],\n\"claims\":[");
    w.write_all(&head)?;
    lines(&r.claims, CHUNK, w, |c, out| line(out, &claim(c)))?;
    w.write_all(b"\n],\n\"conflicts\":[")?;
    let conflict = |c: &'r crate::rules::Conflict| JsonConflict {
        code: c.code,
        rule: c.rule,
        severity: c.severity.as_str(),
        claims: c.claims.iter().map(|&i| id(i)).collect(),
        message: &c.message,
        confidence: c.confidence,
        values: c
            .values
            .iter()
            .map(|v| {
                let path = |&d: &usize| r.documents.get(d).map_or("", |x| x.path.as_str());
                JsonValue {
                    value: &v.value,
                    claims: v.claims.iter().map(|&i| id(i)).collect(),
                    documents: v.provenance.documents.len(),
                    independent: v.provenance.independent(),
                    paths: v.provenance.documents.iter().map(path).collect(),
                    copies: v.provenance.copies.iter().map(path).collect(),
                    earliest: v.provenance.earliest.as_deref(),
                    fact: v.fact.as_deref(),
                }
            })
            .collect(),
    };
    // Conflicts can list many claims each: small chunks.
    lines(&r.conflicts, CONFLICT_CHUNK, w, |c, out| line(out, &conflict(c)))?;
    let mut tail = Vec::new();
    tail.extend_from_slice(b"\n],\n\"warnings\":");
    line(&mut tail, &r.warnings);
    tail.extend_from_slice(b"}\n");
    w.write_all(&tail)
}

/// The whole report as JSON text (see [`write`]).
pub fn render(r: &Report) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write(r, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
