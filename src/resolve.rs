//! Resolution: what each claim is about (subject), what was done (predicate) and when
//! (time), read from the words around it. The words are pack data; this stage only
//! decides how far to look: the sub-clause first, then the clause, then the sentence,
//! and for subjects the two sentences before.

use crate::claim::{Claim, SubjectSource};
use crate::extract::Mention;
use crate::lang::{Pack, Sense, kinds};
use crate::lex::Tok;
use crate::value::Value;
use std::sync::Arc;

/// Boundaries and key words of one document, indexed by token.
struct Layout {
    sentence: Vec<usize>,
    /// The first token of each sentence, by sentence index.
    sentence_start: Vec<usize>,
    /// Each sentence's bytes in the normalized text, from its first token to its last.
    sentence_bytes: Vec<(usize, usize)>,
    clause: Vec<usize>,
    sub: Vec<usize>,
    subjects: Vec<(usize, Option<Arc<str>>)>, // None: an anaphor
    predicates: Vec<(usize, Arc<str>)>,
    /// Time phrases ("on the first day"), by token.
    /// Time phrases: first token → (end token, id).
    times: Vec<(usize, (usize, Arc<str>))>,
    /// Conjunctions ("and"), by token.
    conjunctions: Vec<usize>,
    /// Sides of a vote ("against"), by first token, with the token after the phrase.
    sides: Vec<(usize, (usize, Arc<str>))>,
    /// Words joining the two counts of a tally ("to"), by token.
    tallies: Vec<usize>,
    /// The measures of the figures each clause states, by clause.
    owners: rustc_hash::FxHashMap<usize, Vec<Option<Arc<str>>>>,
}

/// The senses a layout reads (every one its matches below name: the others are skipped).
const LAYOUT: crate::lang::Kinds =
    kinds![Subject, Anaphor, Predicate, Side, Time, SentenceEnd, ClauseMark, Conjunction, Tally];

/// `in_mention[i]`: token `i` is part of a claim's text (the dot of "14. März" or of the
/// ordinal "30." ends no sentence).
fn layout(pack: &Pack, toks: &[Tok<'_>], in_mention: &[bool]) -> Layout {
    let n = toks.len();
    let (mut sentence, mut clause, mut sub) = (vec![0; n], vec![0; n], vec![0; n]);
    let (mut s, mut c, mut u) = (0, 0, 0);
    let mut subjects = Vec::new();
    let mut predicates = Vec::new();
    let mut times = Vec::new();
    let mut conjunctions = Vec::new();
    let mut sides = Vec::new();
    let mut tallies = Vec::new();
    let mut sentence_start = Vec::new();
    let mut sentence_bytes: Vec<(usize, usize)> = Vec::new();
    let mut end_sentence_after = false;
    let (mut subject_end, mut predicate_end, mut time_end, mut side_end) = (0, 0, 0, 0);
    for i in 0..n {
        if end_sentence_after || (i > 0 && toks[i].newline_before) {
            s += 1;
            c += 1;
            u += 1;
            end_sentence_after = false;
        }
        let mut boundary_clause = false;
        let mut boundary_sub = false;
        // A key word inside a longer phrase of its kind that began before it is part of
        // that phrase ("budget" in "defence budget"); so is a subject inside a time
        // phrase ("ceremony" in "by the end of the ceremony").
        for (len, sense) in pack.lexicon.at(toks, i, LAYOUT) {
            let end = i + len;
            // Whether token `i` lies inside a phrase of the kind that ends at `kind_end`;
            // the phrase at `i` then reaches as far as `end`.
            let inside = |kind_end: &mut usize| {
                let inside = i < *kind_end;
                *kind_end = (*kind_end).max(end);
                inside
            };
            let skip = match sense {
                Sense::Subject(_) | Sense::Anaphor => inside(&mut subject_end),
                Sense::Predicate(_) => inside(&mut predicate_end),
                Sense::Side(_) => inside(&mut side_end),
                Sense::Time(_) => {
                    subject_end = subject_end.max(end);
                    inside(&mut time_end)
                }
                _ => false,
            };
            if skip {
                continue;
            }
            match sense {
                Sense::SentenceEnd if !in_mention.get(i).copied().unwrap_or(false) && !glued_to_word(toks, i) => {
                    end_sentence_after = true
                }
                Sense::ClauseMark => boundary_clause = true,
                Sense::Conjunction => {
                    boundary_sub = true;
                    conjunctions.push(i);
                }
                Sense::Subject(id) => subjects.push((i, Some(id.clone()))),
                Sense::Anaphor => subjects.push((i, None)),
                Sense::Predicate(id) => predicates.push((i, id.clone())),
                Sense::Side(id) => sides.push((i, (end, id.clone()))),
                Sense::Tally => tallies.push(i),
                Sense::Time(id) => times.push((i, (end, id.clone()))),
                _ => {}
            }
        }
        if boundary_clause {
            c += 1;
            u += 1;
        } else if boundary_sub {
            u += 1;
        }
        if sentence_start.len() == s {
            sentence_start.push(i);
            sentence_bytes.push((toks[i].start, toks[i].end));
        } else if let Some(last) = sentence_bytes.last_mut() {
            last.1 = toks[i].end;
        }
        sentence[i] = s;
        clause[i] = c;
        sub[i] = u;
    }
    subjects.dedup_by_key(|(i, _)| *i);
    predicates.dedup_by_key(|(i, _)| *i);
    times.dedup_by_key(|(i, _)| *i);
    conjunctions.dedup();
    sides.dedup_by_key(|(i, _)| *i);
    tallies.dedup();
    Layout {
        sentence,
        sentence_start,
        sentence_bytes,
        clause,
        sub,
        subjects,
        predicates,
        times,
        conjunctions,
        sides,
        tallies,
        owners: Default::default(),
    }
}

/// Whether the mark at token `i` runs straight into a word or number ("42.º", "U.S."):
/// an abbreviation's point, not the end of a sentence. (Marks of scripts without spaces,
/// such as "。", are never followed by a space and are other tokens.)
fn glued_to_word(toks: &[Tok<'_>], i: usize) -> bool {
    let ascii_point = toks[i].text == ".";
    ascii_point
        && toks.get(i + 1).is_some_and(|t| !t.space_before && t.text.chars().next().is_some_and(char::is_alphanumeric))
}

/// Token distance from a mention, weighted: in SOV languages a predicate after the
/// number is the likelier one.
fn distance(m: &Mention, at: usize, prefer_after: bool) -> usize {
    if at >= m.end {
        let d = at - m.end + 1;
        if prefer_after { d } else { d * 2 }
    } else if at < m.first {
        let d = m.first - at;
        if prefer_after { d * 3 } else { d }
    } else {
        usize::MAX
    }
}

/// How far (in tokens) to look for a claim's key words. Bounding the search keeps the
/// whole stage linear, even on a single line of many megabytes.
const REACH: usize = 400;

/// The items (sorted by token) that lie within `REACH` tokens of the mention.
fn window<'x, T>(items: &'x [(usize, T)], m: &Mention) -> &'x [(usize, T)] {
    let lo = items.partition_point(|(i, _)| *i + REACH < m.first);
    let hi = items.partition_point(|(i, _)| *i < m.end + REACH);
    &items[lo..hi.max(lo)]
}

