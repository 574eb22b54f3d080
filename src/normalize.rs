//! Normalization: NFC, character folds and digit forms, with a map back to the original bytes.
//!
//! Every later stage works on the normalized text; every span it produces is mapped back
//! through [`OffsetMap`] so that claims point into the file the user gave.
//! Which characters fold to which is data (`rules/normalize.toml`); only the Unicode
//! mechanics live here.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::BTreeMap;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Bits in one word of [`Normalizer`]'s table of untouched characters.
const BITS: usize = u64::BITS as usize;

/// The folds to apply, loaded from `rules/normalize.toml`.
#[derive(Debug, Clone, Default)]
pub struct Normalizer {
    folds: FxHashMap<char, String>,
    remove: FxHashSet<char>,
    digit_zeros: Vec<u32>,
    /// True when some fold or removal applies to an ASCII character (then the fast
    /// path for ASCII is off).
    touches_ascii: bool,
    /// One bit per code point of the Basic Multilingual Plane: set when no fold, removal
    /// or digit form applies, so that runs of such characters are copied as they are.
    plain: Vec<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NormalizeFile {
    #[serde(default)]
    fold: BTreeMap<String, String>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    digit_zeros: Vec<String>,
}

impl Normalizer {
    /// Reads the TOML text of a normalize file. `name` is used in error messages.
    pub fn from_toml(name: &str, text: &str) -> Result<Normalizer, crate::Error> {
        let file: NormalizeFile = toml::from_str(text).map_err(|e| crate::Error::rules(name, text, e))?;
        let mut n = Normalizer::default();
        for (from, to) in file.fold {
            let c = single_char(name, &from)?;
            n.folds.insert(c, to);
        }
        for r in file.remove {
            n.remove.insert(single_char(name, &r)?);
        }
        for z in file.digit_zeros {
            n.digit_zeros.push(single_char(name, &z)? as u32);
        }
        n.touches_ascii = n.folds.keys().chain(n.remove.iter()).any(char::is_ascii);
        n.plain = vec![0; 0x10000 / BITS];
        for cp in 0..0x10000u32 {
            if let Some(c) = char::from_u32(cp)
                && !n.remove.contains(&c)
                && !n.folds.contains_key(&c)
                && n.digit(c).is_none()
            {
                n.plain[cp as usize / BITS] |= 1 << (cp as usize % BITS);
            }
        }
        Ok(n)
    }

    /// The ASCII digit a character stands for, if it is a decimal digit of a known set.
    fn digit(&self, c: char) -> Option<char> {
        let cp = c as u32;
        self.digit_zeros.iter().find(|&&z| cp >= z && cp < z + 10).and_then(|&z| char::from_digit(cp - z, 10))
    }

    /// True when folding leaves the character as it is (known for the BMP only).
    fn is_plain(&self, c: char) -> bool {
        let cp = c as usize;
        self.plain.get(cp / BITS).is_some_and(|w| w & (1 << (cp % BITS)) != 0)
    }

    /// Appends the folded form of one (already composed) character.
    fn fold_into(&self, c: char, out: &mut String) {
        if c.is_ascii() && !self.touches_ascii {
            out.push(c);
            return;
        }
        if self.remove.contains(&c) {
            return;
        }
        if let Some(d) = self.digit(c) {
            out.push(d);
        } else if let Some(to) = self.folds.get(&c) {
            out.push_str(to);
        } else {
            out.push(c);
        }
    }

    /// Normalizes a string that has no offsets to keep (pack words, config values).
    pub fn apply(&self, s: &str) -> String {
        self.normalize(s).text
    }

    /// Normalizes `src`, keeping a map from normalized offsets to original offsets.
    pub fn normalize(&self, src: &str) -> Normalized {
        let mut text = String::with_capacity(src.len());
        let mut map = OffsetMap::default();
        let nfc = is_nfc(src);
        let mut rest = src;
        let mut orig = 0usize;
        while !rest.is_empty() {
            // Characters no fold touches are copied as one run (in NFC text).
            if nfc {
                let plain = rest.char_indices().find(|&(_, c)| !self.is_plain(c)).map_or(rest.len(), |(i, _)| i);
                if plain > 0 {
                    let before = text.len();
                    text.push_str(&rest[..plain]);
                    map.push_same(before, orig, plain);
                    orig += plain;
                    rest = &rest[plain..];
                    continue;
                }
            }
            // A run is one character, or (when the text is not NFC) a starter with the
            // combining marks that follow it: NFC never reaches across a run.
            let run_len = if nfc { char_len(rest) } else { starter_run_len(rest) };
            let run = &rest[..run_len];
            let before = text.len();
            if nfc {
                for c in run.chars() {
                    self.fold_into(c, &mut text);
                }
            } else {
                for c in run.nfc() {
                    self.fold_into(c, &mut text);
                }
            }
            let out = &text[before..];
            if out == run {
                map.push_same(before, orig, run_len);
            } else {
                map.push_replaced(before, orig, out.len(), run_len);
            }
            orig += run_len;
            rest = &rest[run_len..];
        }
        map.finish(text.len(), src.len());
        Normalized { text, map }
    }
}

/// `is_nfc_quick(text)` is `Yes`: the same test (canonical order of the combining marks,
/// and every character allowed in NFC as it is), with each character of the Basic
/// Multilingual Plane looked up in a table built once instead of the Unicode tables.
fn is_nfc(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    if text.len() < 256 {
        // A phrase of a pack: too short for the table to pay.
        return matches!(is_nfc_quick(text.chars()), IsNormalized::Yes);
    }
    /// Per character: its combining class, and `ALLOWED` when NFC allows it as it is.
    const ALLOWED: u16 = 1 << 8;
    let of = |c: char| {
        let yes = matches!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes);
        u16::from(canonical_combining_class(c)) | if yes { ALLOWED } else { 0 }
    };
    static TABLE: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| (0..0x10000u32).map(|cp| char::from_u32(cp).map_or(0, of)).collect());
    let mut last_class = 0;
    for c in text.chars() {
        if c.is_ascii() {
            last_class = 0;
            continue;
        }
        let entry = table.get(c as usize).copied().unwrap_or_else(|| of(c));
        let class = entry & 0xFF;
        if entry & ALLOWED == 0 || (class != 0 && last_class > class) {
            return false;
        }
        last_class = class;
    }
    true
}

