//! Markup: Markdown and HTML reduced to the text a reader sees, with a map back to the
//! original bytes, and the document's date and language read from front matter or `<meta>`.
//!
//! The reduced text is made of *pieces*, each a run of bytes copied unchanged from the
//! original (`text[a..a+len] == original[b..b+len]`), and of short stretches that are not
//! copied:
//!
//! - separators: `"\n"` between blocks, `"\n\n"` between paragraphs, `" "` where a line
//!   break inside a paragraph, a run of HTML whitespace or a dropped inline element
//!   (inline code, an image) stood;
//! - decoded character references (`&euro;` → `€`, `&#8211;` → `–`), and any other text a
//!   parser reports in a form the original does not hold verbatim, each framed by two
//!   zero-length pieces that pin the original bytes it came from. (A Markdown escape such
//!   as `\*` needs no frame: the parser reports the `*` at its own offset.)
//!
//! [`Reduced::start`] and [`Reduced::end`] map a span of the reduced text back to the
//! original: inside a piece exactly, in a stretch between pieces to the edges of the
//! original bytes between them (so a decoded `€` maps back to its whole `&euro;`).
//!
//! Markdown is parsed with `pulldown-cmark`, HTML tokenized with `html5gum`; neither
//! recurses per nesting level here, and both run in time linear in the input.

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::convert::Infallible;
use std::ops::Range;

/// What kind of markup a file holds, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// `.md`/`.markdown` → Markdown; `.html`/`.htm` → Html; anything else → Text.
    pub fn from_path(path: &str) -> Format {
        let ext = std::path::Path::new(path)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            _ => Format::Text,
        }
    }
}

/// A document reduced to its visible text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reduced {
    /// The visible text; block boundaries become `"\n"`, paragraphs `"\n\n"`.
    pub text: String,
    /// `(start in text, start in original, length)`, sorted and non-overlapping on both
    /// sides: `text[a..a+len] == original[b..b+len]`. Zero-length pieces are anchors that
    /// pin where a decoded character reference came from.
    pub pieces: Vec<(usize, usize, usize)>,
    /// Front matter `date:`, or `<meta name="date" …>` and its kin: the first 10
    /// characters when the value starts with an ISO date, else the value as written.
    pub date: Option<String>,
    /// Front matter `lang:`/`language:`, or `<html lang>`, or
    /// `<meta http-equiv="content-language">`: as written.
    pub lang: Option<String>,
}

/// Reduces `original` to the text a reader sees. Never panics: should a parser fail, the
/// document is read as plain text.
pub fn reduce(format: Format, original: &str) -> Reduced {
    let run = || match format {
        Format::Text => plain(original),
        Format::Markdown => markdown(original),
        Format::Html => html(original),
    };
    std::panic::catch_unwind(run).unwrap_or_else(|_| plain(original))
}

impl Reduced {
    /// Original byte offset of a span starting at text offset `n` (n inside a piece, or at
    /// a piece end). Between pieces: the end of the piece before.
    pub fn start(&self, n: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= n);
        match i.checked_sub(1).and_then(|k| self.pieces.get(k)) {
            Some(&(a, b, len)) if n <= a + len => b + (n - a),
            Some(&(_, b, len)) => b + len,
            None => self.pieces.first().map_or(0, |p| p.1),
        }
    }

    /// Original byte offset of a span ending at text offset `n`. Between pieces: the start
    /// of the piece after.
    pub fn end(&self, n: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 < n);
        match i.checked_sub(1).and_then(|k| self.pieces.get(k)) {
            Some(&(a, b, len)) if n <= a + len => b + (n - a),
            Some(&(_, b, len)) => self.pieces.get(i).map_or(b + len, |p| p.1),
            None => self.pieces.first().map_or(0, |p| p.1),
        }
    }
}

fn plain(original: &str) -> Reduced {
    let pieces = if original.is_empty() { Vec::new() } else { vec![(0, 0, original.len())] };
    Reduced { text: original.to_string(), pieces, date: None, lang: None }
}

/// Length of a leading byte-order mark.
fn bom_len(s: &str) -> usize {
    if s.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 }
}

// ---------------------------------------------------------------------------------------
// The text builder

/// A separator owed before the next visible text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    None,
    Space,
    /// Between the cells of a table row: " | ", so that a row stays one line (its year
    /// scopes its amount) and the cells' figures do not run together.
    Cell,
    Line,
    Para,
}

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

#[derive(Debug)]
struct Builder {
    text: String,
    pieces: Vec<(usize, usize, usize)>,
    pending: Sep,
    /// Original offset below which nothing may be mapped any more (pieces stay sorted).
    floor: usize,
}

impl Builder {
    fn new() -> Builder {
        Builder { text: String::new(), pieces: Vec::new(), pending: Sep::None, floor: 0 }
    }

    fn sep(&mut self, s: Sep) {
        self.pending = self.pending.max(s);
    }

    fn at_line_start(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n') || self.pending >= Sep::Line
    }