/// The items of [`window`] that lie in the mention's sentence: the only ones any scope
/// (sub-clause, clause, sentence) can hold, as scopes never cross a sentence.
fn sentence_window<'x, T>(lay: &Layout, items: &'x [(usize, T)], m: &Mention) -> &'x [(usize, T)] {
    let s = lay.sentence[m.first];
    let first = lay.sentence_start.get(s).copied().unwrap_or(0);
    let end = lay.sentence_start.get(s + 1).copied().unwrap_or(lay.sentence.len());
    // `window` and the sentence at once: two searches instead of four.
    let (from, to) = (first.max(m.first.saturating_sub(REACH)), end.min(m.end + REACH));
    let lo = items.partition_point(|(i, _)| *i < from);
    let hi = items.partition_point(|(i, _)| *i < to);
    &items[lo..hi.max(lo)]
}

/// Whether a predicate at token `at` may serve a mention. One of the
/// mention's own clause may (figures joined by "and" share their verb: "110 delegations
/// and 1,000 delegates attended"); so may one of another clause that states no figure, or
/// one of the same measure (the ellipsis of "58 signed on the first day, 63 by the
/// close"). A clause that states figures of another measure keeps its verb: in "teams from
/// 24 countries are at work, while a fund of ten million was pledged" the 24 countries
/// pledged nothing. Clauses end at the pack's clause marks ("while", "whereas", commas
/// in some scripts). (Subjects are topics, and dates and time phrases scopes:
/// they may serve the whole sentence.)
fn borrowable(lay: &Layout, m: &Mention, at: usize) -> bool {
    let clause = lay.clause[at];
    if clause == lay.clause[m.first] {
        return true;
    }
    match lay.owners.get(&clause) {
        None => true,
        Some(measures) => measures.iter().any(|x| x.is_none() || *x == m.measure),
    }
}

/// The nearest item inside the smallest scope (sub-clause, clause, sentence) that has one.
/// `owned`: a predicate, which may also be the mention's own noun ("1,583 dead": the
/// noun of the count says what happened) and then comes first.
fn nearest<'x, T>(
    lay: &Layout,
    m: &Mention,
    items: &'x [(usize, T)],
    prefer_after: bool,
    owned: bool,
) -> Option<&'x T> {
    nearest_by(lay, m, items, prefer_after, owned, |_| false)
}

