//! `--changed-since REF` and `--diff FILE`: which lines a change touched, read from git or
//! from a unified diff, and the filter that keeps conflicts with a claim on one of them.

use crosscheck::Error;
use crosscheck::diff::ChangedLines;
use crosscheck::report::Report;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Changed lines, keyed by the file's canonical path.
pub struct Changes {
    lines: ChangedLines,
    /// Canonical path → the name the diff uses.
    names: HashMap<PathBuf, String>,
}

fn usage(msg: String) -> Vec<Error> {
    vec![Error::Usage(msg)]
}

/// Runs git in `dir`; its error output becomes ours.
fn git(dir: &Path, args: &[&str]) -> Result<String, Vec<Error>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .map_err(|e| usage(format!("--changed-since needs git: {e}")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(usage(format!("git {}: {}", args.join(" "), err.trim())));
    }
    String::from_utf8(out.stdout).map_err(|_| usage(format!("git {}: output is not UTF-8", args.join(" "))))
}

/// The changes asked for on the command line, if any.
pub fn read(since: Option<&str>, diff: Option<&Path>) -> Result<Option<Changes>, Vec<Error>> {
    let cwd = std::env::current_dir().map_err(|e| usage(format!("cannot read the working directory: {e}")))?;
    let (text, base, untracked) = match (since, diff) {
        (Some(rev), _) => {
            if rev.starts_with('-') {
                return Err(usage(format!("--changed-since: {rev:?} is not a revision")));
            }
            let root = PathBuf::from(git(&cwd, &["rev-parse", "--show-toplevel"])?.trim());
            let text = git(&root, &["diff", "--no-color", "--no-ext-diff", "--unified=0", rev, "--"])?;
            let others = git(&root, &["ls-files", "--others", "--exclude-standard", "-z"])?;
            let untracked: Vec<String> = others.split('\0').filter(|p| !p.is_empty()).map(str::to_string).collect();
            (text, root, untracked)
        }
        (None, Some(path)) => {
            let mut text = String::new();
            let read = if path == Path::new("-") {
                std::io::stdin().read_to_string(&mut text).map(|_| ())
            } else {
                std::fs::read_to_string(path).map(|t| text = t)
            };
            read.map_err(|e| vec![Error::io(path, &e)])?;
            (text, cwd, Vec::new())
        }
        (None, None) => return Ok(None),
    };
    let where_ = diff.map_or_else(|| "git diff".to_string(), |p| p.display().to_string());
    let mut lines = ChangedLines::parse(&text).map_err(|e| usage(format!("{where_}: {e}")))?;
    for f in &untracked {
        lines.add_file(f);
    }
    let names = lines
        .files()
        .filter_map(|name| std::fs::canonicalize(base.join(name)).ok().map(|p| (p, name.to_string())))
        .collect();
    Ok(Some(Changes { lines, names }))
}

/// Keeps the conflicts with at least one claim on a changed line; the others are counted
/// as left out. Claims in unchanged files still serve as the other side.
pub fn keep_touching(report: &mut Report, changes: &Changes) {
    let names: Vec<Option<&String>> = report
        .documents
        .iter()
        .map(|d| std::fs::canonicalize(&d.path).ok().and_then(|p| changes.names.get(&p)))
        .collect();
    report.unchanged = report.retain_conflicts(|r, c| {
        c.claims.iter().filter_map(|&i| r.claims.get(i)).any(|claim| {
            let Some(Some(name)) = names.get(claim.doc) else { return false };
            let last = r.documents.get(claim.doc).map_or(claim.line, |d| line_of(&d.line_starts, claim.end));
            changes.lines.touches(name, claim.line, last.max(claim.line))
        })
    });
}

/// The 1-based line of a byte offset.
fn line_of(line_starts: &[usize], offset: usize) -> usize {
    line_starts.partition_point(|&s| s <= offset).max(1)
}
