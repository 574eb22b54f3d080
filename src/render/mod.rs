//! Renderers: views of one [`crate::report::Report`]. Only these and the CLI print.

pub mod claims;
pub mod github;
pub mod graph;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;

/// `crosscheck explain CODE`.
pub fn explain(m: &crate::rules::RuleMeta) -> String {
    format!("{} {} ({})\n\n{}\n\n{}\n", m.code, m.name, m.severity.as_str(), m.summary, m.explain)
}