    /// Writes the separator owed, if any, before text that starts with whitespace or not.
    fn flush(&mut self, next_is_space: bool) {
        let pending = std::mem::replace(&mut self.pending, Sep::None);
        if self.text.is_empty() {
            return;
        }
        match pending {
            Sep::None => {}
            Sep::Space => {
                if !next_is_space && !self.text.ends_with(char::is_whitespace) {
                    self.text.push(' ');
                }
            }
            Sep::Cell => {
                self.trim_end();
                if !self.text.ends_with('\n') {
                    self.text.push_str(" | ");
                }
            }
            Sep::Line | Sep::Para => {
                self.trim_end();
                if self.text.is_empty() {
                    return;
                }
                let want = if pending == Sep::Para { 2 } else { 1 };
                let have = self.text.bytes().rev().take(2).take_while(|&b| b == b'\n').count();
                for _ in have..want {
                    self.text.push('\n');
                }
            }
        }
    }

    /// Drops spaces and tabs at the end of the text (before a line break).
    fn trim_end(&mut self) {
        let keep = self.text.trim_end_matches([' ', '\t']).len();
        if keep == self.text.len() {
            return;
        }
        self.text.truncate(keep);
        while let Some(last) = self.pieces.last_mut() {
            if last.0 > keep {
                self.pieces.pop();
                continue;
            }
            if last.0 + last.2 > keep {
                last.2 = keep - last.0;
            }
            break;
        }
    }

    fn add_piece(&mut self, a: usize, b: usize, len: usize) {
        match self.pieces.last_mut() {
            Some(last) if last.0 + last.2 == a && last.1 + last.2 == b => last.2 += len,
            _ => self.pieces.push((a, b, len)),
        }
        self.floor = b + len;
    }

    /// Appends `s`, which is `original[orig..orig + s.len()]`.
    fn piece(&mut self, orig: usize, s: &str) {
        let collapse = self.at_line_start() || (self.pending <= Sep::Space && self.text.ends_with([' ', '\t']));
        let (orig, s) = if collapse {
            let t = s.trim_start_matches(is_html_space);
            (orig + (s.len() - t.len()), t)
        } else {
            (orig, s)
        };
        if s.is_empty() || orig < self.floor {
            return;
        }
        self.flush(s.starts_with(char::is_whitespace));
        let a = self.text.len();
        self.text.push_str(s);
        self.add_piece(a, orig, s.len());
    }

    /// Appends `s`, which stands for `original[range]` without being a copy of it.
    fn gap(&mut self, range: Range<usize>, s: &str) {
        if s.is_empty() || range.start < self.floor || range.end < range.start {
            return;
        }
        self.flush(s.starts_with(char::is_whitespace));
        let a = self.text.len();
        self.add_piece(a, range.start, 0);
        self.text.push_str(s);
        let z = self.text.len();
        self.add_piece(z, range.end, 0);
    }

    /// Appends text an event reports for `original[range]`: a piece where the original
    /// holds it verbatim, else a decoded stretch pinned to the range.
    fn event_text(&mut self, original: &str, range: Range<usize>, s: &str) {
        let Some(slice) = original.get(range.clone()) else { return };
        if slice == s {
            self.piece(range.start, s);
        } else if let Some(k) = slice.find(s).filter(|_| !s.is_empty()) {
            self.piece(range.start + k, s);
        } else if !s.is_empty() && s.chars().all(is_html_space) {
            self.sep(Sep::Space);
        } else {
            self.gap(range, s);
        }
    }

    fn finish(mut self) -> (String, Vec<(usize, usize, usize)>) {
        self.trim_end();
        // Anchors left after the end of the text by trimming say nothing.
        let len = self.text.len();
        while self.pieces.last().is_some_and(|p| p.0 > len) {
            self.pieces.pop();
        }
        (self.text, self.pieces)
    }
}

// ---------------------------------------------------------------------------------------
// Front matter and dates

/// A date value: its first 10 characters when it starts with `YYYY-MM-DD`.
fn date_value(v: &str) -> Option<String> {
    let v = unquote(v);
    if v.is_empty() {
        return None;
    }
    let b = v.as_bytes();
    let iso = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    Some(if iso { v[..10].to_string() } else { v.to_string() })
}

fn lang_value(v: &str) -> Option<String> {
    let v = unquote(v);
    (!v.is_empty()).then(|| v.to_string())
}

fn unquote(v: &str) -> &str {
    let v = v.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.trim();
        }
    }
    v
}

/// Front matter at the start of `src` (`---` … `---`/`...` YAML, or `+++` … `+++` TOML):
/// the offset where the body starts, and the date and language it gives.
fn front_matter(src: &str) -> Option<(usize, Option<String>, Option<String>)> {
    let first_end = src.find('\n')?;
    let delim = src[..first_end].trim_end();
    if delim != "---" && delim != "+++" {
        return None;
    }
    // A thematic break that opens a document is not front matter: the first line after
    // the delimiter must be a `key: value` (or TOML `key = value`) line.
    let second = src[first_end + 1..].lines().next().unwrap_or("");
    if second.trim().is_empty() || !second.contains([':', '=']) {
        return None;
    }
    let mut date = None;
    let mut lang = None;
    let mut at = first_end + 1;
    while at < src.len() {
        let line_end = src[at..].find('\n').map_or(src.len(), |i| at + i);
        let line = src[at..line_end].trim_end();
        let next = (line_end + 1).min(src.len());
        if line == delim || (delim == "---" && line == "...") {
            return Some((next, date, lang));
        }
        if !line.starts_with(char::is_whitespace)
            && let Some(k) = line.find([':', '='])
        {
            let key = line[..k].trim().to_ascii_lowercase();
            let mut value = line[k + 1..].trim();
            if !value.starts_with(['"', '\''])
                && let Some(c) = value.find(" #")
            {
                value = &value[..c];
            }
            match key.as_str() {
                "date" if date.is_none() => date = date_value(value),
                "lang" | "language" if lang.is_none() => lang = lang_value(value),
                _ => {}
            }
        }
        at = next;
    }
    None
}