/// [`nearest`], where an item that is not `weak` comes before any weak one, within a
/// scope and then across scopes: "the number of dead had reached 1,583" died, it did
/// not merely reach.
fn nearest_by<'x, T>(
    lay: &Layout,
    m: &Mention,
    items: &'x [(usize, T)],
    prefer_after: bool,
    owned: bool,
    weak: impl Fn(&T) -> bool,
) -> Option<&'x T> {
    let near = sentence_window(lay, items, m);
    if let Some((_, t)) = near.iter().find(|(i, _)| owned && (m.first..m.end).contains(i)) {
        return Some(t);
    }
    let scopes: [&Vec<usize>; 3] = [&lay.sub, &lay.clause, &lay.sentence];
    // A weak item gives way to a strong one of a wider scope too: in "the dead numbered
    // 1,240 on day two and rose to 1,583 on day five" the second figure died as well.
    let mut fallback = None;
    for scope in scopes {
        let id = scope[m.first];
        let best = near
            .iter()
            .filter(|(i, _)| scope[*i] == id && (*i < m.first || *i >= m.end) && (!owned || borrowable(lay, m, *i)))
            .min_by_key(|(i, t)| (weak(t), distance(m, *i, prefer_after)));
        match best {
            Some((_, t)) if !weak(t) => return Some(t),
            Some((_, t)) => fallback = fallback.or(Some(t)),
            None => {}
        }
    }
    fallback
}

/// The subject of a mention, how it was found, and the token that names it when it is
/// named in the mention's sentence.
fn subject(
    lay: &Layout,
    m: &Mention,
    predicate: Option<&Arc<str>>,
    measures: &crate::lang::Measures,
) -> (Option<Arc<str>>, SubjectSource, Option<usize>) {
    let s = lay.sentence[m.first];
    let event = |id: &Option<Arc<str>>| id.as_deref().is_some_and(|id| measures.is_event(id));
    let window = sentence_window(lay, &lay.subjects, m);
    let instant = |id: &Option<Arc<str>>| id.as_deref().is_some_and(|id| measures.is_instant(id));
    let date = m.measure.as_deref() == Some("date");
    // Within the smallest scope (sub-clause, clause, sentence) that names one: a thing (or
    // a word pointing back to one) before an event, except that a date next to an
    // instant event is that event's date ("after the quake of 8 February, a fund was set
    // up"). A phrase set off by a comma ("according to the budget, 120,000 staff get a
    // rise") does not name what the figure of the next sub-clause counts.
    let scopes: [&Vec<usize>; 3] = [&lay.sub, &lay.clause, &lay.sentence];
    let near = scopes.iter().find_map(|scope| {
        let id = scope[m.first];
        let in_scope =
            || window.iter().filter(|(i, _)| lay.sentence[*i] == s && scope[*i] == id && (*i < m.first || *i >= m.end));
        let nearest_any = in_scope().min_by_key(|(i, _)| distance(m, *i, false));
        nearest_any
            .filter(|(_, id)| date && instant(id))
            .or_else(|| in_scope().filter(|(_, id)| !event(id)).min_by_key(|(i, _)| distance(m, *i, false)))
            .or(nearest_any)
    });
    let source = match near {
        Some((at, Some(id))) => return (Some(id.clone()), SubjectSource::Explicit, Some(*at)),
        Some((_, None)) => SubjectSource::Anaphora,
        None => SubjectSource::Context,
    };
    // Look back over the two sentences before for the last thing named, else the last
    // event; only for an event, when the figure says what an event did ("1240 dead": not
    // the budget of the paragraph before). A word pointing back may point to a thing named
    // earlier in its own sentence ("the treaty was signed and it has 41 articles").
    let before = lay.subjects.partition_point(|(i, _)| *i < m.first);
    let own_sentence = source == SubjectSource::Anaphora;
    let back = || {
        lay.subjects[..before]
            .iter()
            .rev()
            .take(REACH)
            .take_while(|(i, _)| lay.sentence[*i] + 2 >= s)
            .filter(|(i, _)| own_sentence || lay.sentence[*i] < s)
            .filter_map(|(_, id)| id.as_ref())
    };
    let of_event = predicate.is_some_and(|p| measures.is_event_act(p));
    let found = if of_event {
        back().find(|id| measures.is_event(id))
    } else {
        back().find(|id| !measures.is_event(id)).or_else(|| back().next())
    };
    match found {
        Some(id) => (Some(id.clone()), source, None),
        None => (None, SubjectSource::None, None),
    }
}

/// The text of a time scope: `2019`, `2019-05-03`, `2019-05-03..2019-05-04`.
pub fn time_text(v: &Value) -> Option<String> {
    match v {
        Value::Date { low, high } if low == high => Some(low.to_string()),
        Value::Date { low, high } => Some(format!("{low}..{high}")),
        Value::Number { .. } => None,
    }
}

/// Everything a claim needs from its document besides the mention.
pub struct DocView<'d> {
    pub doc: usize,
    pub path: &'d Arc<str>,
    pub original: &'d Arc<str>,
    /// Normalized text → the text that was normalized.
    pub map: &'d crate::normalize::OffsetMap,
    /// That text → the original file, when markup was taken out of it.
    pub markup: Option<&'d crate::markup::Reduced>,
    pub line_starts: &'d [usize],
}

