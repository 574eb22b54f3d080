//! `.crosscheck.toml`: the project's configuration, found upward from the working
//! directory (or given with `--config`). Include and exclude globs, a language per path,
//! rule switches and severities, confidence thresholds, tolerances per measure, and the
//! fact sheet and baseline paths. A malformed file is an error located in the file.

use crate::Error;
use crate::checks::RuleSetting;
use crate::lang::Rules;
use globset::{Glob, GlobSet, GlobSetBuilder};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub const FILE_NAME: &str = ".crosscheck.toml";

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    /// Glob → language code.
    #[serde(default)]
    lang: BTreeMap<String, String>,
    #[serde(default)]
    rules: BTreeMap<String, RuleSetting>,
    #[serde(default)]
    confidence: Option<ConfidenceEntry>,
    /// Measure id → tolerances.
    #[serde(default)]
    tolerance: BTreeMap<String, ToleranceEntry>,
    #[serde(default)]
    facts: Option<String>,
    #[serde(default)]
    baseline: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfidenceEntry {
    error: f64,
    warning: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ToleranceEntry {
    about: Option<String>,
    nearly: Option<String>,
}

/// A loaded configuration; paths in it are relative to its directory.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    pub dir: PathBuf,
    file: ConfigFile,
    include: Option<GlobSet>,
    exclude: GlobSet,
    lang: Vec<(GlobSet, String)>,
}

fn located(path: &Path, text: &str, message: String, at: Option<usize>) -> Error {
    match at {
        Some(offset) => {
            let (line, column) = crate::resolve::line_col(&crate::source::line_starts(text), offset);
            Error::RulesAt {
                path: path.display().to_string(),
                line,
                column,
                message,
                text: text.to_string(),
                span: (offset, 1),
            }
        }
        None => Error::Rules { path: path.display().to_string(), message },
    }
}

/// The byte offset of the first occurrence of a value in the file, to point at it.
fn find(text: &str, needle: &str) -> Option<usize> {
    text.find(needle)
}

fn globs(path: &Path, text: &str, list: &[String]) -> Result<GlobSet, Error> {
    let mut b = GlobSetBuilder::new();
    for g in list {
        let glob = Glob::new(g).map_err(|e| located(path, text, format!("bad glob {g:?}: {e}"), find(text, g)))?;
        b.add(glob);
    }
    b.build().map_err(|e| located(path, text, e.to_string(), None))
}

impl Config {
    /// `.crosscheck.toml` in `start` or the nearest directory above it.
    pub fn find(start: &Path) -> Option<PathBuf> {
        start.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
    }

    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        let file: ConfigFile =
            toml::from_str(&text).map_err(|e| Error::rules(&path.display().to_string(), &text, e))?;
        let include = if file.include.is_empty() { None } else { Some(globs(path, &text, &file.include)?) };
        let exclude = globs(path, &text, &file.exclude)?;
        let mut lang = Vec::new();
        for (g, code) in &file.lang {
            lang.push((globs(path, &text, std::slice::from_ref(g))?, code.clone()));
        }
        if let Some(c) = &file.confidence {
            for v in [c.error, c.warning] {
                if !(0.0..=1.0).contains(&v) {
                    return Err(located(
                        path,
                        &text,
                        format!("confidence {v} is not between 0 and 1"),
                        find(&text, "confidence"),
                    ));
                }
            }
        }
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Config { path: path.to_path_buf(), dir, file, include, exclude, lang })
    }

    /// Applies rule switches, severities, thresholds and tolerances to the rules.
    pub fn apply(&self, rules: &mut Rules) -> Result<(), Error> {
        let text = std::fs::read_to_string(&self.path).unwrap_or_default();
        for (code, setting) in &self.file.rules {
            if crate::rules::find(code).is_none() {
                return Err(located(&self.path, &text, format!("unknown rule {code:?}"), find(&text, code)));
            }
            let code = crate::rules::find(code).map_or(code.clone(), |r| r.meta().code.to_string());
            rules.checks.rules.insert(code, setting.clone());
        }
        if let Some(c) = &self.file.confidence {
            rules.checks.confidence.error = (c.error * 100.0).round() as u8;
            rules.checks.confidence.warning = (c.warning * 100.0).round() as u8;
        }
        for (measure, t) in &self.file.tolerance {
            let parse = |s: &Option<String>| -> Result<Option<Decimal>, Error> {
                s.as_deref()
                    .map(|v| {
                        Decimal::from_str(v)
                            .map_err(|e| located(&self.path, &text, format!("tolerance {v:?}: {e}"), find(&text, v)))
                    })
                    .transpose()
            };
            rules.measures.set_tolerance(measure, parse(&t.about)?, parse(&t.nearly)?);
        }
        for code in self.lang.iter().map(|(_, c)| c) {
            if rules.pack(code).is_none() {
                return Err(located(&self.path, &text, format!("unknown language {code:?}"), find(&text, code)));
            }
        }
        Ok(())
    }

    fn relative<'p>(&self, path: &'p Path) -> std::borrow::Cow<'p, Path> {
        let abs = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
        };
        let dir = if self.dir.is_absolute() {
            self.dir.clone()
        } else {
            std::env::current_dir().map(|d| d.join(&self.dir)).unwrap_or_else(|_| self.dir.clone())
        };
        match abs.strip_prefix(&dir) {
            Ok(rel) => std::borrow::Cow::Owned(rel.to_path_buf()),
            Err(_) => std::borrow::Cow::Borrowed(path),
        }
    }

    /// Whether a file found in a directory is checked.
    pub fn wants(&self, path: &Path) -> bool {
        let rel = self.relative(path);
        !self.exclude.is_match(&*rel) && self.include.as_ref().is_none_or(|g| g.is_match(&*rel))
    }

    /// The language configured for a path, if any.
    pub fn lang_for(&self, path: &Path) -> Option<String> {
        let rel = self.relative(path);
        self.lang.iter().find(|(g, _)| g.is_match(&*rel)).map(|(_, c)| c.clone())
    }

    pub fn facts(&self) -> Option<PathBuf> {
        self.file.facts.as_ref().map(|f| self.dir.join(f))
    }

    pub fn baseline(&self) -> Option<PathBuf> {
        self.file.baseline.as_ref().map(|f| self.dir.join(f))
    }
}
