//! The desk's fact sheet (`--facts FILE`, TOML): what the desk knows to be true, with its
//! source. A claim that contradicts it is wrong; a disagreement between reports whose one
//! side matches it says which side is right.
//!
//! ```toml
//! [[fact]]
//! measure = "article"          # a measure id of rules/measures.toml
//! subject = "convention"       # optional, as the packs name subjects
//! predicate = "sign"           # optional
//! time = "2019-05-03"          # optional
//! value = "40"                 # exact, or "40..45"
//! source = "the treaty text, as deposited"
//! ```

use crate::Error;
use crate::value::{Interval, Qualifier, Tolerance, Value};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::str::FromStr;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactEntry {
    measure: String,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    predicate: Option<String>,
    #[serde(default)]
    time: Option<String>,
    value: String,
    source: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FactsFile {
    #[serde(default)]
    fact: Vec<FactEntry>,
}

#[derive(Debug, Clone)]
pub struct Fact {
    pub measure: String,
    pub subject: Option<String>,
    pub predicate: Option<String>,
    pub time: Option<String>,
    pub low: Decimal,
    pub high: Decimal,
    pub source: String,
}

impl Fact {
    /// The value as text: `40` or `40–45`.
    pub fn value_text(&self) -> String {
        Value::Number { low: Some(self.low), high: Some(self.high), precision: Decimal::ZERO }.display()
    }

    pub fn interval(&self) -> Interval {
        let t = Tolerance { about: Decimal::ZERO, nearly: Decimal::ZERO, rounding: false };
        let v = Value::Number { low: Some(self.low), high: Some(self.high), precision: Decimal::ZERO };
        t.interval(&v, Qualifier::Exact).unwrap_or(Interval { low: None, high: None })
    }

    /// True when a claim's key is the fact's: same measure, and the same subject,
    /// predicate and time wherever the fact names one.
    pub fn covers(&self, measure: &str, subject: Option<&str>, predicate: Option<&str>, time: Option<&str>) -> bool {
        let same = |want: &Option<String>, got: Option<&str>| want.as_deref().is_none_or(|w| Some(w) == got);
        self.measure == measure
            && same(&self.subject, subject)
            && same(&self.predicate, predicate)
            && same(&self.time, time)
    }
}

/// Reads a fact sheet; errors point into the file.
pub fn load(path: &std::path::Path) -> Result<Vec<Fact>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    parse(&path.display().to_string(), &text)
}

pub fn parse(name: &str, text: &str) -> Result<Vec<Fact>, Error> {
    let file: FactsFile = toml::from_str(text).map_err(|e| Error::rules(name, text, e))?;
    let mut out = Vec::new();
    for f in file.fact {
        let bad = |m: String| Error::Rules { path: name.to_string(), message: m };
        let (lo, hi) = f.value.split_once("..").unwrap_or((&f.value, &f.value));
        let num = |s: &str| Decimal::from_str(s.trim()).map_err(|e| bad(format!("fact value {:?}: {e}", f.value)));
        let (low, high) = (num(lo)?, num(hi)?);
        if high < low {
            return Err(bad(format!("fact value {:?} goes down", f.value)));
        }
        out.push(Fact {
            measure: f.measure,
            subject: f.subject,
            predicate: f.predicate,
            time: f.time,
            low,
            high,
            source: f.source,
        });
    }
    Ok(out)
}