impl DocView<'_> {
    /// Original offset of a span that starts at normalized offset `n`.
    pub fn start(&self, n: usize) -> usize {
        let m = self.map.start(n);
        self.markup.map_or(m, |r| r.start(m))
    }

    /// Original offset of a span that ends at normalized offset `n`.
    pub fn end(&self, n: usize) -> usize {
        let m = self.map.end(n);
        self.markup.map_or(m, |r| r.end(m))
    }
}

/// Whether a date names a day (or days), not only a month or a year.
fn is_day(v: &Value) -> bool {
    matches!(v, Value::Date { low, high } if low.day.is_some() && high.day.is_some())
}

/// Whether a date, by dating figure `m`, stops being a claim of its own. A year, or any
/// date beside a running tally ("by 15 March, 63 countries had signed"), is the time of
/// the figures: two reports that give other days for other tallies do not disagree. A day
/// beside figures that do not grow ("approved on 3 May, with 212 votes for") still
/// says when the act took place. Figures of a property that does not change (a quake's
/// magnitude) take no time at all.
fn scopes_away(date: &Value, m: &Mention, predicate: Option<&Arc<str>>, measures: &crate::lang::Measures) -> bool {
    let Some(id) = m.measure.as_deref() else { return false };
    let info = measures.get(id);
    if info.timeless {
        return false;
    }
    let day = is_day(date);
    let predicate = measures.key_predicate(id, predicate);
    !day || info.grows(predicate.as_deref()) || (predicate.is_none() && !info.grows_when.is_empty())
}

/// The year each day written without one is of: that of a full date or span of days
/// ("14 May 2099", "14–15 May 2099") in the same or the sentence before, with no other
/// dated mention between, and not later in the year (after "28 December 2099", "2
/// January" may be of the next year).
fn years_of(lay: &Layout, mentions: &[Mention]) -> Vec<Option<i32>> {
    let mut out = vec![None; mentions.len()];
    let mut last: Option<(i32, (u8, u8), usize)> = None;
    for (k, m) in mentions.iter().enumerate() {
        let Value::Date { low, high } = &m.value else { continue };
        let s = lay.sentence[m.first];
        match (low.year, low.month, low.day) {
            (Some(y), Some(mo), Some(d)) if high.year == Some(y) => last = Some((y, (mo, d), s)),
            (Some(_), _, _) => last = None,
            (None, Some(mo), Some(d)) if low == high => {
                if let Some((y, at, since)) = last
                    && s <= since + 1
                    && (mo, d) >= at
                {
                    out[k] = Some(y);
                }
            }
            _ => {}
        }
    }
    out
}

/// How many tokens may stand between a date and a time phrase that names its phase:
/// "by the close on 15 May", "the first day of the talks, 3 May".
const PHASE_GAP: usize = 4;
/// Across a sub-clause mark, only this many.
const PHASE_COMMA_GAP: usize = 2;

/// The phase a date is the day of: a time phrase of the pack ("first day", "by the
/// close") right beside date mention `k` in its sub-clause, with no other figure
/// between them ("opened on 3 May and closed on 5 May": the close is the 5th). Only a
/// single day has a phase: "14–15 May" is the span of the event.
fn phase(lay: &Layout, mentions: &[Mention], k: usize) -> Option<Arc<str>> {
    let m = &mentions[k];
    if !matches!(&m.value, Value::Date { low, high } if low == high && low.day.is_some()) {
        return None;
    }
    let s = lay.sentence[m.first];
    let conjunction_between = |a: usize, b: usize| {
        let at = lay.conjunctions.partition_point(|&x| x < a);
        lay.conjunctions.get(at).is_some_and(|&x| x < b)
    };
    // Mentions are in token order.
    let figure_between = |a: usize, b: usize| {
        let at = mentions.partition_point(|x| x.first < a);
        mentions.get(at).is_some_and(|x| x.first < b)
    };
    sentence_window(lay, &lay.times, m)
        .iter()
        .filter(|(i, _)| lay.sentence[*i] == s)
        .filter_map(|(i, (end, t))| {
            let (a, b) = if *i >= m.end {
                (m.end, *i)
            } else if *end <= m.first {
                (*end, m.first)
            } else {
                return None;
            };
            let gap = b - a;
            // A comma may stand between ("at the close, on 5 May"), a conjunction may not.
            let joined = lay.sub[*i] == lay.sub[m.first] || (gap <= PHASE_COMMA_GAP && !conjunction_between(a, b));
            (gap <= PHASE_GAP && joined && !figure_between(a, b)).then_some((gap, t))
        })
        .min_by_key(|(gap, _)| *gap)
        .map(|(_, t)| t.clone())
}

