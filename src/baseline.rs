//! Baselines: conflicts recorded by a fingerprint that does not depend on line numbers,
//! so that a CI gate fails only on new disagreements.
//!
//! A fingerprint is a hash of the rule, the quantity's key (measure, subject, predicate,
//! time) and the distinct values stated. Moving text, adding another report that repeats
//! a known value, or editing other paragraphs keeps it; a new value makes a new one.

use crate::Error;
use crate::report::Report;
use crate::rules::Conflict;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// FNV-1a over a u64: small, and stable across Rust versions and platforms.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

pub fn fingerprint(r: &Report, c: &Conflict) -> String {
    let mut s = String::from(c.code);
    if let Some(k) = &c.key {
        for part in [Some(&k.measure), k.subject.as_ref(), k.predicate.as_ref(), k.time.as_ref()] {
            s.push('\u{1f}');
            s.push_str(part.map_or("", |p| p));
        }
    } else if let Some(&first) = c.claims.first() {
        s.push('\u{1f}');
        s.push_str(r.claims[first].measure.as_deref().unwrap_or(""));
    }
    let values: BTreeSet<&str> = c.values.iter().map(|v| v.value.as_str()).collect();
    for v in values {
        s.push('\u{1e}');
        s.push_str(v);
    }
    format!("{:016x}", fnv1a(s.as_bytes()))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    /// For the reader of the file; not compared.
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub conflicts: Vec<Entry>,
}

impl Baseline {
    pub fn of(r: &Report) -> Baseline {
        let mut conflicts: Vec<Entry> = r
            .conflicts
            .iter()
            .map(|c| Entry { fingerprint: fingerprint(r, c), code: c.code.to_string(), message: c.message.clone() })
            .collect();
        conflicts.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
        conflicts.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Baseline { version: 1, conflicts }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn read(path: &std::path::Path) -> Result<Baseline, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        serde_json::from_str(&text).map_err(|e| Error::Input {
            path: path.display().to_string(),
            line: e.line(),
            column: e.column(),
            message: format!("not a crosscheck baseline: {e}"),
        })
    }

    /// Removes the conflicts the baseline knows; returns how many were removed.
    pub fn apply(&self, r: &mut Report) -> usize {
        let known: BTreeSet<&str> = self.conflicts.iter().map(|e| e.fingerprint.as_str()).collect();
        let prints: Vec<String> = r.conflicts.iter().map(|c| fingerprint(r, c)).collect();
        let before = r.conflicts.len();
        let mut k = 0;
        r.conflicts.retain(|_| {
            let keep = !known.contains(prints[k].as_str());
            k += 1;
            keep
        });
        before - r.conflicts.len()
    }
}
