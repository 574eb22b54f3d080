//! crosscheck: finds numeric claims in news reports that cannot all be true.
//!
//! The engine is a pipeline of plain stages (see ARCHITECTURE.md):
//! [`source`] → [`normalize`] → [`lex`] → [`extract`] → [`resolve`] → [`graph`] → [`rules`],
//! returning one [`report::Report`]. Nothing here prints; `render` and `cli` do.

pub mod checks;
pub mod claim;
pub mod extract;
pub mod graph;
pub mod lang;
pub mod lex;
pub mod normalize;
pub mod render;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod source;
pub mod value;

use lang::Rules;
use report::{DocumentInfo, Report};
use resolve::DocView;
use source::Source;

/// Everything that can stop a run. Each variant names the file it is about.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}:{line}:{column}: {message}")]
    Input { path: String, line: usize, column: usize, message: String },
    #[error("{path}: {message}")]
    Rules { path: String, message: String },
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn io(path: &std::path::Path, e: &std::io::Error) -> Error {
        let message = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        Error::Io { path: path.display().to_string(), message }
    }

    /// A TOML error located by line and column in the rules file.
    pub fn rules(path: &str, text: &str, e: toml::de::Error) -> Error {
        let message = match e.span() {
            Some(span) => {
                let (line, col) = resolve::line_col(&source::line_starts(text), span.start);
                format!("line {line}, column {col}: {}", e.message())
            }
            None => e.message().to_string(),
        };
        Error::Rules { path: path.to_string(), message }
    }
}

/// Options for one analysis.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force this language for every document instead of detecting it.
    pub lang: Option<String>,
}

/// Runs the whole pipeline over loaded sources.
pub fn analyze(rules: &Rules, sources: &[Source], opts: &Options) -> Result<Report, Error> {
    if let Some(code) = &opts.lang
        && rules.pack(code).is_none()
    {
        let known: Vec<&str> = rules.packs.iter().map(|p| p.code.as_str()).collect();
        return Err(Error::Usage(format!("unknown language {code:?}; packs: {}", known.join(", "))));
    }
    let mut documents = Vec::with_capacity(sources.len());
    let mut claims = Vec::new();
    let mut warnings = Vec::new();
    for (doc, src) in sources.iter().enumerate() {
        let norm = rules.normalizer.normalize(&src.text);
        let toks = lex::lex(&norm.text);
        let pack = match &opts.lang {
            Some(code) => rules.pack(code),
            None => lang::detect::detect(rules, &norm.text, &toks),
        };
        let line_starts = source::line_starts(&src.text);
        let Some(pack) = pack else {
            if !norm.text.trim().is_empty() {
                warnings.push(format!("{}: no language pack fits this text; no claims read", src.path));
            }
            documents.push(DocumentInfo { path: src.path.clone(), lang: None, text: src.text.clone(), line_starts });
            continue;
        };
        let mentions = extract::mentions(pack, &toks);
        let view = DocView { doc, path: &src.path, original: &src.text, map: &norm.map, line_starts: &line_starts };
        claims.extend(resolve::claims(pack, &toks, &mentions, &view, &rules.measures));
        documents.push(DocumentInfo {
            path: src.path.clone(),
            lang: Some(pack.code.clone()),
            text: src.text.clone(),
            line_starts,
        });
    }
    for (i, c) in claims.iter_mut().enumerate() {
        c.id = format!("c{}", i + 1);
    }
    let mut graph = graph::build(&claims, &rules.measures);
    let cx = rules::Context { claims: &claims, graph: &graph, measures: &rules.measures, checks: &rules.checks };
    let mut conflicts = rules::run(&cx);
    // Label each conflict edge with the rule whose conflict holds both of its claims.
    let mut reported: std::collections::HashMap<usize, Vec<(usize, &'static str)>> = std::collections::HashMap::new();
    for (k, conflict) in conflicts.iter().enumerate() {
        for &c in &conflict.claims {
            reported.entry(c).or_default().push((k, conflict.code));
        }
    }
    for e in graph.edges.iter_mut().filter(|e| e.kind == graph::EdgeKind::Conflicts) {
        let (Some(a), Some(b)) = (reported.get(&e.a), reported.get(&e.b)) else { continue };
        e.rule = a.iter().find(|x| b.contains(x)).map(|(_, code)| *code);
    }
    conflicts.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.claims.cmp(&b.claims)));
    Ok(Report { documents, claims, conflicts, graph, warnings })
}
