//! Loading: files and directories to documents, with clear errors for what cannot be read.

use crate::Error;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The extensions picked up when walking a directory.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// A file as read from disk.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user should see it.
    pub path: String,
    /// Shared with the report: the text is held once.
    pub text: std::sync::Arc<str>,
}

/// What loading found besides the sources: files skipped with the reason.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub warnings: Vec<String>,
    pub errors: Vec<Error>,
}

/// Expands directories (recursively, sorted) and reads every file.
/// Errors for one file do not stop the others: all are reported.
pub fn load(inputs: &[PathBuf]) -> Loaded {
    load_filtered(inputs, &|_| true)
}

/// Like [`load`]; files found in directories are kept only when `wanted` says so
/// (files named on the command line always are).
pub fn load_filtered(inputs: &[PathBuf], wanted: &(dyn Fn(&Path) -> bool + Sync)) -> Loaded {
    let mut out = Loaded::default();
    let mut files = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                walk(input, &mut found, &mut out.errors);
                files.extend(found.into_iter().filter(|f| wanted(f)));
            }
            Ok(_) => files.push(input.clone()),
            Err(e) => out.errors.push(Error::io(input, &e)),
        }
    }
    let read: Vec<(PathBuf, Result<Option<String>, Error>)> = files
        .into_par_iter()
        .map(|f| {
            let r = read_text(&f);
            (f, r)
        })
        .collect();
    for (f, r) in read {
        match r {
            Ok(Some(text)) => out.sources.push(Source { path: display(&f), text: text.into() }),
            Ok(None) => out.warnings.push(format!("{}: binary file skipped", display(&f))),
            Err(e) => out.errors.push(e),
        }
    }
    out
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => return errors.push(Error::io(dir, &e)),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, files, errors),
            Ok(_) => {
                let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
                if EXTENSIONS.contains(&ext.as_str()) {
                    files.push(p);
                }
            }
            Err(e) => errors.push(Error::io(&p, &e)),
        }
    }
}

/// Reads a file as UTF-8 text. `Ok(None)` for a binary file (a NUL byte in its head).
/// Invalid UTF-8 is an error that names the line and byte offset.
pub fn read_text(path: &Path) -> Result<Option<String>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    decode(&display(path), bytes)
}

/// Decodes file bytes; see [`read_text`]. UTF-16 with a byte-order mark is decoded to
/// UTF-8 (offsets in the output are then those of the UTF-8 text).
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<Option<String>, Error> {
    if let Some(text) = utf16(path, &bytes)? {
        return Ok(Some(text));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Ok(None);
    }
    String::from_utf8(bytes).map(Some).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = &e.as_bytes()[..at];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let col = at - valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        Error::Input {
            path: path.to_string(),
            line,
            column: col,
            message: format!("invalid UTF-8 at byte {at}; save the file as UTF-8"),
        }
    })
}

fn utf16(path: &str, bytes: &[u8]) -> Result<Option<String>, Error> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return Ok(None),
    };
    let units = bytes[2..].chunks(2).map(|c| match c {
        [a, b] if little => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        [a] => u16::from(*a),
        _ => 0,
    });
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut line = 1;
    let mut column = 1;
    for (k, r) in char::decode_utf16(units).enumerate() {
        match r {
            Ok(c) => {
                if c == '\n' {
                    line += 1;
                    column = 0;
                }
                column += 1;
                out.push(c);
            }
            Err(_) => {
                return Err(Error::Input {
                    path: path.to_string(),
                    line,
                    column,
                    message: format!("invalid UTF-16 at byte {}", 2 + 2 * k),
                });
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(Error::Input {
            path: path.to_string(),
            line,
            column,
            message: "odd number of bytes in a UTF-16 file".into(),
        });
    }
    Ok(Some(out))
}

/// Byte offsets where lines start.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}
