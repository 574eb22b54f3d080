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
    id: crate::claim::ClaimId,
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

pub fn claim(c: &crate::claim::Claim) -> JsonClaim<'_> {
    JsonClaim {
        id: c.id,
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

/// Appends a JSON string literal, escaped exactly as `serde_json` escapes it: `"`, `\\`
/// and the control characters below U+0020 (the short forms where JSON has them).
fn write_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    // Most strings (paths, ids, quoted text) need no escape: one pass to check, one copy.
    if !needs_escape(bytes) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0x00..=0x1F => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if short.is_empty() {
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xF)]);
        } else {
            out.extend_from_slice(short);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Some byte of `bytes` is one that [`write_str`] escapes. Tested eight bytes at a time
/// with the usual bit tricks (a byte below 0x20, or equal to '"' or '\\', anywhere in a
/// word: exact as a yes or no; bytes of UTF-8 above 0x7F never count): most strings are
/// short, and a sixteen-byte loop left them to its byte-by-byte remainder.
fn needs_escape(bytes: &[u8]) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let below = |x: u64, n: u64| x.wrapping_sub(LO * n) & !x & HI != 0;
    let escaped = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        if below(x, 0x20) || below(x ^ (LO * u64::from(b'"')), 1) || below(x ^ (LO * u64::from(b'\\')), 1) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| escaped(b))
}

fn write_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => write_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// Writes `key` (ending in an opening quote) and a value end as a string, or `null`
/// when `write` had nothing to write.
fn write_end(out: &mut Vec<u8>, key: &[u8], write: impl FnOnce(&mut Vec<u8>) -> bool) {
    out.extend_from_slice(key);
    if write(out) {
        out.push(b'"');
    } else {
        out.truncate(out.len() - 1);
        out.extend_from_slice(b"null");
    }
}

fn write_usize(out: &mut Vec<u8>, n: usize) {
    crate::value::write_digits(n as u128, out);
}

/// A claim id as a JSON string: `c` and digits, nothing to escape.
fn write_id(out: &mut Vec<u8>, id: crate::claim::ClaimId) {
    out.push(b'"');
    id.write(out);
    out.push(b'"');
}

/// One claim as [`JsonClaim`] serializes it, written directly (the claims are most of
/// the output: no serializer and no intermediate strings per claim).
fn write_claim(out: &mut Vec<u8>, c: &crate::claim::Claim) {
    out.extend_from_slice(b"{\"id\":");
    write_id(out, c.id);
    out.extend_from_slice(b",\"path\":");
    write_str(out, &c.path);
    out.extend_from_slice(b",\"line\":");
    write_usize(out, c.line);
    out.extend_from_slice(b",\"column\":");
    write_usize(out, c.column);
    out.extend_from_slice(b",\"start\":");
    write_usize(out, c.start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, c.end);
    out.extend_from_slice(b",\"text\":");
    write_str(out, &c.text);
    // Values print as digits, signs, points and dashes: nothing to escape.
    write_end(out, b",\"low\":\"", |o| c.value.write_low(o));
    write_end(out, b",\"high\":\"", |o| c.value.write_high(o));
    out.extend_from_slice(b",\"qualifier\":");
    write_str(out, c.qualifier.as_str());
    out.extend_from_slice(b",\"measure\":");
    write_opt_str(out, c.measure.as_deref());
    out.extend_from_slice(b",\"unit\":");
    write_opt_str(out, c.unit.as_deref());
    out.extend_from_slice(b",\"subject\":");
    write_opt_str(out, c.subject.as_deref());
    out.extend_from_slice(b",\"predicate\":");
    write_opt_str(out, c.predicate.as_deref());
    out.extend_from_slice(b",\"time\":");
    write_opt_str(out, c.time.as_deref());
    out.push(b'}');
}

fn write_str_list<'x>(out: &mut Vec<u8>, items: impl Iterator<Item = &'x str>) {
    out.push(b'[');
    for (k, s) in items.enumerate() {
        if k > 0 {
            out.push(b',');
        }
        write_str(out, s);
    }
    out.push(b']');
}

/// The ids of claims given by index. Conflicts list many claims each: when every claim's
/// id is its index plus one (as [`crate::analyze`] numbers them), the id is written from
/// the index, without reading the claim.
fn write_id_list(out: &mut Vec<u8>, r: &Report, numbered: bool, claims: &[usize]) {
    out.push(b'[');
    for (k, &i) in claims.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        let id = if numbered { crate::claim::ClaimId::of_index(i) } else { r.claims[i].id };
        write_id(out, id);
    }
    out.push(b']');
}

