//! Check settings (`rules/checks.toml`): which rules run, at what severity, and the
//! confidence a conflict needs to be reported at each severity.

use crate::Error;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetting {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub severity: Option<Severity>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confidence {
    pub error: u8,
    pub warning: u8,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecksConfig {
    /// Confidence thresholds in percent.
    pub confidence: ConfidencePercent,
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
}

/// Thresholds as written in the file (fractions), kept as percent.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "RawConfidence")]
pub struct ConfidencePercent {
    pub error: u8,
    pub warning: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfidence {
    error: toml::Value,
    warning: toml::Value,
}

impl TryFrom<RawConfidence> for ConfidencePercent {
    type Error = String;
    fn try_from(r: RawConfidence) -> Result<Self, String> {
        let pct = |v: &toml::Value| -> Result<u8, String> {
            let f = match v {
                toml::Value::Float(f) => *f,
                toml::Value::Integer(i) => *i as f64,
                _ => return Err("confidence thresholds are numbers from 0 to 1".into()),
            };
            if !(0.0..=1.0).contains(&f) {
                return Err(format!("confidence threshold {f} is not between 0 and 1"));
            }
            Ok((f * 100.0).round() as u8)
        };
        Ok(ConfidencePercent { error: pct(&r.error)?, warning: pct(&r.warning)? })
    }
}

impl ChecksConfig {
    pub fn from_toml(path: &str, text: &str) -> Result<ChecksConfig, Error> {
        toml::from_str(text).map_err(|e| Error::rules(path, text, e))
    }

    pub fn enabled(&self, code: &str) -> bool {
        self.rules.get(code).is_none_or(|r| r.enabled)
    }

    /// The rule's configured severity lowered by the conflict's confidence.
    pub fn severity(&self, code: &str, default: Severity, confidence: u8) -> Severity {
        let top = self.rules.get(code).and_then(|r| r.severity).unwrap_or(default);
        let by_confidence = if confidence >= self.confidence.error {
            Severity::Error
        } else if confidence >= self.confidence.warning {
            Severity::Warning
        } else {
            Severity::Info
        };
        top.min(by_confidence)
    }
}