/// Whether, in a sentence that lists figures of a crowded measure ("health takes 14 %,
/// defence 8.5 %, and education grows 12 %"), the subject found for mention `m` is a
/// guess. It is when another of the listed figures stands between the two. A subject
/// right beside its figure, with no rival figure in between, is not, except in scripts
/// written without spaces: there a distance counts characters, and the nearest noun is
/// often not the one the figure is of.
fn crowded_guess(
    lay: &Layout,
    toks: &[Tok<'_>],
    mentions: &[Mention],
    m: &Mention,
    named_at: Option<usize>,
    measures: &crate::lang::Measures,
) -> bool {
    let Some(id) = m.measure.as_deref().filter(|id| measures.get(id).crowded) else { return false };
    let s = lay.sentence[m.first];
    let rival = |x: &Mention| x.measure.as_deref() == Some(id) && lay.sentence[x.first] == s && x.value != m.value;
    // Mentions are in document order; those of the sentence lie near `m`.
    let at = mentions.partition_point(|x| x.first < m.first);
    let before = mentions[..at].iter().rev().take_while(|x| lay.sentence[x.first] == s);
    let after = mentions[at..].iter().take_while(|x| lay.sentence[x.first] == s);
    let (mut before, mut after) = (before.filter(|x| rival(x)), after.filter(|x| rival(x)));
    let Some(named) = named_at else { return before.next().is_some() || after.next().is_some() };
    if !toks.get(named).is_some_and(|t| t.is_spaced_word()) || coordinated_subjects(lay, s) {
        return before.next().is_some() || after.next().is_some();
    }
    if named < m.first { before.any(|x| x.first > named) } else { after.any(|x| x.first < named) }
}

/// Whether sentence `s` joins two subjects by a conjunction ("health and defence take 14 %
/// and 8 %"): figures listed for them pair up by order, not by distance.
fn coordinated_subjects(lay: &Layout, s: usize) -> bool {
    let first = lay.sentence_start.get(s).copied().unwrap_or(0);
    let from = lay.subjects.partition_point(|(i, _)| *i < first);
    let named = lay.subjects[from..].iter().take_while(|(i, _)| lay.sentence[*i] == s);
    named.clone().zip(named.skip(1)).any(|((a, x), (b, y))| {
        x.is_some() && y.is_some() && x != y && b - a <= 3 && {
            let k = lay.conjunctions.partition_point(|c| c <= a);
            lay.conjunctions.get(k).is_some_and(|c| c < b)
        }
    })
}

/// How near (in tokens) a side word must stand to a figure to be its side.
const SIDE_REACH: usize = 3;

/// The side of a vote that mention `k` counts: a side word inside it ("Gegenstimmen") or
/// right beside it in its sub-clause ("212 votes for", "against: 148"). A word between two
/// figures of the sub-clause is the nearer one's, and no one's when it is as near to both
/// ("212 votes to 148", "212 voix contre 148").
fn side<'x>(lay: &'x Layout, mentions: &[Mention], k: usize) -> Option<&'x Arc<str>> {
    let m = &mentions[k];
    let near = window(&lay.sides, m);
    if let Some((_, (_, id))) = near.iter().find(|(i, _)| (m.first..m.end).contains(i)) {
        return Some(id);
    }
    let sub = lay.sub[m.first];
    let figure = |x: &&Mention| !matches!(x.measure.as_deref(), Some("date" | "ordinal"));
    let prev = mentions[..k].iter().rev().find(figure).filter(|x| lay.sub[x.first] == sub);
    let next = mentions[k + 1..].iter().find(figure).filter(|x| lay.sub[x.first] == sub);
    near.iter()
        .filter(|(i, _)| lay.sub[*i] == sub)
        .filter_map(|(i, (end, id))| {
            let (d, rival) = if *i >= m.end {
                // After the mention: it must end before the next figure, and be nearer.
                let rival = next.map(|x| if x.first >= *end { x.first - *end + 1 } else { 0 });
                (*i - m.end + 1, rival)
            } else {
                let rival = prev.map(|x| if *i >= x.end { *i - x.end + 1 } else { 0 });
                (m.first.saturating_sub(*end) + 1, rival)
            };
            (d <= SIDE_REACH && rival.is_none_or(|r| r > d)).then_some((d, id))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, id)| id)
}

