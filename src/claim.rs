//! Claims: what the text states, where, and what it is about.

use crate::value::{Qualifier, Value};
use std::sync::Arc;

/// Where a claim's subject came from; the further away, the less sure the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SubjectSource {
    /// Named in the claim's own sentence.
    Explicit,
    /// The sentence says "this document"; the subject was named just before.
    Anaphora,
    /// Named in the sentence, but the sentence states several figures of the claim's
    /// measure (shares of one budget): which figure the subject belongs to is a guess.
    Shared,
    /// The sentence names nothing; the subject was named just before.
    Context,
    None,
}

impl SubjectSource {
    /// How sure a subject found this way is, in percent.
    pub fn confidence(self) -> u8 {
        match self {
            SubjectSource::Explicit => 100,
            SubjectSource::Anaphora => 85,
            SubjectSource::Shared => 55,
            SubjectSource::Context => 82,
            SubjectSource::None => 40,
        }
    }
}

/// A claim's id, stable within one report: `c1`, `c2`, ... in document order. Held as
/// its number (no string per claim) and written as `c` and the number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimId(pub u32);

impl ClaimId {
    /// The id of the claim at `index` (0-based) of a report.
    pub fn of_index(index: usize) -> ClaimId {
        ClaimId(u32::try_from(index + 1).unwrap_or(u32::MAX))
    }

    /// Appends the id's text (`c` and its number).
    pub fn write(self, out: &mut Vec<u8>) {
        out.push(b'c');
        crate::value::write_digits(u128::from(self.0), out);
    }
}

impl std::fmt::Display for ClaimId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "c{}", self.0)
    }
}

impl serde::Serialize for ClaimId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A claim's text as the file gives it: a slice of the document's text, shared with
/// the document (no copy per claim).
#[derive(Clone)]
pub struct ClaimText {
    doc: Arc<str>,
    start: usize,
    end: usize,
}

impl ClaimText {
    /// Bytes `start..end` of `doc` (empty when they are not a slice of it).
    pub fn new(doc: &Arc<str>, start: usize, end: usize) -> ClaimText {
        ClaimText { doc: doc.clone(), start, end }
    }

    pub fn as_str(&self) -> &str {
        self.doc.get(self.start..self.end).unwrap_or_default()
    }
}

impl From<String> for ClaimText {
    fn from(s: String) -> ClaimText {
        let end = s.len();
        ClaimText { doc: s.into(), start: 0, end }
    }
}

impl std::ops::Deref for ClaimText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for ClaimText {
    fn eq(&self, other: &ClaimText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ClaimText {}

/// Compared as its text, like the `String` it replaces.
macro_rules! text_eq {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for ClaimText {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<ClaimText> for $t {
            fn eq(&self, other: &ClaimText) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}
text_eq!(str, &str, String);

impl std::fmt::Debug for ClaimText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for ClaimText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for ClaimText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct Claim {
    /// Stable within one report: `c1`, `c2`, ... in document order.
    pub id: ClaimId,
    pub doc: usize,
    pub path: Arc<str>,
    /// 1-based line and byte column in the original file.
    pub line: usize,
    pub column: usize,
    /// Byte offsets in the original file.
    pub start: usize,
    pub end: usize,
    pub text: ClaimText,
    pub value: Value,
    pub qualifier: Qualifier,
    pub measure: Option<Arc<str>>,
    pub unit: Option<Arc<str>>,
    pub subject: Option<Arc<str>>,
    pub subject_source: SubjectSource,
    pub predicate: Option<Arc<str>>,
    pub time: Option<Arc<str>>,
    /// Index of the sentence in its document (for messages and later rules).
    pub sentence: usize,
    /// Byte offsets of that sentence in the original file (provenance compares them).
    pub sentence_span: (usize, usize),
    /// A date that serves as the time scope of another claim ("by 2040"): it says when,
    /// not what happened when, and is not compared as an event date.
    pub scope_only: bool,
    /// One sentence states several values for this claim's measure and subject ("212
    /// votes to 148", "14% for health, 8.5% for defence"): the key cannot tell them apart,
    /// so the claim is not compared.
    pub ambiguous: bool,
    /// For a day written without its year ("closed on 16 May"), the year of the full date
    /// just before it ("opened on 14 May 2099"): the date is compared as of that year. The
    /// value stays as the text states it.
    pub year_of: Option<i32>,
}