// ---------------------------------------------------------------------------------------
// Markdown

fn markdown(original: &str) -> Reduced {
    let mut base = bom_len(original);
    let mut date = None;
    let mut lang = None;
    if let Some((body, d, l)) = original.get(base..).and_then(front_matter) {
        base += body;
        date = d;
        lang = l;
    }
    let body = original.get(base..).unwrap_or("");
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_TASKLISTS);
    let mut b = Builder::new();
    // Depth inside code blocks, images and autolinks, whose text is dropped.
    let mut skip = 0usize;
    // For each open link: whether its text is a URL (an autolink) and is dropped.
    let mut links: Vec<bool> = Vec::new();
    for (event, r) in Parser::new_ext(body, opts).into_offset_iter() {
        let range = r.start + base..r.end + base;
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) => {
                    skip += 1;
                    b.sep(Sep::Para);
                }
                Tag::Image { .. } => {
                    skip += 1;
                    b.sep(Sep::Space);
                }
                Tag::Link { link_type, .. } => {
                    let url = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    links.push(url);
                    if url {
                        skip += 1;
                        b.sep(Sep::Space);
                    }
                }
                Tag::Item | Tag::TableHead | Tag::TableRow => b.sep(Sep::Line),
                Tag::TableCell => b.sep(Sep::Cell),
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {}
                _ => b.sep(Sep::Para),
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock => {
                    skip = skip.saturating_sub(1);
                    b.sep(Sep::Para);
                }
                TagEnd::Image => {
                    skip = skip.saturating_sub(1);
                    b.sep(Sep::Space);
                }
                TagEnd::Link => {
                    if links.pop() == Some(true) {
                        skip = skip.saturating_sub(1);
                        b.sep(Sep::Space);
                    }
                }
                TagEnd::Item | TagEnd::TableHead | TagEnd::TableRow => b.sep(Sep::Line),
                TagEnd::TableCell => b.sep(Sep::Cell),
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript => {
                }
                _ => b.sep(Sep::Para),
            },
            Event::Text(t) => {
                if skip == 0 {
                    b.event_text(original, range, &t);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::FootnoteReference(_) => b.sep(Sep::Space),
            Event::DisplayMath(_) | Event::Html(_) | Event::Rule => b.sep(Sep::Para),
            Event::InlineHtml(h) => {
                let h = h.trim_start_matches('<').trim_start();
                let br = h.get(..2).is_some_and(|t| t.eq_ignore_ascii_case("br"))
                    && !h[2..].starts_with(|c: char| c.is_ascii_alphanumeric());
                if br {
                    b.sep(Sep::Line);
                }
            }
            Event::SoftBreak => b.sep(Sep::Space),
            Event::HardBreak => b.sep(Sep::Line),
            Event::TaskListMarker(_) => {}
        }
    }
    let (text, pieces) = b.finish();
    Reduced { text, pieces, date, lang }
}

// ---------------------------------------------------------------------------------------
// HTML

/// Elements whose content is not shown as prose: index into `HtmlState::hidden`.
const HIDDEN: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"title",
    b"iframe",
    b"noembed",
    b"noframes",
    b"textarea",
    b"svg",
    b"math",
    b"pre",
    b"code",
    b"kbd",
    b"samp",
    b"xmp",
    b"del",
    b"s",
    b"strike",
    b"object",
];

/// Start tags that may stand in `<head>` without ending it.
const HEAD_OK: &[&[u8]] = &[
    b"base",
    b"basefont",
    b"bgsound",
    b"link",
    b"meta",
    b"title",
    b"style",
    b"script",
    b"noscript",
    b"template",
    b"head",
    b"html",
];

/// `<meta name|property|itemprop>` values that give the publication date.
const DATE_META: &[&str] = &[
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
];

/// The separator an element's start or end tag puts in the text.
fn tag_sep(name: &[u8]) -> Sep {
    match name {
        b"p" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"blockquote" | b"hr" | b"pre" | b"section"
        | b"article" | b"header" | b"footer" | b"aside" | b"main" | b"nav" | b"figure" | b"table" | b"ul" | b"ol"
        | b"dl" | b"address" | b"details" | b"form" | b"fieldset" | b"hgroup" | b"menu" => Sep::Para,
        b"td" | b"th" => Sep::Cell,
        b"div" | b"li" | b"dt" | b"dd" | b"br" | b"tr" | b"caption" | b"figcaption" | b"summary" | b"option"
        | b"optgroup" | b"legend" | b"thead" | b"tbody" | b"tfoot" | b"body" | b"html" | b"center" | b"dialog"
        | b"search" | b"dir" | b"frameset" | b"frame" | b"head" => Sep::Line,
        b"img" | b"input" | b"button" | b"select" | b"video" | b"audio" | b"canvas" | b"embed" | b"picture"
        | b"sup" | b"sub" | b"code" | b"kbd" | b"samp" | b"del" | b"s" | b"strike" | b"object" | b"svg" | b"math"
        | b"iframe" | b"textarea" | b"noscript" | b"template" => Sep::Space,
        _ => Sep::None,
    }
}

