//! Human output: one miette diagnostic per conflict, the first claim labelled in its
//! file, and after it every other side quoted from its own source under a neutral mark.
//! Long lines (a paragraph is often one line) are cut to a window around the claim, and
//! each label quotes the claim's text so that right-to-left scripts stay readable.

use crate::checks::Severity;
use crate::claim::Claim;
use crate::report::Report;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
use std::fmt;

/// Characters of context kept on each side of a claim.
const WINDOW: usize = 48;
/// Claims quoted per value of a conflict, and in all, besides the first.
const PER_VALUE: usize = 2;
const MAX_SIDES: usize = 6;
/// The mark before each other side of a conflict, in place of a severity's.
const SIDE_MARK: &str = "↳";

/// Replaces control characters so that no input byte can drive the terminal.
pub fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { char::REPLACEMENT_CHARACTER } else { c }).collect()
}

/// One line of a file, cut to a window, that reports its real line and column to miette.
#[derive(Debug)]
struct Snippet {
    name: String,
    text: String,
    /// 0-based line and column of the claim in the original file.
    line: usize,
    column: usize,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        _span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (0, self.text.len()).into(),
            self.line,
            self.column,
            1,
        )))
    }
}

#[derive(Debug)]
struct ClaimDiagnostic {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Snippet,
    label: LabeledSpan,
}

impl fmt::Display for ClaimDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ClaimDiagnostic {}

impl Diagnostic for ClaimDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// The window of the claim's line around it, and the claim's span inside the window.
fn snippet(r: &Report, c: &Claim) -> (Snippet, SourceSpan) {
    let text = r.documents.get(c.doc).map_or("", |d| &*d.text);
    let line_start = c.start + 1 - c.column;
    let line_end = text[c.end.min(text.len())..].find('\n').map_or(text.len(), |i| c.end + i);
    let line_end = if text[..line_end].ends_with('\r') { line_end - 1 } else { line_end };
    let before = &text[line_start..c.start];
    let after = &text[c.end.min(line_end)..line_end];
    let cut_before: String = {
        let chars: Vec<char> = before.chars().collect();
        let keep = chars.len().min(WINDOW);
        let s: String = chars[chars.len() - keep..].iter().collect();
        if keep < chars.len() { format!("…{s}") } else { s }
    };
    let cut_after: String = {
        let s: String = after.chars().take(WINDOW).collect();
        if s.len() < after.len() { format!("{s}…") } else { s }
    };
    let claim = clean(&text[c.start..c.end]);
    let window = format!("{}{}{}", clean(&cut_before), claim, clean(&cut_after));
    let span: SourceSpan = (clean(&cut_before).len(), claim.len()).into();
    (Snippet { name: clean(&c.path), text: window, line: c.line - 1, column: c.column - 1 }, span)
}

/// `"52 articles" = 52 articles of the convention`: the claim's text, how it was read
/// ([`Report::reading`]) and its subject.
fn label_text(r: &Report, c: &Claim) -> String {
    let read = clean(&r.reading(c));
    let mut s = format!("\"{}\" = {read}", clean(&c.text));
    if let Some(subj) = &c.subject {
        s.push_str(&format!(" of {}", r.subject_words(subj)));
    }
    s
}

fn claim_diagnostic(
    r: &Report,
    c: &Claim,
    message: String,
    code: Option<String>,
    severity: Severity,
) -> ClaimDiagnostic {
    let (source, span) = snippet(r, c);
    ClaimDiagnostic {
        message,
        code,
        severity: miette_severity(severity),
        help: None,
        source,
        label: LabeledSpan::new_primary_with_span(Some(label_text(r, c)), span),
    }
}

