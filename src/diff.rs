//! Changed lines from a unified diff (`git diff`, `diff -u`): which lines of which files
//! a change added or rewrote, so that a CI gate reports only conflicts it touches.

use std::collections::BTreeMap;

/// Added or rewritten lines per file (new side of the diff), as inclusive 1-based ranges.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ChangedLines {
    files: BTreeMap<String, Vec<(usize, usize)>>,
}

impl ChangedLines {
    /// Reads a unified diff. Paths are the new side's (`+++ b/path`, prefix dropped);
    /// deleted files and binary files have no lines. `Err` names the line that is wrong.
    pub fn parse(diff: &str) -> Result<ChangedLines, String> {
        let mut out = ChangedLines::default();
        let mut file: Option<String> = None;
        let mut line = 0usize;
        // Lines of the current hunk still to come, old side and new side.
        let (mut old_left, mut new_left) = (0usize, 0usize);
        for (n, raw) in diff.lines().enumerate() {
            let l = raw.strip_suffix('\r').unwrap_or(raw);
            if old_left > 0 || new_left > 0 {
                match l.as_bytes().first() {
                    Some(b'+') => {
                        if let Some(f) = &file {
                            out.add(f, line, line);
                        }
                        line += 1;
                        new_left = new_left.saturating_sub(1);
                    }
                    Some(b'-') => old_left = old_left.saturating_sub(1),
                    // "\ No newline at end of file"
                    Some(b'\\') => {}
                    _ => {
                        line += 1;
                        old_left = old_left.saturating_sub(1);
                        new_left = new_left.saturating_sub(1);
                    }
                }
                continue;
            }
            if let Some(rest) = l.strip_prefix("+++ ") {
                // "+++ b/path\t2024-01-01 ..." (diff -u adds a date after a tab).
                let name = rest.split('\t').next().unwrap_or(rest).trim_end();
                file = (name != "/dev/null").then(|| strip_prefix(&unquote(name)));
            } else if let Some(h) = l.strip_prefix("@@ ") {
                let bad = || format!("line {}: malformed hunk header {l:?}", n + 1);
                let (start, old, new) = hunk(h).ok_or_else(bad)?;
                line = start;
                (old_left, new_left) = (old, new);
            }
        }
        Ok(out)
    }

    /// Marks lines `first..=last` of `path` as changed.
    pub fn add(&mut self, path: &str, first: usize, last: usize) {
        let ranges = self.files.entry(path.to_string()).or_default();
        match ranges.last_mut() {
            Some(r) if first <= r.1.saturating_add(1) && first >= r.0 => r.1 = r.1.max(last),
            _ => ranges.push((first, last)),
        }
    }

    /// Marks every line of `path` as changed (a new, untracked file).
    pub fn add_file(&mut self, path: &str) {
        self.add(path, 1, usize::MAX);
    }

    /// The files of the diff, as the diff names them.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether any of the lines `first..=last` of `path` changed.
    pub fn touches(&self, path: &str, first: usize, last: usize) -> bool {
        self.files.get(path).is_some_and(|rs| rs.iter().any(|&(a, b)| a <= last && first <= b))
    }
}

/// "-12,3 +14,5 @@ fn x" → (14, 3, 5): the new side's first line and both sides' lengths.
fn hunk(h: &str) -> Option<(usize, usize, usize)> {
    let mut words = h.split_whitespace();
    let (_, old) = range(words.next()?.strip_prefix('-')?)?;
    let (start, new) = range(words.next()?.strip_prefix('+')?)?;
    Some((start, old, new))
}

/// "14,5" → (14, 5); "14" → (14, 1).
fn range(r: &str) -> Option<(usize, usize)> {
    match r.split_once(',') {
        Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
        None => Some((r.parse().ok()?, 1)),
    }
}

fn strip_prefix(name: &str) -> String {
    name.strip_prefix("b/").unwrap_or(name).to_string()
}

/// Git quotes unusual paths C-style: `"b/caf\303\251.md"`.
fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_string();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(d @ b'0'..=b'7') => {
                let mut v = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&n @ b'0'..=b'7') = it.peek() {
                        v = v * 8 + u32::from(n - b'0');
                        it.next();
                    }
                }
                bytes.push(u8::try_from(v).unwrap_or(b'?'));
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIFF: &str = "diff --git a/news/a.md b/news/a.md
index 1111111..2222222 100644
--- a/news/a.md
+++ b/news/a.md
@@ -3,2 +3,3 @@ title
 kept line
-old figure
+new figure
+another new line
@@ -20 +21 @@
-x
+y
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
--- a/gone.txt
+++ /dev/null
@@ -1 +0,0 @@
-bye
";

    #[test]
    fn added_lines_are_counted_on_the_new_side() -> crate::TestResult {
        let c = ChangedLines::parse(DIFF)?;
        assert_eq!(c.files().collect::<Vec<_>>(), vec!["news/a.md"]);
        assert!(!c.touches("news/a.md", 3, 3), "a context line did not change");
        assert!(c.touches("news/a.md", 4, 4));
        assert!(c.touches("news/a.md", 5, 5));
        assert!(!c.touches("news/a.md", 6, 20));
        assert!(c.touches("news/a.md", 21, 21));
        assert!(!c.touches("gone.txt", 1, 1));
        // An added line that looks like a file header is still a line of the hunk.
        let tricky = "+++ b/t.md\n@@ -1,0 +1,2 @@\n+++ not a header\n+--- nor this\n";
        let c = ChangedLines::parse(tricky)?;
        assert_eq!(c.files().collect::<Vec<_>>(), vec!["t.md"]);
        assert!(c.touches("t.md", 2, 2));
        Ok(())
    }

    #[test]
    fn quoted_paths_and_bad_hunks() -> crate::TestResult {
        let d = "+++ \"b/caf\\303\\251.md\"\n@@ -0,0 +1 @@\n+x\n";
        let c = ChangedLines::parse(d)?;
        assert!(c.touches("café.md", 1, 1));
        let Err(err) = ChangedLines::parse("+++ b/x\n@@ nonsense @@\n") else {
            return Err("a malformed hunk header was accepted".into());
        };
        assert!(err.starts_with("line 2:"), "{err}");
        Ok(())
    }

    #[test]
    fn a_new_file_changes_every_line() {
        let mut c = ChangedLines::default();
        c.add_file("new.md");
        assert!(c.touches("new.md", 9999, 9999));
    }
}