/// One conflict as [`JsonConflict`] serializes it, written directly.
fn write_conflict(out: &mut Vec<u8>, r: &Report, numbered: bool, c: &crate::rules::Conflict) {
    let path = |d: &usize| r.documents.get(*d).map_or("", |x| x.path.as_str());
    out.extend_from_slice(b"{\"code\":");
    write_str(out, c.code);
    out.extend_from_slice(b",\"rule\":");
    write_str(out, c.rule);
    out.extend_from_slice(b",\"severity\":");
    write_str(out, c.severity.as_str());
    out.extend_from_slice(b",\"claims\":");
    write_id_list(out, r, numbered, &c.claims);
    out.extend_from_slice(b",\"message\":");
    write_str(out, &c.message);
    out.extend_from_slice(b",\"confidence\":");
    write_usize(out, usize::from(c.confidence));
    out.extend_from_slice(b",\"values\":[");
    for (k, v) in c.values.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"value\":");
        write_str(out, &v.value);
        out.extend_from_slice(b",\"claims\":");
        write_id_list(out, r, numbered, &v.claims);
        out.extend_from_slice(b",\"documents\":");
        write_usize(out, v.provenance.documents.len());
        out.extend_from_slice(b",\"independent\":");
        write_usize(out, v.provenance.independent());
        out.extend_from_slice(b",\"paths\":");
        write_str_list(out, v.provenance.documents.iter().map(path));
        if !v.provenance.copies.is_empty() {
            out.extend_from_slice(b",\"copies\":");
            write_str_list(out, v.provenance.copies.iter().map(path));
        }
        if let Some(e) = v.provenance.earliest.as_deref() {
            out.extend_from_slice(b",\"earliest\":");
            write_str(out, e);
        }
        if let Some(f) = v.fact.as_deref() {
            out.extend_from_slice(b",\"fact\":");
            write_str(out, f);
        }
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
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

/// The most one chunk's buffer reserves ahead.
const RESERVE_MAX: usize = 4 << 20;

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
                    // The first item's size, times the items left, sizes the chunk: the
                    // buffer is not copied as it grows (at most a few MiB at once).
                    if k == 0 {
                        out.reserve((out.len() * part.len()).min(RESERVE_MAX));
                    }
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
pub fn write(r: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut head = Vec::new();
    head.extend_from_slice(b"{\"version\":1,\n\"documents\":[");
    for (k, d) in r.documents.iter().enumerate() {
        head.extend_from_slice(if k == 0 { b"\n" } else { b",\n" });
        line(&mut head, &JsonDocument { path: &d.path, lang: d.lang.as_deref(), date: d.date.as_deref() });
    }
    head.extend_from_slice(b"\n],\n\"claims\":[");
    w.write_all(&head)?;
    lines(&r.claims, CHUNK, w, |c, out| write_claim(out, c))?;
    w.write_all(b"\n],\n\"conflicts\":[")?;
    // Conflicts can list many claims each: small chunks.
    let numbered = r.claims.iter().enumerate().all(|(i, c)| c.id == crate::claim::ClaimId::of_index(i));
    lines(&r.conflicts, CONFLICT_CHUNK, w, |c, out| write_conflict(out, r, numbered, c))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_test_agrees_with_bytewise_test_for_every_byte_at_every_place() {
        let naive = |b: &[u8]| b.iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\');
        for len in 1..20 {
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    assert_eq!(needs_escape(&bytes), naive(&bytes), "{byte:#x} at {at} of {len}");
                    // Next to UTF-8 continuation bytes and a byte just above the limit.
                    let mut high = vec![0xE4u8; len];
                    high[at] = byte;
                    high[len - 1 - at] = 0x20;
                    assert_eq!(needs_escape(&high), naive(&high), "{byte:#x} at {at} of {len} (high)");
                }
            }
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() -> crate::TestResult {
        let long = "a".repeat(40);
        let mut texts: Vec<String> = vec!["".into(), "plain".into(), "\u{4e2d}\u{6587} 7".into(), long.clone()];
        for special in ['"', '\\', '\n', '\t', '\u{1}', '\u{1f}', '\u{8}', '\u{c}', '\r'] {
            for at in [0, 7, 15, 16, 17, 31, 39] {
                let mut s = long.clone();
                s.insert(at, special);
                texts.push(s);
            }
        }
        for s in &texts {
            let mut out = Vec::new();
            write_str(&mut out, s);
            assert_eq!(String::from_utf8(out)?, serde_json::to_string(s)?, "{s:?}");
        }
        Ok(())
    }
}
