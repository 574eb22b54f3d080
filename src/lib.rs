//! crosscheck: finds numeric claims in news reports that cannot all be true.
//!
//! The engine is a pipeline of plain stages (see ARCHITECTURE.md):
//! [`source`] → [`normalize`] → [`lex`] → [`extract`] → [`resolve`] → [`graph`] → [`rules`],
//! returning one [`report::Report`]. Nothing here prints; `render` and `cli` do.

pub mod baseline;
pub mod checks;
pub mod claim;
pub mod config;
pub mod diff;
pub mod extract;
pub mod facts;
pub mod graph;
pub mod lang;
pub mod lex;
pub mod markup;
pub mod normalize;
pub mod provenance;
pub mod render;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod value;

/// What unit tests return: a failed step is an `Err` that names it, not a panic in a
/// helper.
#[cfg(test)]
pub(crate) type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The claims a whole run reads in one text of language `lang`, for unit tests.
#[cfg(test)]
pub(crate) fn claims_in(lang: &str, text: &str) -> Result<Vec<claim::Claim>, Box<dyn std::error::Error>> {
    let rules = Rules::embedded()?;
    let src = source::Source { path: "t.txt".into(), text: text.into() };
    let opts = Options { lang: Some(lang.into()), ..Default::default() };
    Ok(analyze(&rules, &[src], &opts)?.claims)
}

use lang::Rules;
use rayon::prelude::*;
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
    /// A rules or config file that does not parse, with the place in its text.
    #[error("{path}:{line}:{column}: {message}")]
    RulesAt { path: String, line: usize, column: usize, message: String, text: String, span: (usize, usize) },
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
        let message = e.message().trim_end().to_string();
        match e.span() {
            Some(span) => {
                let (line, column) = resolve::line_col(&source::line_starts(text), span.start);
                Error::RulesAt {
                    path: path.to_string(),
                    line,
                    column,
                    message,
                    text: text.to_string(),
                    span: (span.start, span.end.saturating_sub(span.start)),
                }
            }
            None => Error::Rules { path: path.to_string(), message },
        }
    }
}

/// Options for one analysis.
#[derive(Clone, Default)]
pub struct Options {
    /// Force this language for every document instead of detecting it.
    pub lang: Option<String>,
    /// A language per document path (from the configuration); `lang` wins over it.
    pub langs: std::collections::HashMap<String, String>,
    /// The desk's fact sheet.
    pub facts: Vec<facts::Fact>,
    /// The date of documents that give none themselves (`--date`, ISO `YYYY-MM-DD`).
    pub date: Option<String>,
    /// Paths read as published reference reports (`--against`): context for the drafts.
    pub references: std::collections::HashSet<String>,
    /// Called once per document read (from any thread), for a progress display.
    pub on_document: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options").field("lang", &self.lang).field("langs", &self.langs).finish_non_exhaustive()
    }
}

/// Digits beyond this many cannot be an exact decimal value here.
const MAX_DIGITS: usize = 28;

