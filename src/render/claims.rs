//! `crosscheck claims`: every claim with its value, qualifier, unit, subject and time.

use crate::report::Report;
use serde::Serialize;

#[derive(Serialize)]
struct ClaimsOut<'a> {
    version: u32,
    claims: Vec<super::json::JsonClaim<'a>>,
}

pub fn json(r: &Report) -> String {
    let out = ClaimsOut { version: 1, claims: r.claims.iter().map(super::json::claim).collect() };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}

/// One JSON object a line, written as it goes (`claims --format jsonl`).
pub fn jsonl(r: &Report, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    for c in &r.claims {
        serde_json::to_writer(&mut *w, &super::json::claim(c)).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// One line a claim: `path:line:col  «text»  value  qualifier  measure  subject  predicate  time`.
pub fn human(r: &Report) -> String {
    let mut s = String::new();
    let dash = |o: &Option<std::sync::Arc<str>>| o.as_deref().unwrap_or("-").to_string();
    for c in &r.claims {
        s.push_str(&format!(
            "{}:{}:{}\t«{}»\t{}\t{}\t{}\tsubject={}\tpredicate={}\ttime={}\n",
            c.path,
            c.line,
            c.column,
            super::human::clean(&c.text),
            c.value.display(),
            c.qualifier.label(),
            dash(&c.measure),
            dash(&c.subject),
            dash(&c.predicate),
            dash(&c.time),
        ));
    }
    s.push_str(&format!(
        "{} in {}\n",
        super::count_of(r.claims.len(), "claim", "claims"),
        super::count_of(r.documents.len(), "document", "documents")
    ));
    s
}