fn single_char(name: &str, s: &str) -> Result<char, crate::Error> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(crate::Error::Rules {
            path: name.to_string(),
            message: format!("expected a single character, found {s:?}"),
        }),
    }
}

fn char_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

fn starter_run_len(s: &str) -> usize {
    let mut len = 0;
    for (i, c) in s.char_indices() {
        if i > 0 && canonical_combining_class(c) == 0 {
            break;
        }
        len = i + c.len_utf8();
    }
    len
}

/// A normalized text and the way back to the original bytes.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
}

/// A sparse map from normalized byte offsets to original byte offsets.
///
/// Segments are either identity runs (the same bytes on both sides) or replacements
/// (one original run that became other bytes, possibly none).
#[derive(Debug, Default)]
pub struct OffsetMap {
    segs: Vec<Seg>,
    /// Where the last lookup ended: spans are mostly looked up in text order, so the
    /// next one is searched from here outwards (a hint only; any value is correct).
    hint: std::sync::atomic::AtomicUsize,
}

impl Clone for OffsetMap {
    fn clone(&self) -> Self {
        OffsetMap { segs: self.segs.clone(), hint: std::sync::atomic::AtomicUsize::new(0) }
    }
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    norm: usize,
    orig: usize,
    identity: bool,
}

impl OffsetMap {
    fn push_same(&mut self, norm: usize, orig: usize, _len: usize) {
        if let Some(last) = self.segs.last()
            && last.identity
        {
            return; // the identity run simply continues
        }
        self.segs.push(Seg { norm, orig, identity: true });
    }

    fn push_replaced(&mut self, norm: usize, orig: usize, _norm_len: usize, _orig_len: usize) {
        self.segs.push(Seg { norm, orig, identity: false });
    }

    fn finish(&mut self, norm_len: usize, orig_len: usize) {
        self.segs.push(Seg { norm: norm_len, orig: orig_len, identity: true });
    }

    /// `self.segs.partition_point(|s| s.norm <= n)`, galloping from the last lookup.
    fn partition(&self, n: usize) -> usize {
        use std::sync::atomic::Ordering::Relaxed;
        let segs = &self.segs;
        let len = segs.len();
        let h = self.hint.load(Relaxed).min(len);
        let (lo, hi) = if h < len && segs[h].norm <= n {
            // The answer lies after `h`.
            let (mut lo, mut step) = (h + 1, 1);
            loop {
                let probe = h + step;
                if probe >= len || segs[probe].norm > n {
                    break (lo, probe.min(len));
                }
                lo = probe + 1;
                step *= 2;
            }
        } else {
            // The answer lies at or before `h`.
            let (mut hi, mut step) = (h, 1);
            loop {
                if step > h {
                    break (0, hi);
                }
                let probe = h - step;
                if segs[probe].norm <= n {
                    break (probe + 1, hi);
                }
                hi = probe;
                step *= 2;
            }
        };
        let p = lo + segs[lo..hi].partition_point(|s| s.norm <= n);
        self.hint.store(p, Relaxed);
        p
    }

    fn locate(&self, n: usize) -> (Seg, Option<Seg>) {
        let i = self.partition(n).saturating_sub(1);
        let seg = self.segs.get(i).copied().unwrap_or(Seg { norm: 0, orig: 0, identity: true });
        (seg, self.segs.get(i + 1).copied())
    }

    /// Original offset of a span that starts at normalized offset `n`.
    pub fn start(&self, n: usize) -> usize {
        let (seg, _) = self.locate(n);
        if seg.identity { seg.orig + (n - seg.norm) } else { seg.orig }
    }

