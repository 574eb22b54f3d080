//! `--format html`: one self-contained HTML5 page for editors. No scripts, no external
//! assets, no timestamps: the same report always gives the same bytes.
//!
//! Every string taken from the input goes through [`escape`] (which also replaces control
//! and bidi-override characters). Quoted text carries `dir="auto"` and the document's
//! `lang`, so that right-to-left reports read right to left; paths, line numbers and
//! values are isolated left-to-right.

use crate::checks::Severity;
use crate::claim::Claim;
use crate::report::Report;
use crate::rules::Conflict;
use std::fmt::Write as _;

/// Characters of a line quoted around a claim, claim included (roughly).
const WINDOW: usize = 160;
/// Claims quoted per value of a conflict.
const PER_VALUE: usize = 5;
/// Bytes looked at on each side of a claim when cutting its line (a paragraph may be one
/// line of megabytes: never scan it whole).
const SCAN: usize = 4 * WINDOW;

const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6472; --line: #dde1e7; --paper: #ffffff;
  --bg: #f4f5f7; --error: #b42318; --warning: #9a6700; --info: #1f5fa8; --mark: #ffe58a; }
* { box-sizing: border-box; }
html { background: var(--bg); }
body { margin: 0 auto; max-width: 1120px; padding: 28px 28px 48px; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; letter-spacing: -0.01em; }
h2 { font-size: 18px; margin: 6px 0 4px; line-height: 1.35; }
h3 { font-size: 14px; margin: 0 0 8px; color: var(--muted); font-weight: 600; }
code, .path, .num { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", monospace; font-size: 13px; }
.summary, .conflict, .none { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 18px 22px; margin: 0 0 18px; }
.totals { margin: 6px 0 14px; font-size: 15px; }
.count { display: inline-block; border-radius: 999px; padding: 1px 10px; margin-right: 6px; font-weight: 600;
  border: 1px solid currentColor; font-size: 13px; }
.count.error { color: var(--error); } .count.warning { color: var(--warning); } .count.info { color: var(--info); }
.count.zero { color: var(--muted); border-color: var(--line); font-weight: 400; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: start; padding: 5px 10px 5px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
th.n, td.n { text-align: end; font-variant-numeric: tabular-nums; padding-right: 0; }
.toc { margin: 14px 0 0; padding-inline-start: 20px; font-size: 14px; }
.toc a { color: inherit; text-decoration: none; }
.toc a:hover { text-decoration: underline; }
.warnings { margin: 12px 0 0; padding-inline-start: 20px; color: var(--warning); font-size: 14px; }
.conflict { border-inline-start: 6px solid var(--muted); }
.conflict.error { border-inline-start-color: var(--error); }
.conflict.warning { border-inline-start-color: var(--warning); }
.conflict.info { border-inline-start-color: var(--info); }
.tag { margin: 0; font-size: 13px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.sev { text-transform: uppercase; font-weight: 700; letter-spacing: 0.05em; font-size: 12px; }
.error .sev { color: var(--error); } .warning .sev { color: var(--warning); } .info .sev { color: var(--info); }
.help { margin: 0 0 14px; color: var(--muted); font-size: 14px; }
.values { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 14px; }
.value { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fafbfc; }
.value h3 .v { color: var(--ink); font-size: 16px; }
.claims { list-style: none; margin: 0; padding: 0; }
.claim { margin: 0 0 12px; }
.claim:last-child { margin-bottom: 0; }
.where { font-size: 12.5px; color: var(--muted); margin-bottom: 3px; }
.where .path { font-size: 12.5px; color: var(--ink); overflow-wrap: anywhere; }
.quote { margin: 0; padding: 6px 10px; background: var(--paper); border-inline-start: 3px solid var(--line);
  font-size: 15px; line-height: 1.7; overflow-wrap: anywhere; text-align: start; }
:lang(ur) { font-family: "Noto Nastaliq Urdu", "Jameel Noori Nastaleeq", "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }
:lang(ar) { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "DejaVu Sans", sans-serif; }
:lang(fa) { font-family: "Vazirmatn", "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", sans-serif; }
.quote:lang(ur) { font-size: 16px; line-height: 2.3; }
.quote:lang(ar), .quote:lang(fa) { font-size: 16px; line-height: 1.9; }
mark { background: var(--mark); color: inherit; padding: 1px 2px; border-radius: 3px; font-weight: 600;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.reading { font-size: 12.5px; color: var(--muted); margin-top: 3px; }
.more { margin: 10px 0 0; font-size: 13px; color: var(--muted); font-style: italic; }
.prov { margin: 4px 0 8px; font-size: 13px; color: var(--muted); }
.prov.fact { color: inherit; font-weight: 600; }
.prov.fact::before { content: "✓ "; }
.none { color: var(--muted); }
footer { color: var(--muted); font-size: 12px; text-align: center; }
@media print {
  html, body, .summary, .conflict, .value, .quote, .none { background: none; }
  body { max-width: none; padding: 0; font-size: 11pt; color: #000; }
  .summary, .conflict, .none { border: 1px solid #999; border-radius: 0; padding: 10px 12px; margin: 0 0 10px; }
  .conflict { border-inline-start: 4px solid #000; }
  .summary, .conflict, .value, .claim { break-inside: avoid; page-break-inside: avoid; }
  mark { background: none; color: #000; font-weight: 700; text-decoration: underline 2px;
    text-underline-offset: 3px; }
  .toc a { text-decoration: none; }
  footer { display: none; }
}
"#;

/// Escapes text for HTML content and attribute values, and replaces characters that
/// must not reach the page: control characters (tab and newline become spaces) and the
/// bidi embedding, override and isolate controls, which could reorder text around them.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => out.push(char::REPLACEMENT_CHARACTER),
            c if c.is_control() => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
    out
}

/// ` lang="xx"` for a document with a known language, else nothing.
fn lang_attr(r: &Report, doc: usize) -> String {
    match r.documents.get(doc).and_then(|d| d.lang.as_deref()) {
        Some(l) if !l.is_empty() => format!(" lang=\"{}\"", escape(l)),
        _ => String::new(),
    }
}

/// The largest char boundary at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or above `i`.
fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A claim quoted in its paragraph: the text before it, the claim, the text after it,
/// with whitespace runs (hard line wraps included) made one space, each side cut to the
/// window at char boundaries (a cut side starts or ends with "…").
pub(super) struct Quote {
    pub(super) before: String,
    pub(super) claim: String,
    pub(super) after: String,
}

/// Byte index where the paragraph that ends `s` starts: after its last blank line.
fn paragraph_start(s: &str) -> Option<usize> {
    let mut newline: Option<usize> = None;
    for (i, ch) in s.char_indices().rev() {
        if ch == '\n' {
            if let Some(j) = newline {
                return Some(j + 1);
            }
            newline = Some(i);
        } else if !ch.is_whitespace() {
            newline = None;
        }
    }
    None
}

/// Byte index where the paragraph that starts `s` ends: at its first blank line.
fn paragraph_end(s: &str) -> Option<usize> {
    let mut newline: Option<usize> = None;
    for (i, ch) in s.char_indices() {
        if ch == '\n' {
            if let Some(j) = newline {
                return Some(j);
            }
            newline = Some(i);
        } else if !ch.is_whitespace() {
            newline = None;
        }
    }
    None
}

/// Every run of whitespace made one space.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if ch.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(ch);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

pub(super) fn quote(r: &Report, c: &Claim) -> Quote {
    let text = r.documents.get(c.doc).map_or("", |d| &*d.text);
    let Some(claim) = text.get(c.start..c.end) else {
        return Quote { before: String::new(), claim: squash(&c.text), after: String::new() };
    };
    // The rest of the paragraph on each side, looked at no further than SCAN bytes.
    let lo = floor_boundary(text, c.start.saturating_sub(SCAN));
    let mut before = &text[lo..c.start];
    let mut before_cut = lo > 0;
    if let Some(p) = paragraph_start(before) {
        before = &before[p..];
        before_cut = false;
    }
    let hi = ceil_boundary(text, c.end.saturating_add(SCAN));
    let mut after = &text[c.end..hi];
    let mut after_cut = hi < text.len();
    if let Some(p) = paragraph_end(after) {
        after = &after[..p];
        after_cut = false;
    }
    let before = squash(before);
    let after = squash(after);
    let before = if before_cut { before.as_str() } else { before.trim_start() };
    let after = if after_cut { after.as_str() } else { after.trim_end() };
    let claim = squash(claim);
    // Share the window between the two sides; a short side leaves its room to the other.
    let budget = WINDOW.saturating_sub(claim.chars().count());
    let n_before = before.chars().count();
    let n_after = after.chars().count();
    let half = budget / 2;
    let (keep_before, keep_after) = if n_before <= half {
        (n_before, budget - n_before)
    } else if n_after <= budget - half {
        (budget - n_after, n_after)
    } else {
        (half, budget - half)
    };
    let mut b: String = before.chars().skip(n_before.saturating_sub(keep_before)).collect();
    if keep_before < n_before {
        // Start at a word when one begins close by.
        if let Some(sp) = b.char_indices().take(16).find(|(_, ch)| ch.is_whitespace()).map(|(i, _)| i) {
            b = b[sp..].to_string();
        }
        before_cut = true;
    }
    let mut a: String = after.chars().take(keep_after).collect();
    if keep_after < n_after {
        let tail = a.char_indices().rev().take(16).find(|(_, ch)| ch.is_whitespace()).map(|(i, _)| i);
        if let Some(sp) = tail {
            a.truncate(sp);
        }
        after_cut = true;
    }
    let b = if before_cut { format!("…{}", b.trim_start()) } else { b };
    let a = if after_cut { format!("{}…", a.trim_end()) } else { a };
    Quote { before: b, claim, after: a }
}

fn severity_class(s: Severity) -> &'static str {
    s.as_str()
}

fn summary(out: &mut String, r: &Report) {
    let claims_per_doc = {
        let mut v = vec![0usize; r.documents.len()];
        for c in &r.claims {
            if let Some(n) = v.get_mut(c.doc) {
                *n += 1;
            }
        }
        v
    };
    out.push_str("<section class=\"summary\" aria-label=\"Summary\">\n<h1>crosscheck report</h1>\n");
    out.push_str("<p class=\"totals\">");
    for (s, one, many) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "infos"),
    ] {
        let n = r.count(s);
        let zero = if n == 0 { " zero" } else { "" };
        let _ =
            write!(out, "<span class=\"count {}{zero}\">{}</span>", severity_class(s), super::count_of(n, one, many));
    }
    let _ = writeln!(
        out,
        " in {} ({}).</p>",
        super::count_of(r.documents.len(), "document", "documents"),
        super::count_of(r.claims.len(), "claim", "claims")
    );
    out.push_str(
        "<table class=\"docs\">\n<thead><tr><th>Document</th><th>Language</th><th class=\"n\">Claims</th></tr></thead>\n<tbody>\n",
    );
    for (i, d) in r.documents.iter().enumerate() {
        let lang = d.lang.as_deref().map_or_else(|| "not detected".to_string(), escape);
        let _ = writeln!(
            out,
            "<tr><td><bdi class=\"path\" dir=\"ltr\">{}</bdi></td><td><code>{lang}</code></td><td class=\"n\">{}</td></tr>",
            escape(&d.path),
            claims_per_doc.get(i).copied().unwrap_or(0)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if !r.conflicts.is_empty() {
        out.push_str("<ol class=\"toc\">\n");
        for (k, c) in r.conflicts.iter().enumerate() {
            let _ = writeln!(
                out,
                "<li class=\"{}\"><a href=\"#conflict-{}\"><span class=\"sev\">{}</span> <code>{}</code> {}</a></li>",
                severity_class(c.severity),
                k + 1,
                c.severity.as_str(),
                escape(c.code),
                escape(&c.message)
            );
        }
        out.push_str("</ol>\n");
    }
    if !r.warnings.is_empty() {
        out.push_str("<ul class=\"warnings\">\n");
        for w in &r.warnings {
            let _ = writeln!(out, "<li dir=\"auto\">{}</li>", escape(w));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn claim_item(out: &mut String, r: &Report, c: &Claim) {
    let q = quote(r, c);
    let lang = lang_attr(r, c.doc);
    out.push_str("<li class=\"claim\">\n");
    let _ = writeln!(
        out,
        "<div class=\"where\"><bdi class=\"path\" dir=\"ltr\">{}</bdi><span dir=\"ltr\">:<span class=\"num\">{}</span></span></div>",
        escape(&c.path),
        c.line
    );
    let _ = writeln!(
        out,
        "<blockquote class=\"quote\" dir=\"auto\"{lang}>{}<mark>{}</mark>{}</blockquote>",
        escape(&q.before),
        escape(&q.claim),
        escape(&q.after)
    );
    let mut reading = format!(
        "“<bdi dir=\"auto\"{lang}>{}</bdi>” = <bdi dir=\"ltr\">{}</bdi>",
        escape(&c.text),
        escape(&r.reading(c))
    );
    if let Some(s) = &c.subject {
        let _ = write!(reading, " of {}", escape(&r.subject_words(s)));
    }
    if let Some(p) = &c.predicate {
        let _ = write!(reading, ", {}", escape(&r.predicate_words(p)));
    }
    if let Some(t) = &c.time {
        let _ = write!(reading, ", <bdi dir=\"ltr\">{}</bdi>", escape(&r.time_words(t)));
    }
    let _ = writeln!(out, "<div class=\"reading\">{reading}</div>");
    out.push_str("</li>\n");
}

fn conflict_section(out: &mut String, r: &Report, k: usize, conflict: &Conflict) {
    let sev = severity_class(conflict.severity);
    let _ = writeln!(out, "<section class=\"conflict {sev}\" id=\"conflict-{}\">", k + 1);
    let _ = writeln!(
        out,
        "<p class=\"tag\"><span class=\"sev\">{sev}</span><code>{}</code><span class=\"rule\">{}</span><span>confidence {}%</span><span>{}</span></p>",
        escape(conflict.code),
        escape(conflict.rule),
        conflict.confidence,
        super::count_of(conflict.claims.len(), "claim", "claims")
    );
    let _ = writeln!(out, "<h2 dir=\"auto\">{}</h2>", escape(&super::headline(r, conflict)));
    if let Some(rule) = crate::rules::find(conflict.code) {
        let _ = writeln!(
            out,
            "<p class=\"help\">{}. <code>crosscheck explain {}</code> says more.</p>",
            escape(rule.meta().summary),
            escape(conflict.code)
        );
    }
    out.push_str("<div class=\"values\">\n");
    for group in &conflict.values {
        out.push_str("<div class=\"value\">\n");
        let _ = writeln!(
            out,
            "<h3><bdi class=\"v\" dir=\"ltr\">{}</bdi> · {}</h3>",
            escape(&group.value),
            super::count_of(group.claims.len(), "claim", "claims")
        );
        let fact = if group.fact.is_some() { " fact" } else { "" };
        let _ = writeln!(out, "<p class=\"prov{fact}\" dir=\"auto\">{}</p>", escape(&super::provenance_line(r, group)));
        out.push_str("<ul class=\"claims\">\n");
        for c in group.claims.iter().take(PER_VALUE).filter_map(|&i| r.claims.get(i)) {
            claim_item(out, r, c);
        }
        out.push_str("</ul>\n");
        if group.claims.len() > PER_VALUE {
            let _ = writeln!(
                out,
                "<p class=\"more\">and {} more {} with this value (<code>--format json</code> lists them all)</p>",
                group.claims.len() - PER_VALUE,
                if group.claims.len() - PER_VALUE == 1 { "claim" } else { "claims" }
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n</section>\n");
}

/// The whole report as one HTML document.
pub fn render(r: &Report) -> String {
    let mut out = String::with_capacity(8192 + r.conflicts.len() * 4096);
    let title = match (r.count(Severity::Error), r.conflicts.len()) {
        (_, 0) => "no conflicts".to_string(),
        (0, n) => super::count_of(n, "conflict", "conflicts"),
        (e, _) => super::count_of(e, "error", "errors"),
    };
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"crosscheck\">\n");
    let _ = writeln!(out, "<title>crosscheck: {title}</title>");
    out.push_str("<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    summary(&mut out, r);
    out.push_str("<main>\n");
    if r.conflicts.is_empty() {
        out.push_str("<p class=\"none\">No conflicts: no two claims about one quantity disagree.</p>\n");
    }
    for (k, conflict) in r.conflicts.iter().enumerate() {
        conflict_section(&mut out, r, k, conflict);
    }
    out.push_str("</main>\n<footer>Generated by crosscheck.</footer>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(docs: &[(&str, &str)]) -> Result<Report, crate::Error> {
        crate::rules::check_texts(docs)
    }

    fn pair() -> Result<Report, crate::Error> {
        report(&[("a.txt", "The convention has 42 articles."), ("b.txt", "The convention has 43 articles.")])
    }

    /// Every start tag of `tag` in `html`, attributes included.
    fn tags<'a>(html: &'a str, tag: &str) -> Vec<&'a str> {
        let open = format!("<{tag}");
        html.match_indices(&open)
            .filter(|(i, _)| html[i + open.len()..].starts_with([' ', '>']))
            .filter_map(|(i, _)| html[i..].find('>').map(|e| &html[i..=i + e]))
            .collect()
    }

    #[test]
    fn escape_replaces_markup_and_controls() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape("a\u{0}b\u{1b}[31mc\td\u{202E}e"), "a\u{FFFD}b\u{FFFD}[31mc d\u{FFFD}e");
        assert_eq!(escape("plain text"), "plain text");
    }

    #[test]
    fn input_is_escaped_everywhere() -> crate::TestResult {
        let mut r = report(&[
            ("<b>&.txt", "<script>alert('x')</script> & \"The convention has 42 articles.\""),
            ("b.txt", "The convention has 43 articles."),
        ])?;
        // A claim whose own text is markup: point its span at the script tag.
        let text = r.documents[0].text.clone();
        let i = r.claims.iter().position(|c| c.doc == 0).ok_or("no claim in a.txt")?;
        let start = text.find("<script>").ok_or("no <script>")?;
        let end = text.find(" & ").ok_or("no &")? + 2;
        let c = &mut r.claims[i];
        c.start = start;
        c.end = end;
        c.column = start + 1;
        c.text = text[start..end].to_string().into();
        let html = render(&r);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("<mark>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;</mark>"), "{html}");
        assert!(html.contains("&lt;b&gt;&amp;.txt"), "{html}");
        assert!(html.contains("</mark> &quot;The convention has 42 articles.&quot;</blockquote>"), "{html}");
        // Only our own tags: every '<' opens a known element.
        let known = [
            "!DOCTYPE",
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "section",
            "h1",
            "h2",
            "h3",
            "p",
            "span",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "bdi",
            "code",
            "ol",
            "ul",
            "li",
            "a",
            "main",
            "div",
            "blockquote",
            "mark",
            "footer",
        ];
        for (i, _) in html.match_indices('<') {
            let rest = html[i + 1..].trim_start_matches('/');
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '!').collect();
            assert!(known.contains(&name.as_str()), "unexpected <{name} at {i}");
        }
        Ok(())
    }

    #[test]
    fn quotes_carry_direction_and_language() -> crate::TestResult {
        // Urdu: "the convention has 42 articles" (written with escapes: no Arabic script in src/).
        let ur = "\u{06CC}\u{06C1} \u{06A9}\u{0646}\u{0648}\u{0646}\u{0634}\u{0646} 42 \u{062F}\u{0641}\u{0639}\u{0627}\u{062A} \u{067E}\u{0631} \u{0645}\u{0634}\u{062A}\u{0645}\u{0644} \u{06C1}\u{06D2}\u{06D4}";
        let r = report(&[("a.txt", "The convention has 43 articles."), ("b.txt", ur)])?;
        assert_eq!(r.documents[1].lang.as_deref(), Some("ur"));
        assert_eq!(r.conflicts.len(), 1, "{:?}", r.conflicts);
        let html = render(&r);
        let quotes = tags(&html, "blockquote");
        assert_eq!(quotes.len(), 2, "{html}");
        assert!(quotes.iter().all(|t| t.contains("dir=\"auto\"")), "{quotes:?}");
        assert!(quotes.iter().any(|t| t.contains("lang=\"ur\"")), "{quotes:?}");
        assert!(quotes.iter().any(|t| t.contains("lang=\"en\"")), "{quotes:?}");
        // The Urdu claim is marked inside its RTL-capable quote.
        let urdu_claim = "42 \u{062F}\u{0641}\u{0639}\u{0627}\u{062A}";
        let at = html.find(&format!("<mark>{urdu_claim}</mark>")).ok_or("no marked Urdu claim")?;
        let open = html[..at].rfind("<blockquote").ok_or("no blockquote")?;
        assert!(html[open..at].contains("dir=\"auto\" lang=\"ur\""), "{}", &html[open..at]);
        // Paths and values are isolated left to right.
        assert!(html.contains("<bdi class=\"path\" dir=\"ltr\">b.txt</bdi>"), "{html}");
        assert!(html.contains("<bdi class=\"v\" dir=\"ltr\">42</bdi>"), "{html}");
        Ok(())
    }

    #[test]
    fn one_section_per_conflict() -> crate::TestResult {
        let r = report(&[
            ("a.txt", "The convention has 42 articles. The convention has 12 chapters."),
            ("b.txt", "The convention has 43 articles. The convention has 13 chapters."),
        ])?;
        let html = render(&r);
        let sections = tags(&html, "section").into_iter().filter(|t| t.contains("class=\"conflict")).count();
        assert_eq!(sections, r.conflicts.len(), "{html}");
        assert!(!r.conflicts.is_empty());
        for (k, c) in r.conflicts.iter().enumerate() {
            assert!(html.contains(&format!("id=\"conflict-{}\"", k + 1)));
            assert!(html.contains(&format!("<h2 dir=\"auto\">{}</h2>", escape(&c.message))));
        }
        assert!(html.contains("<code>CC101</code><span class=\"rule\">value-mismatch</span>"), "{html}");
        let none = render(&report(&[("a.txt", "The convention has 42 articles.")])?);
        assert_eq!(tags(&none, "section").len(), 1, "only the summary: {none}");
        assert!(none.contains("No conflicts"));
        Ok(())
    }

    #[test]
    fn summary_counts_documents_and_claims() -> crate::TestResult {
        let r = pair()?;
        let html = render(&r);
        assert!(html.starts_with("<!DOCTYPE html>\n"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("1 error</span>"), "{html}");
        assert!(html.contains("0 warnings</span>"), "{html}");
        assert!(html.contains("0 infos</span>"), "{html}");
        assert!(html.contains(" in 2 documents (2 claims)."), "{html}");
        assert!(html.contains("<td><code>en</code></td>"), "{html}");
        // Nothing external, nothing dynamic.
        for needle in ["<script", "<link", "http://", "https://", "src=", "@import", "url("] {
            assert!(!html.contains(needle), "{needle}");
        }
        assert_eq!(html, render(&r), "deterministic");
        Ok(())
    }

    #[test]
    fn many_claims_show_five_per_value() -> crate::TestResult {
        let many: String = (0..8).map(|_| "The convention has 42 articles.\n").collect();
        let r = report(&[("a.txt", &many), ("b.txt", "The convention has 43 articles.")])?;
        assert_eq!(r.conflicts.len(), 1);
        let html = render(&r);
        assert_eq!(html.matches("<li class=\"claim\">").count(), PER_VALUE + 1, "{html}");
        assert!(html.contains("and 3 more claims with this value"), "{html}");
        Ok(())
    }

    #[test]
    fn wrapped_lines_of_a_paragraph_are_quoted_together() -> crate::TestResult {
        let text = "A heading\n\nSigned in the capital, the\nconvention has 42 articles in\nall.\n\nNext paragraph.\n";
        let r = report(&[("a.md", text), ("b.txt", "The convention has 43 articles.")])?;
        let c = r.claims.iter().find(|c| c.doc == 0 && c.text.starts_with("42")).ok_or("no 42 claim")?;
        let q = quote(&r, c);
        assert_eq!(q.before, "Signed in the capital, the convention has ");
        assert_eq!(q.claim, "42 articles");
        assert_eq!(q.after, " in all.");
        Ok(())
    }

    #[test]
    fn long_lines_are_cut_around_the_claim() -> crate::TestResult {
        let filler = "word ".repeat(200);
        let text = format!("{filler}The convention has 42 articles in all. {filler}");
        let r = report(&[("a.txt", &text), ("b.txt", "The convention has 43 articles.")])?;
        let c = r.claims.iter().find(|c| c.doc == 0).ok_or("no claim in a.txt")?;
        let q = quote(&r, c);
        assert!(q.before.starts_with('…') && q.after.ends_with('…'), "{}|{}", q.before, q.after);
        let total = q.before.chars().count() + q.claim.chars().count() + q.after.chars().count();
        assert!((100..=WINDOW + 2).contains(&total), "{total}");
        assert!(q.before.ends_with("convention has "), "{}", q.before);
        assert_eq!(q.claim, "42 articles");
        // Multibyte text around the claim: cut at char boundaries.
        let filler = "na\u{00EF}ve caf\u{00E9} \u{2014} ".repeat(120);
        let text = format!("{filler}The convention has 42 articles in all. {filler}");
        let r = report(&[("a.txt", &text), ("b.txt", "The convention has 43 articles.")])?;
        let c = r.claims.iter().find(|c| c.doc == 0).ok_or("no claim in a.txt")?;
        let q = quote(&r, c);
        assert!(q.before.starts_with('\u{2026}') && q.after.ends_with('\u{2026}'), "{}|{}", q.before, q.after);
        assert_eq!(q.claim, "42 articles");
        Ok(())
    }
}