/// Renders every conflict and a summary line. `color` picks the terminal theme.
pub fn render(r: &Report, color: bool, width: usize) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    // The other sides of a conflict: reports of their own under a neutral mark (miette
    // writes related diagnostics after an "Error:" prefix, which reads as a second error).
    let mut side_theme = theme.clone();
    for mark in
        [&mut side_theme.characters.error, &mut side_theme.characters.warning, &mut side_theme.characters.advice]
    {
        *mark = SIDE_MARK.to_string();
    }
    side_theme.styles.error = side_theme.styles.help;
    side_theme.styles.warning = side_theme.styles.help;
    side_theme.styles.advice = side_theme.styles.help;
    let side_handler = GraphicalReportHandler::new_themed(side_theme).with_width(width).with_links(false);
    let handler = GraphicalReportHandler::new_themed(theme).with_width(width).with_links(false);
    let mut out = String::new();
    for conflict in &r.conflicts {
        let Some((&first, rest)) = conflict.claims.split_first() else { continue };
        // Against published reports, the draft's side leads; the rule's message follows.
        let lead = r.draft_lead(conflict);
        let message = lead.clone().unwrap_or_else(|| conflict.message.clone());
        let mut d = claim_diagnostic(r, &r.claims[first], message, Some(conflict.code.to_string()), conflict.severity);
        let rule = crate::rules::find(conflict.code).map(|x| x.meta().summary).unwrap_or_default();
        let said = lead.map(|_| format!("{}. ", conflict.message)).unwrap_or_default();
        d.help = Some(format!("{said}{rule}. Run `crosscheck explain {}` for more.", conflict.code));
        // Quote a few claims of each value; a conflict of thousands of claims stays readable.
        let mut sides = Vec::new();
        for group in &conflict.values {
            for &i in group.claims.iter().filter(|&&i| i != first).take(PER_VALUE) {
                if sides.len() == MAX_SIDES {
                    break;
                }
                let c = &r.claims[i];
                let msg = format!("{} says {}", clean(&c.path), r.value_words(c));
                sides.push(claim_diagnostic(r, c, msg, None, conflict.severity));
            }
        }
        if rest.len() > sides.len() {
            let counts: Vec<String> =
                conflict.values.iter().map(|v| format!("{} × {}", v.claims.len(), v.value)).collect();
            d.help = Some(format!(
                "{} more claims not shown ({}); --format json lists them all. {}",
                rest.len() - sides.len(),
                counts.join(", "),
                d.help.take().unwrap_or_default()
            ));
        }
        // The help closes the conflict, after every side quoted.
        if let Some(last) = sides.last_mut() {
            last.help = d.help.take();
        }
        if handler.render_report(&mut out, &d).is_err() {
            out.push_str(&format!("{}: {}\n", conflict.code, conflict.message));
        }
        for side in &sides {
            if side_handler.render_report(&mut out, side).is_err() {
                out.push_str(&format!("  {}\n", side.message));
            }
        }
        // Who states which value: one line per value.
        out.push_str("  values:\n");
        for v in &conflict.values {
            out.push_str(&format!("    {}\n", clean(&super::provenance_line(r, v))));
        }
        out.push('\n');
    }
    for w in &r.warnings {
        out.push_str(&format!("warning: {}\n", clean(w)));
    }
    let mut left_out = String::new();
    if r.suppressed > 0 {
        left_out.push_str(&format!("; {} silenced by crosscheck-ignore", r.suppressed));
    }
    if r.baselined > 0 {
        left_out.push_str(&format!("; {} known to the baseline", r.baselined));
    }
    for (n, why) in left_out_notes(r) {
        left_out.push_str(&format!("; {n} {why}"));
    }
    out.push_str(&format!(
        "{}, {}, {} info in {} ({}{left_out})\n",
        super::count_of(r.count(Severity::Error), "error", "errors"),
        super::count_of(r.count(Severity::Warning), "warning", "warnings"),
        r.count(Severity::Info),
        super::count_of(r.documents.len(), "document", "documents"),
        super::count_of(r.claims.len(), "claim", "claims"),
    ));
    out
}

