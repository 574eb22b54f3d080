//! Shared test helpers: where `../shared` is, and running the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The shared data directory: `$CROSSCHECK_SHARED`, else `../shared` beside the checkout.
/// Returns `None` (and the test skips) when it is absent, except under CI, where its
/// absence is a failure.
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("CROSSCHECK_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        panic!("shared data not found at {} (set CROSSCHECK_SHARED)", dir.display());
    }
    eprintln!("skipped: shared data not found at {}", dir.display());
    None
}

pub fn seeds_dir() -> Option<PathBuf> {
    shared().map(|s| s.join("corpus/seeds"))
}

pub const SEED_A: &str = "000_ed8ab90594052c8e.txt";
pub const SEED_B: &str = "001_73e8e15ce31f2f87.txt";

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
}

/// Runs the binary in `dir` with `args`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    match bin().current_dir(dir).env("NO_COLOR", "1").args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("cannot run crosscheck: {e}"),
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn json(o: &Output) -> serde_json::Value {
    match serde_json::from_slice(&o.stdout) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}): {}", stdout(o)),
    }
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `body` with insta writing to the top-level `snapshots/` folder.
pub fn snapshots<F: FnOnce()>(body: F) {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(root().join("snapshots"));
    s.set_prepend_module_to_snapshot(false);
    s.bind(body);
}

/// The rules under test: the embedded ones, or `$CROSSCHECK_RULES` (a rules directory
/// read at run time, so that pack authors can re-run a built test without rebuilding).
pub fn rules() -> crosscheck::lang::Rules {
    let loaded = match std::env::var_os("CROSSCHECK_RULES") {
        Some(dir) => crosscheck::lang::Rules::with_dir(Path::new(&dir)),
        None => crosscheck::lang::Rules::embedded(),
    };
    match loaded {
        Ok(r) => r,
        Err(e) => panic!("rules do not load: {e}"),
    }
}

/// Pieces of text for random inputs: digits of every set, separators, number words of
/// several packs, markup, control characters. Used by the property tests and the fuzz driver.
pub const ATOMS: &[&str] = &[
    "0",
    "7",
    "12",
    "1,234",
    "1.234,5",
    "3.5",
    "٤٥",
    "۱۲",
    "१२३",
    "๔๕",
    "１２",
    "-",
    "–",
    "/",
    ".",
    ",",
    "%",
    "$",
    "€",
    " ",
    " ",
    "\n",
    "\r\n",
    "\u{FEFF}",
    "\u{200C}",
    "e\u{301}",
    "e",
    "^",
    "x",
    "½",
    "\u{202F}",
    "a fifth",
    "half",
    "over",
    "thirds",
    "का",
    "पाँचवाँ",
    "भाग",
    "बटा",
    "about",
    "more than",
    "less than",
    "at least",
    "dollars",
    "cents",
    "43c",
    "doubled",
    "nearly",
    "دوگنا",
    "first day",
    "by the close",
    "six years",
    "between",
    "and",
    "to",
    "million",
    "billion",
    "twenty-one",
    "Article",
    "articles",
    "countries",
    "May",
    "2019",
    "3rd",
    "tỷ",
    "ba mươi lăm",
    "nghìn",
    "hơn",
    "khoảng",
    "ہزار",
    "تقریباً",
    "سے زائد",
    "ممالک",
    "دفعات",
    "ایک",
    "ٹریلین",
    "ڈالر",
    "اکتوبر",
    "ویں",
    "万",
    "亿",
    "三十二",
    "か国",
    "第",
    "条",
    "십",
    "만",
    "명",
    "ล้าน",
    "สิบ",
    "тысяч",
    "более",
    "от",
    "до",
    "وعشرون",
    "ألف",
    "بين",
    "हज़ार",
    "लाख",
    "mille",
    "sechsundzwanzig",
    "zwischen",
    "und",
    "<p>",
    "</p>",
    "<!--",
    "-->",
    "```",
    "**",
    "[",
    "](",
    "http://x.y/12",
    "&amp;",
    "&#8211;",
    "---\ndate: 2019\n---\n",
    "\u{1b}[31m",
    "\u{0}",
    "(",
    ")",
    "ـ",
    "crosscheck-ignore",
];

/// A temporary directory holding `files` (path, text); parents are created.
pub fn tmp_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    for (name, text) in files {
        let p = dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    }
    dir
}
