//! The HTML report of the shipped example, rendered by a real browser (headless
//! Chromium): the DOM holds the conflict, the Urdu quote reads right to left with the
//! claim marked, and a screenshot is drawn.
//!
//! Without Chromium (`/usr/bin/chromium`, Debian package `chromium`) the test skips,
//! except under `CI=true`, where it fails. Set `CROSSCHECK_HTML_KEEP=/some/dir` to keep
//! the page and its screenshot there for a look.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const EXAMPLE: &str = "examples/hanoi-convention";
/// The Urdu claim of the example, as the page must mark it.
const URDU_CLAIM: &str = "71 دفعات";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Chromium, or `None` when the test should skip (a failure under CI).
fn chromium() -> Option<PathBuf> {
    let p = PathBuf::from(CHROMIUM);
    if p.is_file() {
        return Some(p);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        panic!("chromium not installed at {CHROMIUM}: under CI this test needs it (apt-get install -y chromium)");
    }
    eprintln!("skipped: chromium not installed");
    None
}

/// The report page of the example: from the binary once it knows `--format html`,
/// else from the library, through the same renderer.
fn page() -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["check", "--format", "html", EXAMPLE])
        .output()
        .expect("run crosscheck");
    let stdout = String::from_utf8_lossy(&out.stdout);
    if stdout.starts_with("<!DOCTYPE html>") {
        assert_eq!(out.status.code(), Some(1), "one error-level conflict: exit code 1");
        return stdout.into_owned();
    }
    eprintln!("note: the binary gave no HTML ({}); rendering through the library", out.status);
    let loaded = crosscheck::source::load(&[root().join(EXAMPLE)]);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let mut sources = loaded.sources;
    // Show paths as the command line would: relative to the checkout.
    let prefix = format!("{}/", root().display());
    for s in &mut sources {
        if let Some(rel) = s.path.strip_prefix(&prefix) {
            s.path = rel.to_string();
        }
    }
    let rules = crosscheck::lang::Rules::embedded().expect("embedded rules");
    let report = crosscheck::analyze(&rules, &sources, &crosscheck::Options::default()).expect("analyze");
    crosscheck::render::html::render(&report)
}

/// Runs Chromium headless on `page` with `extra` arguments; returns its stdout.
fn run_chromium(chromium: &Path, work: &Path, page: &Path, extra: &[String]) -> String {
    let profile = tempfile::tempdir_in(work).expect("profile dir");
    let stdout_path = work.join(format!("stdout-{}.txt", extra.len()));
    let stderr_path = work.join(format!("stderr-{}.txt", extra.len()));
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).expect("stdout file"))
        .stderr(std::fs::File::create(&stderr_path).expect("stderr file"))
        .spawn()
        .expect("start chromium");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium did not finish within 120 s; stderr:\n{}",
                std::fs::read_to_string(&stderr_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = std::fs::read_to_string(&stdout_path).expect("read chromium stdout");
    assert!(
        status.success(),
        "chromium failed ({status}); stderr:\n{}",
        std::fs::read_to_string(&stderr_path).unwrap_or_default()
    );
    stdout
}

/// The start tag of the innermost element of `name` that opens before `at` and is still
/// open there.
fn enclosing<'a>(dom: &'a str, at: usize, name: &str) -> Option<&'a str> {
    let open = dom[..at].rfind(&format!("<{name} "))?;
    if dom[open..at].contains(&format!("</{name}>")) {
        return None;
    }
    let end = dom[open..].find('>')?;
    Some(&dom[open..=open + end])
}

#[test]
fn example_report_renders_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let work = tempfile::tempdir().expect("temp dir");
    let html = page();
    let page_path = work.path().join("report.html");
    std::fs::write(&page_path, &html).expect("write page");

    // The DOM as the browser parsed it.
    let dom = run_chromium(&chromium, work.path(), &page_path, &["--dump-dom".to_string()]);
    assert!(dom.contains("<meta charset=\"utf-8\">"), "{dom}");
    let sections: Vec<_> = dom.match_indices("<section class=\"conflict error\"").collect();
    assert_eq!(sections.len(), 1, "one conflict section:\n{dom}");
    let section = &dom[sections[0].0..];
    let section = &section[..section.find("</section>").expect("section closed")];
    assert!(section.contains("<code>CC101</code>"), "{section}");
    assert!(section.contains("value-mismatch"), "{section}");
    assert!(section.contains("articles of the convention cannot be both 68 and 71"), "{section}");
    for path in ["en.md", "ur.txt", "vi.txt"] {
        assert!(section.contains(&format!("hanoi-convention/{path}</bdi>")), "{path} quoted:\n{section}");
    }
    // The Urdu claim is marked, inside a quote that takes its direction from its text.
    let mark = format!("<mark>{URDU_CLAIM}</mark>");
    let at = dom.find(&mark).unwrap_or_else(|| panic!("{mark} not in the DOM:\n{dom}"));
    let quote = enclosing(&dom, at, "blockquote").unwrap_or_else(|| panic!("the Urdu mark is in no blockquote"));
    assert!(quote.contains("dir=\"auto\""), "{quote}");
    assert!(quote.contains("lang=\"ur\""), "{quote}");
    // Nothing the page did not write itself.
    assert!(!dom.contains("<script"), "{dom}");

    // A screenshot: the page draws, at the size asked for.
    let png = work.path().join("report.png");
    run_chromium(
        &chromium,
        work.path(),
        &page_path,
        &[format!("--screenshot={}", png.display()), "--window-size=1200,1600".to_string()],
    );
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1200, 1600), "screenshot size");
    assert!(bytes.len() > 30_000, "screenshot of {} bytes: the page looks empty", bytes.len());
    if let Some(keep) = std::env::var_os("CROSSCHECK_HTML_KEEP") {
        let keep = PathBuf::from(keep);
        std::fs::create_dir_all(&keep).expect("create CROSSCHECK_HTML_KEEP");
        std::fs::copy(&page_path, keep.join("report.html")).expect("keep page");
        std::fs::copy(&png, keep.join("report.png")).expect("keep screenshot");
        eprintln!("kept report.html and report.png in {}", keep.display());
    }
}