/// Conflicts a run left out on purpose, with why, for summaries.
pub fn left_out_notes(r: &Report) -> Vec<(usize, &'static str)> {
    [
        (r.reference_only, "only between reference reports"),
        (r.unchanged, "not on a changed line"),
        (r.below_severity, "below the minimum severity"),
        (r.truncated, "past --max-results, not shown"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .collect()
}

/// A rules or config file that does not parse, pointed at in its own text.
#[derive(Debug)]
struct FileDiagnostic {
    message: String,
    source: miette::NamedSource<String>,
    label: LabeledSpan,
}

impl fmt::Display for FileDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FileDiagnostic {}

impl Diagnostic for FileDiagnostic {
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

/// An error of a run, for stderr: located errors in rules and config files are drawn
/// as a diagnostic into the file; every other error is one line that names its file.
pub fn error(e: &crate::Error, color: bool) -> String {
    if let crate::Error::RulesAt { path, line, column, message, text, span } = e {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false);
        let d = FileDiagnostic {
            message: format!("{}:{line}:{column}: {}", clean(path), clean(message)),
            source: miette::NamedSource::new(clean(path), clean(text)),
            label: LabeledSpan::new_primary_with_span(Some(clean(message)), SourceSpan::from(*span)),
        };
        let mut out = String::from("error: ");
        if handler.render_report(&mut out, &d).is_ok() {
            return out;
        }
    }
    format!("error: {}\n", clean(&e.to_string()))
}

#[cfg(test)]
mod tests {
    fn labels(docs: &[(&str, &str)]) -> Result<Vec<String>, crate::Error> {
        let r = crate::rules::check_texts(docs)?;
        let mut out: Vec<String> = r.claims.iter().map(|c| super::label_text(&r, c)).collect();
        out.sort();
        Ok(out)
    }

    #[test]
    fn a_claim_reads_in_the_measures_label_singular_for_one() -> crate::TestResult {
        assert_eq!(
            labels(&[("a.txt", "The treaty has 52 articles."), ("b.txt", "The treaty has 1 article.")])?,
            ["\"1 article\" = 1 article of the convention", "\"52 articles\" = 52 articles of the convention"]
        );
        // A qualifier does not change the number a noun agrees with; a range does.
        assert_eq!(
            labels(&[("a.txt", "The treaty has more than 1 article.")])?,
            ["\"more than 1 article\" = more than 1 article of the convention"]
        );
        assert_eq!(
            labels(&[("a.txt", "The treaty has 1 to 2 articles.")])?,
            ["\"1 to 2 articles\" = 1–2 articles of the convention"]
        );
        Ok(())
    }

    #[test]
    fn a_figure_that_counts_nothing_shows_its_unit_and_no_measure_says_number() -> crate::TestResult {
        // measures.toml: percent and money have no `one`: they show their unit.
        assert_eq!(labels(&[("a.txt", "The deficit is 1% of GDP.")])?, ["\"1%\" = 1% of the deficit"]);
        assert_eq!(
            labels(&[("a.txt", "The fund holds $2 billion.")])?,
            ["\"$2 billion\" = 2000000000 USD of the fund"]
        );
        // Units that have a plural in measures.toml agree with the figure.
        assert_eq!(
            labels(&[("a.txt", "The talks lasted 5 days."), ("b.txt", "The talks lasted 1 day.")])?,
            ["\"1 day\" = 1 day", "\"5 days\" = 5 days"]
        );
        let r = crate::rules::check_texts(&[("a.txt", "The treaty has 40 articles.")])?;
        let mut c = r.claims[0].clone();
        c.measure = None;
        assert_eq!(super::label_text(&r, &c), "\"40 articles\" = 40 number of the convention");
        Ok(())
    }

    #[test]
    fn a_subject_reads_in_the_words_of_the_rules() -> crate::TestResult {
        // measures.toml: [subjects.labels] health = "health spending".
        assert_eq!(labels(&[("a.txt", "Health gets 14% of the budget.")])?, ["\"14%\" = 14% of health spending"]);
        let r = crate::rules::check_texts(&[("a.txt", "The fund holds $2 billion.")])?;
        let mut c = r.claims[0].clone();
        c.subject = Some("harbour".into());
        assert_eq!(super::label_text(&r, &c), "\"$2 billion\" = 2000000000 USD of the harbour");
        Ok(())
    }

    #[test]
    fn a_reference_names_its_number_after_the_noun() -> crate::TestResult {
        assert_eq!(
            labels(&[("a.txt", "Article 45 of the treaty sets its entry into force.")])?,
            ["\"Article 45\" = article reference 45 of the convention"]
        );
        Ok(())
    }

    #[test]
    fn dates_read_in_words_on_every_side_of_a_conflict() -> crate::TestResult {
        let r = crate::rules::check_texts(&[
            ("a.txt", "Parliament approved the budget on 3 May, with 212 votes for."),
            ("b.txt", "Parliament approved the budget on 4 May, with 212 votes for."),
        ])?;
        let out = super::render(&r, false, 100);
        // A day whose year the text leaves out reads "4 May", not "--05-04".
        for words in ["cannot be both 3 May and 4 May", "b.txt says 4 May", "3 May: 1 document (a.txt)", "= 3 May date"]
        {
            assert!(out.contains(words), "{words:?} in {out}");
        }
        // The ISO forms stay in the JSON's value groups.
        let values: Vec<&str> = r.conflicts[0].values.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(values, ["--05-03", "--05-04"]);
        Ok(())
    }

    #[test]
    fn the_other_sides_follow_under_a_neutral_mark_and_the_help_closes_the_conflict() -> crate::TestResult {
        let r = crate::rules::check_texts(&[
            ("a.txt", "The treaty has 40 articles."),
            ("b.txt", "The treaty has 41 articles."),
            ("c.txt", "The treaty has 42 articles."),
        ])?;
        let out = super::render(&r, false, 100);
        let lines: Vec<&str> = out.lines().collect();
        // One severity mark (the conflict's), not one per side: no side reads as an error.
        assert_eq!(lines.iter().filter(|l| l.trim_start().starts_with('×')).count(), 1, "{out}");
        assert!(!out.contains("Error:"), "{out}");
        let sides: Vec<&str> = lines.iter().filter(|l| l.trim_start().starts_with(super::SIDE_MARK)).copied().collect();
        assert_eq!(sides, ["  ↳ b.txt says 41", "  ↳ c.txt says 42"]);
        // The help comes after the last side, before the value lines.
        let at = |p: &str| lines.iter().position(|l| l.trim_start().starts_with(p));
        let (Some(last_side), Some(help), Some(values)) = (at("↳ c.txt"), at("help:"), at("values:")) else {
            return Err(format!("a side, the help or the values missing in {out}").into());
        };
        assert!(last_side < help && help < values, "{out}");
        Ok(())
    }
}
