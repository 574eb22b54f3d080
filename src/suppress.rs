//! Inline suppressions: a line holding `crosscheck-ignore CODE [CODE…]` (in Markdown or
//! HTML inside a comment, `<!-- crosscheck-ignore CC101 -->`) silences those rules for
//! the claims of the paragraph that follows it. `crosscheck-ignore` alone silences all.

/// A silenced byte range of a document and the rule codes it silences (empty: all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Silence {
    pub start: usize,
    pub end: usize,
    pub codes: Vec<String>,
}

const MARKER: &str = "crosscheck-ignore";

/// Finds the markers of a document's original text.
pub fn silences(text: &str) -> Vec<Silence> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(MARKER).map(|i| from + i) {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let rest = &text[at + MARKER.len()..line_end];
        let rest = rest.split("-->").next().unwrap_or("");
        let codes: Vec<String> = rest
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .map(|w| w.to_ascii_uppercase())
            .collect();
        // The paragraph after the marker's line: up to the next blank line.
        let start = (line_end + 1).min(text.len());
        let mut end = text.len();
        let mut pos = start;
        let mut seen_text = false;
        for line in text[start..].split_inclusive('\n') {
            let blank = line.trim().is_empty();
            if blank && seen_text {
                end = pos;
                break;
            }
            seen_text |= !blank;
            pos += line.len();
        }
        out.push(Silence { start, end, codes });
        from = line_end.max(at + MARKER.len());
    }
    out
}

/// True when a claim starting at `offset` is silenced for rule `code`.
pub fn silenced(silences: &[Silence], offset: usize, code: &str, name: &str) -> bool {
    silences.iter().any(|s| {
        offset >= s.start
            && offset < s.end
            && (s.codes.is_empty()
                || s.codes.iter().any(|c| c.eq_ignore_ascii_case(code) || c.eq_ignore_ascii_case(name)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_silences_the_next_paragraph() -> crate::TestResult {
        let text = "First 40 articles.\n\n<!-- crosscheck-ignore CC101 -->\nThe treaty has 41 articles.\nStill this paragraph.\n\nNot this one.\n";
        let s = silences(text);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].codes, vec!["CC101".to_string()]);
        let para = text.find("The treaty").ok_or("no paragraph")?;
        let later = text.find("Not this").ok_or("no later paragraph")?;
        assert!(silenced(&s, para, "CC101", "value-mismatch"));
        assert!(!silenced(&s, para, "CC102", "other"));
        assert!(!silenced(&s, later, "CC101", "value-mismatch"));
        assert!(!silenced(&s, 0, "CC101", "value-mismatch"));
        Ok(())
    }

    #[test]
    fn bare_marker_silences_every_rule() {
        let s = silences("crosscheck-ignore\n40 articles\n");
        assert!(s[0].codes.is_empty());
        assert!(silenced(&s, 18, "CC999", "x"));
    }
}