/// The side of mention `k` in a tally: a tally word ("to", "contre") right between it
/// and the next figure of its sub-clause makes it the first side of the sentence's sided
/// measure, one right between the previous figure and it the second.
fn tally_side(lay: &Layout, mentions: &[Mention], k: usize, measures: &crate::lang::Measures) -> Option<Arc<str>> {
    if lay.tallies.is_empty() {
        return None;
    }
    let m = &mentions[k];
    let sub = lay.sub[m.first];
    let joins = |a: &Mention, b: &Mention| {
        lay.sub[a.first] == sub && lay.sub[b.first] == sub && b.first >= a.end && b.first - a.end <= SIDE_REACH && {
            let t = lay.tallies.partition_point(|&i| i < a.end);
            lay.tallies.get(t).is_some_and(|&i| i < b.first)
        }
    };
    let sided = |x: &Mention| measures.sided(x.measure.as_deref()).is_some();
    let figure = |x: &Mention| x.measure.is_none() || sided(x);
    let (first, second) = match (mentions.get(k + 1), k.checked_sub(1).map(|j| &mentions[j])) {
        (Some(next), _) if figure(next) && joins(m, next) => (m, next),
        (_, Some(prev)) if figure(prev) && joins(prev, m) => (prev, m),
        _ => return None,
    };
    let id = measures.sided(first.measure.as_deref()).or(measures.sided(second.measure.as_deref()))?;
    let at = usize::from(std::ptr::eq(m, second));
    measures.get(id).tally.get(at).cloned()
}