/// The attributes read from `<html>` and `<meta>`, first occurrence of each.
#[derive(Debug, Default)]
struct Attrs {
    /// lang, name, property, itemprop, http-equiv, content
    values: [Option<String>; 6],
    /// Which of `values` the current attribute fills.
    slot: Option<usize>,
}

impl Attrs {
    const LANG: usize = 0;
    const NAME: usize = 1;
    const PROPERTY: usize = 2;
    const ITEMPROP: usize = 3;
    const HTTP_EQUIV: usize = 4;
    const CONTENT: usize = 5;

    fn get(&self, k: usize) -> Option<&str> {
        self.values.get(k).and_then(|v| v.as_deref())
    }
}

struct HtmlState<'a> {
    original: &'a str,
    base: usize,
    b: Builder,
    date: Option<String>,
    lang: Option<String>,
    meta_lang: Option<String>,
    hidden: [u32; HIDDEN.len()],
    in_head: bool,
    seen_body: bool,
    tag: Vec<u8>,
    attrs: Attrs,
}

impl HtmlState<'_> {
    fn event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag.clear();
                self.tag.extend_from_slice(name);
                self.attrs = Attrs::default();
            }
            CallbackEvent::AttributeName { name } => {
                self.attrs.slot = None;
                if self.tag == b"html" || self.tag == b"meta" {
                    let k = match name {
                        b"lang" | b"xml:lang" => Some(Attrs::LANG),
                        b"name" => Some(Attrs::NAME),
                        b"property" => Some(Attrs::PROPERTY),
                        b"itemprop" => Some(Attrs::ITEMPROP),
                        b"http-equiv" => Some(Attrs::HTTP_EQUIV),
                        b"content" => Some(Attrs::CONTENT),
                        _ => None,
                    };
                    self.attrs.slot = k.filter(|&k| self.attrs.get(k).is_none());
                    if let Some(v) = self.attrs.slot.and_then(|k| self.attrs.values.get_mut(k)) {
                        *v = Some(String::new());
                    }
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(Some(v)) = self.attrs.slot.and_then(|k| self.attrs.values.get_mut(k)) {
                    v.push_str(&String::from_utf8_lossy(value));
                }
            }
            CallbackEvent::CloseStartTag { .. } => {
                let tag = std::mem::take(&mut self.tag);
                self.start_tag(&tag);
                self.tag = tag;
            }
            CallbackEvent::EndTag { name } => self.end_tag(name),
            CallbackEvent::String { .. } => self.text(span),
            CallbackEvent::Comment { .. } | CallbackEvent::Doctype { .. } | CallbackEvent::Error(_) => {}
        }
    }

    fn start_tag(&mut self, name: &[u8]) {
        if self.in_head && !HEAD_OK.contains(&name) {
            self.in_head = false;
        }
        match name {
            b"html" if self.lang.is_none() => self.lang = self.attrs.get(Attrs::LANG).and_then(lang_value),
            b"head" => self.in_head = !self.seen_body,
            b"body" => {
                self.in_head = false;
                self.seen_body = true;
            }
            b"meta" => self.meta(),
            _ => {}
        }
        if let Some(k) = HIDDEN.iter().position(|h| *h == name)
            && let Some(n) = self.hidden.get_mut(k)
        {
            *n = n.saturating_add(1);
        }
        self.b.sep(tag_sep(name));
    }

    fn end_tag(&mut self, name: &[u8]) {
        if name == b"head" {
            self.in_head = false;
        }
        if let Some(k) = HIDDEN.iter().position(|h| *h == name)
            && let Some(n) = self.hidden.get_mut(k)
        {
            *n = n.saturating_sub(1);
        }
        self.b.sep(tag_sep(name));
    }

    fn meta(&mut self) {
        let content = self.attrs.get(Attrs::CONTENT);
        let key = [Attrs::NAME, Attrs::PROPERTY, Attrs::ITEMPROP]
            .iter()
            .filter_map(|&k| self.attrs.get(k))
            .map(|v| v.trim().to_ascii_lowercase())
            .collect::<Vec<_>>();
        if self.date.is_none() && key.iter().any(|k| DATE_META.contains(&k.as_str())) {
            self.date = content.and_then(date_value);
        }
        let http_lang =
            self.attrs.get(Attrs::HTTP_EQUIV).is_some_and(|v| v.trim().eq_ignore_ascii_case("content-language"));
        let named_lang = key.iter().any(|k| matches!(k.as_str(), "language" | "lang" | "dc.language"));
        if self.meta_lang.is_none() && (http_lang || named_lang) {
            self.meta_lang = content.and_then(lang_value);
        }
    }

    fn text(&mut self, span: Span<usize>) {
        if self.hidden.iter().any(|&n| n > 0) {
            return;
        }
        let start = self.base + span.start;
        let end = self.base + span.end;
        let Some(raw) = self.original.get(start..end) else { return };
        if self.in_head {
            if raw.chars().all(is_html_space) {
                return;
            }
            self.in_head = false;
        }
        html_text(&mut self.b, start, raw);
    }
}