/// Warnings for digit runs too long to read as a value (at most three a file).
fn long_numbers(path: &str, toks: &[lex::Tok<'_>], view: &DocView<'_>) -> Vec<String> {
    toks.iter()
        .filter(|t| t.kind == lex::Kind::Num && t.text.bytes().filter(u8::is_ascii_digit).count() > MAX_DIGITS)
        .take(3)
        .map(|t| {
            let (line, col) = resolve::line_col(view.line_starts, view.start(t.start));
            let digits = t.text.bytes().filter(u8::is_ascii_digit).count();
            format!("{path}:{line}:{col}: a number of {digits} digits is too long to compare; it was left out")
        })
        .collect()
}

/// The stages that work on one document alone: normalize, lex, detect, extract, resolve.
/// Returns the document's information, its claims (ids not yet given) and warnings.
/// Public for the extraction benchmark (`benches/extract.rs`); [`analyze`] is the API.
pub fn read_document(
    rules: &Rules,
    opts: &Options,
    doc: usize,
    src: &Source,
) -> (DocumentInfo, Vec<claim::Claim>, Vec<String>) {
    // Markdown and HTML: the visible text, mapped back to the file's bytes.
    let reduced = match markup::Format::from_path(&src.path) {
        markup::Format::Text => None,
        format => Some(markup::reduce(format, &src.text)),
    };
    let visible: &str = reduced.as_ref().map_or(&src.text, |r| &r.text);
    let norm = rules.normalizer.normalize(visible);
    let mut toks = lex::lex(&norm.text);
    // The language: --lang, else the configuration's, else the document's own
    // (front matter, <html lang>) when a pack has it, else detection.
    let declared = reduced.as_ref().and_then(|r| r.lang.as_deref()).and_then(|l| {
        let code = l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase();
        rules.pack(&code).map(|p| p.code.clone())
    });
    let pack = match opts.lang.as_ref().or_else(|| opts.langs.get(&src.path)).or(declared.as_ref()) {
        Some(code) => rules.pack(code),
        None => lang::detect::detect(rules, &norm.text, &toks),
    };
    let line_starts = source::line_starts(&src.text);
    let silences = suppress::silences(&src.text);
    let date = reduced.as_ref().and_then(|r| r.date.clone()).or_else(|| opts.date.clone());
    let mut info = DocumentInfo {
        path: src.path.clone(),
        lang: None,
        date,
        text: src.text.clone(),
        line_starts,
        silences,
        reference: opts.references.contains(&src.path),
    };
    let Some(pack) = pack else {
        let mut warnings = Vec::new();
        if !norm.text.trim().is_empty() {
            warnings.push(format!("{}: no language pack fits this text; no claims read", src.path));
        }
        return (info, Vec::new(), warnings);
    };
    pack.lexicon.assign(&mut toks);
    let path: std::sync::Arc<str> = src.path.as_str().into();
    let view = DocView {
        doc,
        path: &path,
        original: &src.text,
        map: &norm.map,
        markup: reduced.as_ref(),
        line_starts: &info.line_starts,
    };
    let warnings = long_numbers(&src.path, &toks, &view);
    let mentions = extract::mentions(pack, &toks);
    let mut claims = resolve::claims(pack, &toks, &mentions, &view, &rules.measures);
    resolve::mark_ambiguous(&mut claims, &rules.measures);
    info.lang = Some(pack.code.clone());
    (info, claims, warnings)
}

/// Drops the claims that an inline marker silences for a conflict's rule; a conflict left
/// with fewer than two values is dropped. Returns how many conflicts were dropped.
fn silence(conflicts: &mut Vec<rules::Conflict>, claims: &[claim::Claim], docs: &[DocumentInfo]) -> usize {
    // No document carries a marker (the usual case): nothing to look up per claim.
    if docs.iter().all(|d| d.silences.is_empty()) {
        return 0;
    }
    let before = conflicts.len();
    conflicts.retain_mut(|c| {
        let name = c.rule;
        let code = c.code;
        let quiet = |i: &usize| {
            let cl = &claims[*i];
            docs.get(cl.doc).is_some_and(|d| suppress::silenced(&d.silences, cl.start, code, name))
        };
        if !c.claims.iter().any(quiet) {
            return true;
        }
        c.claims.retain(|i| !quiet(i));
        for v in c.values.iter_mut() {
            v.claims.retain(|i| !quiet(i));
        }
        c.values.retain(|v| !v.claims.is_empty());
        c.values.len() >= 2
    });
    before - conflicts.len()
}

/// Labels each conflict edge with the rule of the first conflict that holds both of its
/// claims. Each claim's conflicts are listed in conflict order, so the first common one
/// is found by walking the shorter list and searching the longer.
fn label_edges(graph: &mut graph::Graph, conflicts: &[rules::Conflict], n_claims: usize) {
    // Per claim, the conflicts that hold it, in order (one flat list with offsets).
    let mut offsets = vec![0usize; n_claims + 1];
    for conflict in conflicts {
        for &c in &conflict.claims {
            if let Some(o) = offsets.get_mut(c + 1) {
                *o += 1;
            }
        }
    }
    for i in 0..n_claims {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut held = vec![0usize; offsets[n_claims]];
    for (k, conflict) in conflicts.iter().enumerate() {
        for &c in &conflict.claims {
            if let Some(at) = fill.get_mut(c) {
                held[*at] = k;
                *at += 1;
            }
        }
    }
    let of = |c: usize| offsets.get(c..c + 2).map_or(&held[..0], |o| &held[o[0]..o[1]]);
    for e in graph.edges.iter_mut().filter(|e| e.kind == graph::EdgeKind::Conflicts) {
        let (a, b) = (of(e.a), of(e.b));
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        e.rule = short.iter().find(|k| long.binary_search(k).is_ok()).map(|&k| conflicts[k].code);
    }
}

/// What [`read_document`] returns.
type Read = (DocumentInfo, Vec<claim::Claim>, Vec<String>);

/// Reads the documents and merges them in input order.
///
/// Documents are independent until the graph: they are read on the pool, and the calling
/// thread merges each one as soon as it and those before it are read. Reading runs at
/// most a few documents per thread ahead of the merge, so that the claims are held once
/// (not also in per-document lists until the last document is read), and no thread waits
/// for the slowest document of a batch before it starts on the next one.
fn read_all(rules: &Rules, opts: &Options, sources: &[Source]) -> (Vec<DocumentInfo>, Vec<claim::Claim>, Vec<String>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, PoisonError};
    let read = |k: usize, src: &Source| {
        let read = read_document(rules, opts, k, src);
        if let Some(tick) = &opts.on_document {
            tick();
        }
        read
    };
    let threads = rayon::current_num_threads().max(1);
    let window = threads * 4;
    let mut documents = Vec::with_capacity(sources.len());
    let mut claims = Vec::new();
    let mut warnings = Vec::new();
    let mut merge = |(info, doc_claims, doc_warnings): Read| {
        documents.push(info);
        claims.extend(doc_claims);
        warnings.extend(doc_warnings);
    };
    if rayon::current_thread_index().is_some() {
        // Called on a pool thread: waiting there for the pool would hold one of its
        // threads (all of them, with one), so read batch by batch instead.
        for (b, part) in sources.chunks(window).enumerate() {
            let per_doc: Vec<Read> = part.par_iter().enumerate().map(|(k, src)| read(b * window + k, src)).collect();
            per_doc.into_iter().for_each(&mut merge);
        }
        return (documents, claims, warnings);
    }
    struct State {
        /// Per document, what reading it gave (a panic is passed on to the caller).
        done: Vec<Option<std::thread::Result<Read>>>,
        /// Documents merged so far.
        merged: usize,
        /// A reader panicked: the others stop.
        stop: bool,
    }
    let state = Mutex::new(State { done: (0..sources.len()).map(|_| None).collect(), merged: 0, stop: false });
    let lock = || state.lock().unwrap_or_else(PoisonError::into_inner);
    let changed = Condvar::new();
    let next = AtomicUsize::new(0);
    // The body runs on this thread (not on the pool): it merges while the pool reads.
    rayon::in_place_scope(|s| {
        for _ in 0..threads {
            s.spawn(|_| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(src) = sources.get(k) else { break };
                    let mut st = lock();
                    while k >= st.merged + window && !st.stop {
                        st = changed.wait(st).unwrap_or_else(PoisonError::into_inner);
                    }
                    if st.stop {
                        break;
                    }
                    drop(st);
                    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(k, src)));
                    let failed = r.is_err();
                    if let Some(slot) = lock().done.get_mut(k) {
                        *slot = Some(r);
                    }
                    changed.notify_all();
                    if failed {
                        break;
                    }
                }
            });
        }
        for k in 0..sources.len() {
            let mut st = lock();
            let r = loop {
                if let Some(r) = st.done.get_mut(k).and_then(Option::take) {
                    break r;
                }
                st = changed.wait(st).unwrap_or_else(PoisonError::into_inner);
            };
            st.merged = k + 1;
            st.stop = r.is_err();
            drop(st);
            changed.notify_all();
            match r {
                Ok(read) => merge(read),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    (documents, claims, warnings)
}

/// Runs the whole pipeline over loaded sources.
pub fn analyze(rules: &Rules, sources: &[Source], opts: &Options) -> Result<Report, Error> {
    if let Some(code) = &opts.lang
        && rules.pack(code).is_none()
    {
        let known: Vec<&str> = rules.packs.iter().map(|p| p.code.as_str()).collect();
        return Err(Error::Usage(format!("unknown language {code:?}; packs: {}", known.join(", "))));
    }
    let (documents, mut claims, warnings) = read_all(rules, opts, sources);
    for (i, c) in claims.iter_mut().enumerate() {
        c.id = claim::ClaimId::of_index(i);
    }
    let mut graph = graph::build(&claims, &rules.measures);
    let dates: Vec<Option<String>> = documents.iter().map(|d| d.date.clone()).collect();
    let arithmetic = if rules.checks.enabled("CC104") {
        rules::stated_arithmetic::evaluate(&claims, &rules.measures)
    } else {
        Vec::new()
    };
    let cx = rules::Context {
        dates: &dates,
        arithmetic: &arithmetic,
        claims: &claims,
        graph: &graph,
        measures: &rules.measures,
        checks: &rules.checks,
        facts: &opts.facts,
    };
    let mut conflicts = rules::run(&cx);
    label_edges(&mut graph, &conflicts, claims.len());
    // Stated ratios that hold ("nearly tripled in five years") are agreements of their rule.
    for a in arithmetic.iter().filter(|a| a.holds) {
        for other in [Some(a.from), Some(a.to), a.span].into_iter().flatten() {
            let (x, y) = (a.ratio.min(other), a.ratio.max(other));
            graph.edges.push(graph::Edge { a: x, b: y, kind: graph::EdgeKind::Agrees, rule: Some("CC104") });
        }
    }
    let suppressed = silence(&mut conflicts, &claims, &documents);
    conflicts.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.claims.cmp(&b.claims)));
    provenance::annotate(&mut conflicts, &claims, &documents);
    let measures = Some(rules.measures.clone());
    Ok(Report { documents, claims, conflicts, graph, warnings, suppressed, measures, ..Report::default() })
}

#[cfg(test)]
mod claim_id_tests {
    use super::claim::ClaimId;

    #[test]
    fn ids_count_from_one_in_decimal() {
        for n in [1u32, 9, 10, 99, 100, 12345, 1_000_003, u32::MAX] {
            let mut out = Vec::new();
            ClaimId(n).write(&mut out);
            assert_eq!(String::from_utf8_lossy(&out), format!("c{n}"));
            assert_eq!(ClaimId(n).to_string(), format!("c{n}"));
        }
        assert_eq!(ClaimId::of_index(0).to_string(), "c1");
    }
}