/// Turns the mentions of one document into claims with their keys.
pub fn claims(
    pack: &Pack,
    toks: &[Tok<'_>],
    mentions: &[Mention],
    view: &DocView<'_>,
    measures: &crate::lang::Measures,
) -> Vec<Claim> {
    let mut in_mention = vec![false; toks.len()];
    for m in mentions {
        for flag in in_mention.iter_mut().take(m.end.min(toks.len())).skip(m.first) {
            *flag = true;
        }
    }
    let mut lay = layout(pack, toks, &in_mention);
    for m in mentions {
        if !matches!(m.measure.as_deref(), Some("ordinal" | "date")) {
            lay.owners.entry(lay.clause[m.first]).or_default().push(m.measure.clone());
        }
    }
    // Dates, by token; each may serve as the time scope of the claims around it.
    let times: Vec<(usize, (Arc<str>, usize))> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| m.measure.as_deref() == Some("date"))
        .filter_map(|(k, m)| time_text(&m.value).map(|t| (m.first, (Arc::from(t), k))))
        .collect();
    // A count of one side of a vote takes its side as predicate; a bare number beside a
    // side word, in a sentence that counts votes, continues that count ("212 votes in
    // favour and 148 against").
    let mut measures_of: Vec<Option<Arc<str>>> = mentions.iter().map(|m| m.measure.clone()).collect();
    let mut sides: Vec<Option<Arc<str>>> = vec![None; mentions.len()];
    // In a sentence that counts votes by side, a count whose side is unknown may be either.
    let mut side_unknown = vec![false; mentions.len()];
    if !lay.sides.is_empty() || !lay.tallies.is_empty() {
        let sided = |id: Option<&str>| measures.sided(id).is_some();
        for (k, m) in mentions.iter().enumerate() {
            let bare = m.measure.is_none() && m.qualifier != crate::value::Qualifier::Ordinal;
            if !bare && !sided(m.measure.as_deref()) {
                continue;
            }
            let Some(id) = side(&lay, mentions, k).cloned().or_else(|| tally_side(&lay, mentions, k, measures)) else {
                continue;
            };
            if bare {
                // The sentence's count of votes, looked for within reach.
                let s = lay.sentence[m.first];
                let near =
                    |x: &&Mention| lay.sentence[x.first] == s && x.first + REACH >= m.first && x.first <= m.end + REACH;
                let before = mentions[..k].iter().rev().take_while(near);
                let after = mentions[k + 1..].iter().take_while(near);
                let Some(count) = before.chain(after).find(|x| sided(x.measure.as_deref())) else { continue };
                measures_of[k] = count.measure.clone();
            }
            sides[k] = Some(id);
        }
        let mut sided_sentences: rustc_hash::FxHashSet<(usize, &str)> = rustc_hash::FxHashSet::default();
        for (k, m) in mentions.iter().enumerate() {
            if let (Some(_), Some(id)) = (&sides[k], measures_of[k].as_deref()) {
                sided_sentences.insert((lay.sentence[m.first], id));
            }
        }
        if !sided_sentences.is_empty() {
            for (k, m) in mentions.iter().enumerate() {
                side_unknown[k] = sides[k].is_none()
                    && measures_of[k]
                        .as_deref()
                        .is_some_and(|id| sided_sentences.contains(&(lay.sentence[m.first], id)));
            }
        }
    }
    // Words that say what a referenced article governs ("entry into force") are the
    // predicates of references only: for any other figure they are not there.
    let topics: Vec<(usize, Arc<str>)> = if lay.predicates.iter().any(|(_, p)| measures.is_topic(p)) {
        let (topics, rest) = lay.predicates.drain(..).partition(|(_, p)| measures.is_topic(p));
        lay.predicates = rest;
        topics
    } else {
        Vec::new()
    };
    let predicates: Vec<Option<Arc<str>>> = mentions
        .iter()
        .zip(&sides)
        .map(|(m, side)| {
            let info = m.measure.as_deref().map(|id| measures.get(id));
            if let Some(info) = info.filter(|i| !i.topics.is_empty()) {
                let of_this = |p: &&Arc<str>| info.topics.iter().any(|t| t.as_str() == &***p);
                if let Some(topic) = nearest(&lay, m, &topics, pack.sov, false).filter(of_this) {
                    return Some(topic.clone());
                }
            }
            // In a count of actors (who signed, who died), a neutral verb ("reached", "rose
            // to") gives way to one that says what they did. (Elsewhere a neutral word
            // still tells something: "takes 8 %" is a share, not the growth beside it.)
            let actors = m.measure.as_deref().filter(|id| !measures.get(id).grows_when.is_empty());
            let neutral = |p: &Arc<str>| actors.is_some_and(|id| measures.key_predicate(id, Some(p)).is_none());
            side.clone().or_else(|| nearest_by(&lay, m, &lay.predicates, pack.sov, true, neutral).cloned())
        })
        .collect();
    let subjects: Vec<(Option<Arc<str>>, SubjectSource, Option<usize>)> =
        mentions.iter().zip(&predicates).map(|(m, p)| subject(&lay, m, p.as_ref(), measures)).collect();
    // The dates that name a day, for figures of acts done on one day (built only when some).
    let on_a_day = |id: &Option<Arc<str>>| id.as_deref().is_some_and(|id| measures.get(id).on_a_day);
    let days: Vec<(usize, (Arc<str>, usize))> = if measures_of.iter().any(on_a_day) {
        times.iter().filter(|(_, (_, k))| is_day(&mentions[*k].value)).cloned().collect()
    } else {
        Vec::new()
    };
    let mut scopes: Vec<Option<(Arc<str>, usize)>> = Vec::with_capacity(mentions.len());
    let mut used_as_scope = vec![false; mentions.len()];
    for ((m, predicate), measure) in mentions.iter().zip(&predicates).zip(&measures_of) {
        if m.measure.as_deref() == Some("date") {
            scopes.push(None);
            continue;
        }
        // The date of an instant event ("the quake of 8 February") is no time scope: not
        // of the fund set up after it, and not of what is said of the event itself ("the
        // strongest in a century"), which happened once.
        // Votes are cast on a day: a day of the sentence dates them before a year nearer
        // by ("approved on 3 May the budget for 2099 with 212 votes").
        let day = on_a_day(measure).then(|| nearest(&lay, m, &days, false, false)).flatten();
        let found = day.or_else(|| nearest(&lay, m, &times, false, false)).cloned().filter(|(_, k)| {
            let (date_of, _, _) = &subjects[*k];
            !date_of.as_deref().is_some_and(|e| measures.is_instant(e))
        });
        if let Some((_, k)) =
            found.as_ref().filter(|(_, k)| scopes_away(&mentions[*k].value, m, predicate.as_ref(), measures))
        {
            used_as_scope[*k] = true;
        }
        scopes.push(found);
    }
    let years_of = years_of(&lay, mentions);
    let mut out = Vec::with_capacity(mentions.len());
    for (k, m) in mentions.iter().enumerate() {
        let start = view.start(m.bytes.0);
        let end = view.end(m.bytes.1);
        let (line, column) = line_col(view.line_starts, start);
        let (subject, mut subject_source, named_at) = subjects[k].clone();
        if subject_source == SubjectSource::Explicit && crowded_guess(&lay, toks, mentions, m, named_at, measures) {
            subject_source = SubjectSource::Shared;
        }
        let predicate = predicates[k].clone();
        // A time phrase of the sentence ("by the close") says more than the dates around;
        // right beside a date it names the phase the date is of ("by the close on 15 May":
        // the close was on 15 May).
        let time = if m.measure.as_deref() == Some("date") {
            phase(&lay, mentions, k)
        } else {
            match nearest(&lay, m, &lay.times, false, false) {
                Some((_, t)) => Some(t.clone()),
                None => scopes[k].as_ref().map(|(t, _)| t.clone()),
            }
        };
        let measure = measures_of[k].clone();
        let unit = measure.as_deref().and_then(|id| measures.unit(id));
        let s = lay.sentence[m.first];
        let sentence_span = match lay.sentence_bytes.get(s) {
            Some(&(a, b)) => (view.start(a), view.end(b)),
            None => (start, end),
        };
        out.push(Claim {
            id: crate::claim::ClaimId::default(),
            doc: view.doc,
            path: view.path.clone(),
            line,
            column,
            start,
            end,
            text: crate::claim::ClaimText::new(view.original, start, end),
            value: m.value.clone(),
            qualifier: m.qualifier,
            measure,
            unit,
            subject,
            subject_source,
            predicate,
            time,
            sentence: s,
            sentence_span,
            scope_only: used_as_scope[k],
            ambiguous: side_unknown[k],
            year_of: years_of[k],
        });
    }
    out
}