/// Appends the text of an HTML character run `raw`, found at `start` in the original:
/// whitespace runs collapse to one space, character references are decoded, NULs dropped.
fn html_text(b: &mut Builder, start: usize, raw: &str) {
    let bytes = raw.as_bytes();
    let mut seg = 0;
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        match c {
            b'&' => match entity(&raw[i..]) {
                Some((len, decoded)) => {
                    b.piece(start + seg, &raw[seg..i]);
                    if decoded.chars().all(is_html_space) {
                        b.sep(Sep::Space);
                    } else if !decoded.chars().all(char::is_control) {
                        b.gap(start + i..start + i + len, &decoded);
                    }
                    i += len;
                    seg = i;
                }
                None => i += 1,
            },
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' => {
                let run =
                    bytes[i..].iter().take_while(|&&c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')).count();
                if run == 1 && c == b' ' {
                    i += 1;
                    continue;
                }
                b.piece(start + seg, &raw[seg..i]);
                b.sep(Sep::Space);
                i += run;
                seg = i;
            }
            0 => {
                b.piece(start + seg, &raw[seg..i]);
                i += 1;
                seg = i;
            }
            _ => i += 1,
        }
    }
    b.piece(start + seg, &raw[seg..]);
}

/// A character reference at the start of `s` (which starts with `&`): its length in bytes
/// and what it stands for. Named references need their `;`; unknown names are not decoded.
fn entity(s: &str) -> Option<(usize, String)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let from = if hex { 3 } else { 2 };
        let digits = b
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() })
            .count();
        if digits == 0 {
            return None;
        }
        let mut end = from + digits;
        let cp = if digits > 8 {
            u32::MAX
        } else {
            u32::from_str_radix(s.get(from..end)?, if hex { 16 } else { 10 }).unwrap_or(u32::MAX)
        };
        if b.get(end) == Some(&b';') {
            end += 1;
        }
        return Some((end, numeric_char(cp).to_string()));
    }
    let n = b.iter().skip(1).take(33).take_while(|c| c.is_ascii_alphanumeric()).count();
    if n == 0 || n > 32 || b.get(1 + n) != Some(&b';') {
        return None;
    }
    named_entity(s.get(1..1 + n)?).map(|v| (n + 2, v.to_string()))
}

/// The character a numeric reference stands for, as browsers read it.
fn numeric_char(cp: u32) -> char {
    const C1: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match cp {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1.get((cp - 0x80) as usize).copied().unwrap_or('\u{FFFD}'),
        _ => char::from_u32(cp).unwrap_or('\u{FFFD}'),
    }
}

/// Names of U+00A0..=U+00FF, in order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not", "shy",
    "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1", "ordm",
    "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig",
    "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
    "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN",
    "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc",
    "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml",
    "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
];

/// Other named references common in news text.
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("quot", "\""),
    ("lt", "<"),
    ("gt", ">"),
    ("apos", "'"),
    ("ndash", "\u{2013}"),
    ("mdash", "\u{2014}"),
    ("minus", "\u{2212}"),
    ("hellip", "\u{2026}"),
    ("lsquo", "\u{2018}"),
    ("rsquo", "\u{2019}"),
    ("sbquo", "\u{201A}"),
    ("ldquo", "\u{201C}"),
    ("rdquo", "\u{201D}"),
    ("bdquo", "\u{201E}"),
    ("lsaquo", "\u{2039}"),
    ("rsaquo", "\u{203A}"),
    ("euro", "\u{20AC}"),
    ("permil", "‰"),
    ("bull", "\u{2022}"),
    ("dagger", "\u{2020}"),
    ("Dagger", "‡"),
    ("prime", "\u{2032}"),
    ("Prime", "\u{2033}"),
    ("trade", "\u{2122}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("numsp", "\u{2007}"),
    ("puncsp", "\u{2008}"),
    ("hairsp", "\u{200A}"),
    ("NoBreak", "\u{2060}"),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
    ("lrm", "\u{200E}"),
    ("rlm", "\u{200F}"),
    ("hyphen", "\u{2010}"),
    ("dash", "\u{2010}"),
    ("percnt", "%"),
    ("dollar", "$"),
    ("num", "#"),
    ("comma", ","),
    ("period", "."),
    ("colon", ":"),
    ("semi", ";"),
    ("excl", "!"),
    ("quest", "?"),
    ("lpar", "("),
    ("rpar", ")"),
    ("lsqb", "["),
    ("rsqb", "]"),
    ("plus", "+"),
    ("equals", "="),
    ("sol", "/"),
    ("ast", "*"),
    ("commat", "@"),
    ("le", "\u{2264}"),
    ("ge", "\u{2265}"),
    ("ne", "\u{2260}"),
    ("asymp", "\u{2248}"),
    ("approx", "\u{2248}"),
    ("sim", "\u{223C}"),
    ("infin", "\u{221E}"),
    ("frac13", "\u{2153}"),
    ("frac23", "\u{2154}"),
    ("frac15", "\u{2155}"),
    ("frac18", "\u{215B}"),
    ("OElig", "\u{0152}"),
    ("oelig", "\u{0153}"),
    ("Scaron", "\u{0160}"),
    ("scaron", "\u{0161}"),
    ("Yuml", "\u{0178}"),
    ("fnof", "\u{0192}"),
    ("circ", "\u{02C6}"),
    ("tilde", "\u{02DC}"),
    ("rarr", "\u{2192}"),
    ("larr", "\u{2190}"),
];

fn named_entity(name: &str) -> Option<&'static str> {
    if let Some((_, v)) = NAMED.iter().find(|(n, _)| *n == name) {
        return Some(v);
    }
    let k = LATIN1.iter().position(|n| *n == name)?;
    // U+00A0 + k, as a static string: look it up in one string of all 96 characters.
    const CHARS: &str =
        "\u{A0}¡¢£¤¥¦§¨©ª«¬\u{AD}®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ";
    let (at, c) = CHARS.char_indices().nth(k)?;
    CHARS.get(at..at + c.len_utf8())
}