    /// Original offset of a span that ends at normalized offset `n`.
    pub fn end(&self, n: usize) -> usize {
        let (seg, next) = self.locate(n);
        if seg.identity {
            seg.orig + (n - seg.norm)
        } else if n == seg.norm {
            seg.orig
        } else {
            next.map_or(seg.orig, |s| s.orig)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm() -> Result<Normalizer, crate::Error> {
        Ok(crate::lang::Rules::embedded()?.normalizer)
    }

    #[test]
    fn the_nfc_table_agrees_with_the_quick_check() {
        // Devanagari with nukta and virama, Thai marks, a combining acute (NFC "maybe"),
        // two marks out of canonical order, a decomposed Hangul syllable, a character NFC
        // replaces (U+212B) and one beyond the Basic Multilingual Plane.
        let samples = [
            "\u{915}\u{93c}\u{94d}\u{937}",
            "\u{e01}\u{e34}\u{e48}\u{e32}",
            "e\u{301}",
            "a\u{323}\u{302}",
            "a\u{302}\u{323}",
            "\u{1100}\u{1161}",
            "\u{212b}",
            "\u{1d11e}\u{300}",
        ];
        for s in samples {
            // Long enough for the table (short texts ask the Unicode tables directly).
            let long = format!("{}{s}", "x".repeat(300));
            assert_eq!(is_nfc(&long), matches!(is_nfc_quick(long.chars()), IsNormalized::Yes), "{s:?}");
        }
        assert!(is_nfc(&"\u{915}\u{94d}".repeat(200)));
        assert!(!is_nfc(&"a\u{302}\u{323}".repeat(200)));
    }

    #[test]
    fn nfc_table_agrees_with_the_quick_check() {
        let texts = [
            "plain ASCII",
            "caf\u{e9} na\u{ef}ve",
            "cafe\u{301}",
            "Vi\u{1ec7}t Nam c\u{f3} 7 \u{111}i\u{1ec1}u",
            "\u{928}\u{93f}\u{930}\u{94d}\u{935}\u{93e}\u{91a}\u{928}",
            "\u{1100}\u{1161}\u{11a8}",
            "\u{d55c}\u{ad6d} \u{4e2d}\u{6587} \u{30ab}\u{3099}",
            "\u{212b} \u{f900} \u{1f600} \u{1d15e}",
            "a\u{323}\u{302} a\u{302}\u{323}",
        ];
        // Long texts go through the cache, short ones straight to the quick check.
        let long = "caf\u{e9} \u{4e2d} ".repeat(40);
        for t in texts {
            for t in [t.to_string(), format!("{long}{t}"), format!("{t}{long}{t}")] {
                assert_eq!(is_nfc(&t), matches!(is_nfc_quick(t.chars()), IsNormalized::Yes), "{t:?}");
            }
        }
        for cp in (0..0x11000u32).step_by(7) {
            let Some(c) = char::from_u32(cp) else { continue };
            for t in [format!("x{c}y"), format!("{long}x{c}y{c}")] {
                assert_eq!(is_nfc(&t), matches!(is_nfc_quick(t.chars()), IsNormalized::Yes), "{cp:x}");
            }
        }
    }

    #[test]
    fn galloping_lookups_agree_with_a_search() {
        let mut map = OffsetMap::default();
        // Identity runs, replacements and empty replacements (removed characters).
        let mut norm = 0;
        for k in 0..500usize {
            match k % 3 {
                0 => map.push_same(norm, norm + k, 3),
                1 => map.push_replaced(norm, norm + k, 2, 4),
                _ => map.push_replaced(norm, norm + k, 0, 1),
            }
            norm += [3, 2, 0][k % 3];
        }
        map.finish(norm, norm + 600);
        let order: Vec<usize> = (0..=norm + 2).chain((0..=norm + 2).rev()).chain((0..norm).step_by(37)).collect();
        for n in order.into_iter().chain([5, 900, 2, 2, 400, 0, 1000]) {
            assert_eq!(map.partition(n), map.segs.partition_point(|s| s.norm <= n), "{n}");
        }
    }

    #[test]
    fn ascii_is_identity() -> crate::TestResult {
        let n = norm()?.normalize("about 40 articles");
        assert_eq!(n.text, "about 40 articles");
        assert_eq!(n.map.start(6), 6);
        assert_eq!(n.map.end(8), 8);
        Ok(())
    }

    #[test]
    fn digit_forms_fold_and_map_back() -> crate::TestResult {
        // U+06F4 U+06F0 (Extended Arabic-Indic 4 and 0), then a space and "x".
        let src = "\u{06F4}\u{06F0} x";
        let n = norm()?.normalize(src);
        assert_eq!(n.text, "40 x");
        assert_eq!(n.map.start(0), 0);
        assert_eq!(n.map.end(2), 4);
        assert_eq!(n.map.start(3), 5);
        assert_eq!(&src[n.map.start(3)..n.map.end(4)], "x");
        Ok(())
    }

    #[test]
    fn decomposed_text_is_composed() -> crate::TestResult {
        let src = "e\u{0301}t\u{00E9}";
        let n = norm()?.normalize(src);
        assert_eq!(n.text, "\u{00E9}t\u{00E9}");
        assert_eq!(n.map.end(2), 3);
        assert_eq!(n.map.start(2), 3);
        assert_eq!(n.map.end(n.text.len()), src.len());
        Ok(())
    }
}