/// Marks the claims whose sentence states several different values under one key
/// (measure, subject, predicate, time): such a sentence speaks of several quantities the
/// key cannot tell apart ("212 votes to 148"). A year and a day are two keys, as in the
/// graph ("the budget for 2099, approved on 3 May 2098").
pub fn mark_ambiguous(claims: &mut [Claim], measures: &crate::lang::Measures) {
    type SentenceKey<'c> = (usize, usize, &'c str, Option<&'c str>, Option<&'c str>, Option<&'c str>, bool);
    // Names (article numbers) are told apart by the whole document, not the sentence:
    // "Article 40 ... Article 41" under one topic speak of two articles.
    fn sentence_key<'c>(c: &'c Claim, m: &'c str, labels: bool) -> SentenceKey<'c> {
        let year_only = crate::graph::year_only(&c.value);
        if labels {
            return (c.doc, usize::MAX, m, c.subject.as_deref(), c.predicate.as_deref(), None, year_only);
        }
        (c.doc, c.sentence, m, c.subject.as_deref(), c.predicate.as_deref(), c.time.as_deref(), year_only)
    }
    // Per key, its first claim and whether another value shares the key; per claim, its
    // key's number (each key hashed once per claim).
    let mut values: rustc_hash::FxHashMap<SentenceKey<'_>, usize> = rustc_hash::FxHashMap::default();
    let mut firsts: Vec<(usize, bool)> = Vec::new();
    let mut key_of: Vec<Option<usize>> = vec![None; claims.len()];
    for (i, c) in claims.iter().enumerate() {
        if let Some(m) = &c.measure {
            let next = firsts.len();
            let k = *values.entry(sentence_key(c, m, measures.get(m).labels)).or_insert(next);
            if k == next {
                firsts.push((i, false));
            }
            let (first, mixed) = &mut firsts[k];
            let first = &claims[*first];
            *mixed |= c.value != first.value || c.qualifier.compared() != first.qualifier.compared();
            key_of[i] = Some(k);
        }
    }
    let mixed: Vec<bool> = key_of.iter().map(|k| k.is_some_and(|k| firsts[k].1)).collect();
    for (c, mixed) in claims.iter_mut().zip(mixed) {
        c.ambiguous |= mixed;
    }
    // A bare number beside a count often shares its noun by ellipsis ("of the 300 votes,
    // 180 were for and 120 against"; "40 states signed: 35 on the first day, five
    // later"): the sentence counts more than one thing, and the key cannot tell which.
    let mut has_bare: rustc_hash::FxHashSet<(usize, usize)> = rustc_hash::FxHashSet::default();
    for c in claims.iter() {
        if c.measure.is_none() && c.qualifier != crate::value::Qualifier::Ordinal {
            has_bare.insert((c.doc, c.sentence));
        }
    }
    for c in claims.iter_mut() {
        let elliptic = c.measure.as_deref().is_some_and(|m| measures.get(m).elliptic);
        if elliptic && has_bare.contains(&(c.doc, c.sentence)) {
            c.ambiguous = true;
        }
    }
}

/// 1-based line and byte column of an offset.
pub fn line_col(line_starts: &[usize], offset: usize) -> (usize, usize) {
    let line = line_starts.partition_point(|&s| s <= offset).max(1);
    let col = offset - line_starts.get(line - 1).copied().unwrap_or(0) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use crate::claim::SubjectSource;

    /// A claim's text, subject and how the subject was found.
    type Found = (String, Option<String>, SubjectSource);

    /// Each claim's [`Found`].
    fn subjects(text: &str) -> Result<Vec<Found>, Box<dyn std::error::Error>> {
        Ok(crate::claims_in("en", text)?
            .into_iter()
            .map(|c| (c.text.to_string(), c.subject.as_deref().map(String::from), c.subject_source))
            .collect())
    }

    #[test]
    fn what_an_event_did_takes_only_an_event_from_the_sentences_before() -> crate::TestResult {
        // measures.toml: [predicates] events lists "die"; the earthquake is an event.
        let toll = "Authorities counted 1240 dead.";
        let after_quake = subjects(&format!("The earthquake struck at dawn. {toll}"))?;
        assert_eq!(after_quake, [("1240 dead".into(), Some("earthquake".into()), SubjectSource::Context)]);
        let after_fund = subjects(&format!("The fund was set up in a week. {toll}"))?;
        assert_eq!(after_fund, [("1240 dead".into(), None, SubjectSource::None)]);
        // Another figure still takes the thing named just before.
        let count = subjects("The treaty was signed. Then 41 articles were read out.")?;
        assert_eq!(count, [("41 articles".into(), Some("convention".into()), SubjectSource::Context)]);
        Ok(())
    }

    #[test]
    fn a_pronoun_points_back_to_the_thing_named_before_even_in_its_own_sentence() -> crate::TestResult {
        // en.toml: [anaphora] words lists "it".
        for text in ["The treaty was signed. It has 41 articles.", "The treaty was signed and it has 41 articles."] {
            let found = subjects(text)?;
            assert_eq!(found, [("41 articles".into(), Some("convention".into()), SubjectSource::Anaphora)], "{text}");
        }
        Ok(())
    }
}