fn html(original: &str) -> Reduced {
    let base = bom_len(original);
    let src = original.get(base..).unwrap_or("");
    let mut st = HtmlState {
        original,
        base,
        b: Builder::new(),
        date: None,
        lang: None,
        meta_lang: None,
        hidden: [0; HIDDEN.len()],
        in_head: false,
        seen_body: false,
        tag: Vec::new(),
        attrs: Attrs::default(),
    };
    {
        let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
            st.event(event, span);
            None
        });
        // Script, style, title, textarea… are read as raw text up to their end tag.
        emitter.naively_switch_states(true);
        if let Err(never) = Tokenizer::new_with_emitter(src, emitter).finish() {
            match never {}
        }
    }
    let (text, pieces) = st.b.finish();
    Reduced { text, pieces, date: st.date, lang: st.lang.or(st.meta_lang) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every piece copies the original; pieces are sorted; start/end stay on char
    /// boundaries, in bounds and in order.
    fn check(original: &str, r: &Reduced) {
        let mut prev_a = 0;
        let mut prev_b = 0;
        for &(a, b, len) in &r.pieces {
            let t = r.text.get(a..a + len);
            let o = original.get(b..b + len);
            assert!(
                t.is_some() && t == o,
                "piece {:?} breaks the invariant in {original:?} → {:?}",
                (a, b, len),
                r.text
            );
            assert!(a >= prev_a && b >= prev_b, "pieces out of order in {original:?}: {:?}", r.pieces);
            prev_a = a + len;
            prev_b = b + len;
        }
        let bounds: Vec<usize> = r.text.char_indices().map(|(i, _)| i).chain([r.text.len()]).collect();
        let mut last_start = 0;
        let mut last_end = 0;
        for (k, &n) in bounds.iter().enumerate() {
            let (s, e) = (r.start(n), r.end(n));
            assert!(s <= original.len() && e <= original.len(), "out of bounds at {n} in {original:?}");
            assert!(original.is_char_boundary(s) && original.is_char_boundary(e), "not a boundary at {n}");
            assert!(s >= last_start && e >= last_end, "start/end not monotone at {n} in {original:?}");
            last_start = s;
            last_end = e;
            if let Some(&m) = bounds.get(k + 1) {
                assert!(s <= r.end(m), "char at {n} maps to an inverted span in {original:?}: {:?}", r.pieces);
            }
        }
    }

    /// The original bytes behind the first occurrence of `needle` in the reduced text.
    fn origin<'a>(original: &'a str, r: &Reduced, needle: &str) -> &'a str {
        let a = r.text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {:?}", r.text));
        &original[r.start(a)..r.end(a + needle.len())]
    }

    const MD: &str = "---
title: \"Hanoi 4040 convention\"
date: 2019-10-25T09:00:00+07:00
lang: en # English
---

# 72 countries sign the convention

The convention has **43 articles** grouped in 9 chapters, according to the
[UN release](https://example.org/press/2019/1234567 \"title 99\"). About 100 countries
attended; see <https://example.org/888> for details &amp; background.

```text
articles = 4711
```

    indented 5150 code

Inline `code 31337` too. An escaped \\*star\\* and a price of &euro;3.5 million.

![chart 424242](https://example.org/img/77.png)

> Quote: 65 states signed on 25 October.

- item with 12 delegates
- item with 13 observers

| Country | Signatories |
|---|---|
| Total | 72 |

<div>html block 8080</div>

A footnote[^7] and a reference [link][ref].

[^7]: The text was adopted in 2018.

[ref]: https://example.org/ref/6060
";

    #[test]
    fn markdown_fixture() {
        let r = reduce(Format::Markdown, MD);
        check(MD, &r);
        assert_eq!(r.date.as_deref(), Some("2019-10-25"));
        assert_eq!(r.lang.as_deref(), Some("en"));
        for gone in [
            "4040",
            "4711",
            "5150",
            "31337",
            "1234567",
            "example.org",
            "888",
            "424242",
            "77",
            "8080",
            "6060",
            "99",
            "[^7]",
            "```",
            "**",
            "title:",
        ] {
            assert!(!r.text.contains(gone), "{gone:?} should be gone from {:?}", r.text);
        }
        for kept in [
            "72 countries sign the convention\n\nThe convention",
            "43 articles grouped in 9 chapters, according to the UN release. About 100 countries attended",
            "details & background",
            "*star*",
            "€3.5 million",
            "65 states signed on 25 October",
            "12 delegates\nitem with 13 observers",
            "Country | Signatories\nTotal | 72",
            "adopted in 2018",
            "a reference link",
        ] {
            assert!(r.text.contains(kept), "{kept:?} should be in {:?}", r.text);
        }
        assert!(!r.text.starts_with(char::is_whitespace) && !r.text.ends_with(char::is_whitespace));
        assert_eq!(origin(MD, &r, "43 articles"), "43 articles");
        assert_eq!(origin(MD, &r, "€3.5"), "&euro;3.5");
        assert_eq!(origin(MD, &r, "details & background"), "details &amp; background");
        assert_eq!(origin(MD, &r, "the UN release"), "the\n[UN release");
        assert_eq!(origin(MD, &r, "€"), "&euro;");
    }

    const HTML: &str = "<!DOCTYPE html>
<html lang=\"vi\">
<head>
<meta charset=\"utf-8\">
<title>Title 1111</title>
<meta name=\"date\" content=\"2019-10-25T08:00:00Z\">
<style>p { margin: 2222px; }</style>
<script>var n = 3333; if (n < 4) { document.write('<p>5</p>'); }</script>
<link rel=\"stylesheet\" href=\"/css/4444.css\">
</head>
<body>
<h1>72 countries sign</h1>
<p>The convention has <b>43 articles</b> grouped in 9&nbsp;chapters, says the
   <a href=\"https://example.org/news/2019/5555\">UN release</a> &ndash; about 100 countries attended.</p>
<pre><code>articles = 6666</code></pre>
<p>Inline <code>7777</code> code &amp; an image <img src=\"/img/8888.png\" alt=\"alt 9999\"> here.</p>
<noscript>Enable 1212 scripts</noscript>
<template><p>Hidden 1313</p></template>
<ul><li>12 delegates</li><li>13 observers</li></ul>
<table><tr><td>Total</td><td>72</td></tr></table>
<!-- comment 1414 -->
<p>Cost &euro;3.5 million, &#8220;quoted&#8221; 2010&#8211;2015, AT&T &unknown; 5<b>0</b>.</p>
</body>
</html>
";

    #[test]
    fn html_fixture() {
        let r = reduce(Format::Html, HTML);
        check(HTML, &r);
        assert_eq!(r.date.as_deref(), Some("2019-10-25"));
        assert_eq!(r.lang.as_deref(), Some("vi"));
        for gone in [
            "1111",
            "2222",
            "3333",
            "4444",
            "5555",
            "6666",
            "7777",
            "8888",
            "9999",
            "1212",
            "1313",
            "1414",
            "example.org",
            "<",
            "&nbsp;",
            "&ndash;",
        ] {
            assert!(!r.text.contains(gone), "{gone:?} should be gone from {:?}", r.text);
        }
        for kept in [
            "72 countries sign\n\nThe convention has 43 articles grouped in 9\u{a0}chapters, says the UN release \u{2013} about 100 countries attended.",
            "Inline code & an image here.",
            "12 delegates\n13 observers",
            "Total | 72",
            "Cost €3.5 million, “quoted” 2010–2015, AT&T &unknown; 50.",
        ] {
            assert!(r.text.contains(kept), "{kept:?} should be in {:?}", r.text);
        }
        assert!(!r.text.starts_with(char::is_whitespace) && !r.text.ends_with(char::is_whitespace));
        assert_eq!(origin(HTML, &r, "43 articles"), "43 articles");
        assert_eq!(origin(HTML, &r, "2010–2015"), "2010&#8211;2015");
        assert_eq!(origin(HTML, &r, "–"), "&ndash;");
        assert_eq!(origin(HTML, &r, "9\u{a0}chapters"), "9&nbsp;chapters");
        assert_eq!(origin(HTML, &r, "says the UN"), "says the\n   <a href=\"https://example.org/news/2019/5555\">UN");
    }

    #[test]
    fn html_meta_variants() {
        let src = "<head><meta http-equiv=\"Content-Language\" content=\"ur\">\
                   <meta property=\"article:published_time\" content=\"2018-12-24\"></head><p>x 5</p>";
        let r = reduce(Format::Html, src);
        check(src, &r);
        assert_eq!(r.lang.as_deref(), Some("ur"));
        assert_eq!(r.date.as_deref(), Some("2018-12-24"));
        assert_eq!(r.text, "x 5");
        // Text in <head> outside its elements ends the head, as in a browser.
        let src = "<html><head><title>T</title>Visible 7<meta name=dc.date content='24 December 2018'>";
        let r = reduce(Format::Html, src);
        assert_eq!(r.text, "Visible 7");
        assert_eq!(r.date.as_deref(), Some("24 December 2018"));
    }

    #[test]
    fn front_matter_variants() {
        let src = "\u{FEFF}+++\ndate = \"2023-01-02\"\nlanguage = \"vi\"\n+++\nText 5.\n";
        let r = reduce(Format::Markdown, src);
        check(src, &r);
        assert_eq!(
            (r.date.as_deref(), r.lang.as_deref(), r.text.as_str()),
            (Some("2023-01-02"), Some("vi"), "Text 5.")
        );
        // No closing delimiter, or a thematic break: not front matter.
        for src in ["---\ndate: 2023\nText 5.\n", "---\n\nText 5.\n\n---\ndate: 2023\n\n---\n"] {
            let r = reduce(Format::Markdown, src);
            check(src, &r);
            assert_eq!(r.date, None);
            assert!(r.text.contains("Text 5."), "{:?}", r.text);
        }
        let src = "Line one<br>two 5<bro>x\n";
        assert_eq!(reduce(Format::Markdown, src).text, "Line one\ntwo 5x");
    }

    #[test]
    fn formats_from_paths() {
        assert_eq!(Format::from_path("a/b.MD"), Format::Markdown);
        assert_eq!(Format::from_path("x.markdown"), Format::Markdown);
        assert_eq!(Format::from_path("x.htm"), Format::Html);
        assert_eq!(Format::from_path("x.html"), Format::Html);
        assert_eq!(Format::from_path("x.txt"), Format::Text);
        assert_eq!(Format::from_path("md"), Format::Text);
        let r = reduce(Format::Text, "a 5 <b>");
        assert_eq!((r.text.as_str(), r.pieces.as_slice()), ("a 5 <b>", &[(0, 0, 7)][..]));
        assert_eq!(reduce(Format::Text, ""), Reduced::default());
    }

    #[test]
    fn crlf_and_escapes_keep_offsets() {
        let src = "A line\r\nnext 5\\_000 \\&amp; x\r\n\r\n> quoted 7\r\n";
        let r = reduce(Format::Markdown, src);
        check(src, &r);
        assert!(r.text.contains("A line next 5_000 &amp; x\n\nquoted 7"), "{:?}", r.text);
        let src = "<p>A line\r\nnext &#x35;&#48;\0 x</p>\r<p>&#x96; &#99999999999; &#0;";
        let r = reduce(Format::Html, src);
        check(src, &r);
        assert_eq!(r.text, "A line next 50 x\n\n\u{2013} \u{FFFD} \u{FFFD}");
    }

    /// A tiny deterministic generator (no dependency needed).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((self.0 >> 33) as usize) % n
        }
    }

    #[test]
    fn random_inputs_never_panic_and_keep_offsets() {
        const PARTS: &[&str] = &[
            "*",
            "_",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "#",
            "\\",
            "`",
            "-",
            "&",
            ";",
            " ",
            "\n",
            "\r\n",
            "\t",
            "5",
            "12,5",
            "text",
            "số",
            "\u{62f}\u{641}\u{639}\u{627}\u{62a}",
            "é",
            "e\u{301}",
            "amp",
            "#8211",
            "nbsp",
            "&amp;",
            "&#x4E;",
            "&euro;",
            "<p>",
            "</p>",
            "<b>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<a href=\"http://x/1\">",
            "</a>",
            "---\n",
            "date: 2018-01-02\n",
            "lang: en\n",
            "```",
            "    ",
            "> ",
            "- ",
            "1. ",
            "|",
            "[^1]",
            "]: ",
            "![",
            "](",
            "<http://a.b/7>",
            "\0",
            "\u{FEFF}",
            "<meta name=date content=",
            "<html lang=",
            "\"",
            "'",
            "=",
            "<head>",
            "<title>",
            "<template>",
            "</",
            "/>",
            "<![CDATA[",
            "<br>",
            "~",
            "$",
        ];
        let mut rng = Lcg(0x5eed);
        for _ in 0..400 {
            let n = 1 + rng.next(40);
            let s: String = (0..n).map(|_| PARTS[rng.next(PARTS.len())]).collect();
            for format in [Format::Markdown, Format::Html, Format::Text] {
                let r = match format {
                    Format::Markdown => markdown(&s),
                    Format::Html => html(&s),
                    Format::Text => plain(&s),
                };
                check(&s, &r);
            }
        }
    }

    #[test]
    fn deep_nesting_is_fine() {
        let t = std::time::Instant::now();
        let cases = [
            (Format::Markdown, format!("{} 5 articles\n", ">".repeat(50_000))),
            (Format::Markdown, format!("{}5 articles\n", "- ".repeat(50_000))),
            (Format::Markdown, format!("{}5 articles\n", "> 1. ".repeat(25_000))),
            (Format::Markdown, format!("{}5 articles{}", "*".repeat(50_000), "*".repeat(50_000))),
            (Format::Markdown, format!("{}5 articles\n", "[".repeat(50_000))),
            (Format::Html, format!("{}5 articles{}", "<div><b>".repeat(50_000), "</b></div>".repeat(50_000))),
            (Format::Html, format!("{}5 articles", "<template>".repeat(50_000))),
            (Format::Html, format!("{}5 articles", "<ul><li>".repeat(50_000))),
        ];
        for (format, src) in &cases {
            let r = reduce(*format, src);
            if !src.starts_with("<template>") {
                assert!(r.text.contains("5 articles"), "{format:?}: {:?}", &r.text[..r.text.len().min(200)]);
                assert_eq!(origin(src, &r, "5 articles"), "5 articles");
            }
        }
        assert!(t.elapsed().as_secs() < 30, "deep nesting took {:?}", t.elapsed());
    }

    #[test]
    fn huge_minified_html_is_linear() {
        let unit = "<div class=\"c\"><span>Item 5 costs &euro;3</span> <a href=\"/x/123\">more</a>\
                    <script>var a=[1,2,3];</script><p>and&nbsp;6&#8211;7</p></div>";
        let src = unit.repeat(20 * 1024 * 1024 / unit.len());
        let t = std::time::Instant::now();
        let r = reduce(Format::Html, &src);
        let took = t.elapsed();
        assert!(!r.text.contains("/x/123") && !r.text.contains("var a"));
        assert!(
            r.text.starts_with("Item 5 costs €3 more\n\nand\u{a0}6–7\n\nItem 5"),
            "{:?}",
            &r.text.chars().take(59).collect::<String>()
        );
        assert_eq!(r.text.matches("Item 5").count(), src.len() / unit.len());
        let last = r.text.rfind("6–7").unwrap_or(0);
        assert_eq!(origin_at(&src, &r, last, "6–7".len()), "6&#8211;7");
        assert!(took.as_secs() < 59, "20 MB took {took:?}");
    }

    fn origin_at<'a>(original: &'a str, r: &Reduced, a: usize, len: usize) -> &'a str {
        &original[r.start(a)..r.end(a + len)]
    }
}
