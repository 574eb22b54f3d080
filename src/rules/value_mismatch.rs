//! CC101 value-mismatch: claims of one quantity whose values cannot all be true.

use super::{Conflict, Context, Rule, RuleMeta};
use crate::checks::Severity;

pub struct ValueMismatch;

static META: RuleMeta = RuleMeta {
    code: "CC101",
    name: "value-mismatch",
    summary: "Claims about the same quantity state values that cannot all be true",
    explain: "\
Two or more claims measure the same thing (same measure, same subject, same predicate and,
for quantities that change, the same time), yet their values cannot all be true: their
intervals do not overlap, even with the tolerance that \"about\" or a rounded figure allows.
\"The convention has 40 articles\" and \"the convention has 41 articles\" is such a pair;
\"more than 30 delegates\" and \"32 delegates\" is not.

Why it matters: one of the reports is wrong, or they count different things and say so
too vaguely for a reader to tell. Check the primary source and correct the wrong side, or
make the difference explicit (a date, a scope such as \"countries and organizations\").

Severity follows confidence. Each value counts as well attested as its best-keyed claim:
subject named in the sentence, or in one of the two sentences before (a report names the
treaty once and then says \"it has 40 articles\"). The conflict is lowered to a warning when
an amount, a duration or a weight takes its subject from a sentence before, and its own
sentence neither points back (\"it\") nor states an act (in \"The fund got $5 million. The
talks lasted 5 days.\" the days are not the fund's); when the predicate is unknown for a
quantity that changes, or the time is unknown for one that only grows or that other
claims state at a time; to an info when no subject is known, when the sentence lists
several figures of the measure (shares of one budget) so that the subject is a guess, or
when a count of actors (signatories, the dead) has no predicate. A quantity that changes
over time, stated without a time by reports of different dates (front matter `date:`,
HTML meta, `--date`), is reported as an info that names the dates: the figure may have
changed.

Configure in checks.toml: [rules.CC101] enabled = true, severity = \"error\".",
    severity: Severity::Error,
};

impl Rule for ValueMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Conflict> {
        use rayon::prelude::*;
        // Groups are independent: their conflicts are built on the pool, in group order.
        let conflicting: Vec<&crate::graph::Group> =
            cx.graph.groups.iter().filter(|g| !g.conflicting.is_empty()).collect();
        conflicting.into_par_iter().map(|group| {
            let claims: Vec<usize> = group.conflicting.clone();
            let values = super::group_by_value(cx.claims, &claims);
            let info = cx.measures.get(&group.key.measure);
            let k = &group.key;
            let what = super::quantity_words(
                cx.measures,
                &k.measure,
                k.subject.as_deref(),
                k.predicate.as_deref(),
                k.time.as_deref(),
            );
            // Dates in words ("8 February 2023"); the groups keep the ISO form.
            let dates = &*k.measure == "date";
            let listed: Vec<String> = values
                .iter()
                .map(|v| if dates { cx.measures.date_label_words(&v.value) } else { v.value.clone() })
                .collect();
            let listed: Vec<&str> = listed.iter().map(String::as_str).collect();
            let mut message = format!("{what} cannot be both {}", join_and(&listed));
            let mut severity = cx.checks.severity(META.code, META.severity, group.confidence);
            // A quantity that changes, stated without a time, by reports of different
            // dates: the difference may be the change. Said, at info, with the dates.
            if !info.timeless
                && group.key.time.is_none()
                && let Some((first, last)) = dated_apart(cx, &values)
            {
                severity = Severity::Info;
                let (first, last) = (cx.measures.iso_words(&first), cx.measures.iso_words(&last));
                message = format!(
                    "{message}; the reports are of different dates ({first} to {last}) and the figure may have changed"
                );
            }
            Conflict {
                code: META.code,
                rule: META.name,
                severity,
                claims,
                values,
                message,
                confidence: group.confidence,
                key: Some(group.key.clone()),
            }
        })
        .collect()
    }
}

/// When every claim comes from a dated document and no two documents of one date state
/// different values, the earliest and latest dates.
fn dated_apart(cx: &Context<'_>, values: &[super::ValueGroup]) -> Option<(String, String)> {
    let date = |i: usize| cx.claims.get(i).and_then(|c| cx.dates.get(c.doc)).and_then(|d| d.as_deref());
    let mut per_value: Vec<std::collections::BTreeSet<&str>> = Vec::new();
    for v in values {
        let mut set = std::collections::BTreeSet::new();
        for &i in &v.claims {
            set.insert(date(i)?);
        }
        per_value.push(set);
    }
    for (k, a) in per_value.iter().enumerate() {
        if per_value[k + 1..].iter().any(|b| !a.is_disjoint(b)) {
            return None;
        }
    }
    let all: std::collections::BTreeSet<&str> = per_value.iter().flatten().copied().collect();
    Some((all.first()?.to_string(), all.last()?.to_string()))
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::Severity;
    use crate::lang::Rules;
    use crate::report::Report;

    fn check_with(rules: &Rules, docs: &[(&str, &str)]) -> Result<Report, crate::Error> {
        super::super::check_with(rules, docs, &crate::Options::default())
    }

    fn check(docs: &[(&str, &str)]) -> Result<Report, crate::Error> {
        super::super::check_texts(docs)
    }

    fn severities(r: &Report) -> Vec<Severity> {
        r.conflicts.iter().filter(|c| c.code == "CC101").map(|c| c.severity).collect()
    }

    #[test]
    fn fires_on_two_counts_of_one_quantity() -> crate::TestResult {
        let r = check(&[("a.txt", "The treaty has 40 articles."), ("b.txt", "The treaty has 41 articles.")])?;
        assert_eq!(severities(&r), vec![Severity::Error]);
        assert_eq!(r.conflicts[0].message, "articles of the convention cannot be both 40 and 41");
        assert_eq!(r.exit_code(), 1);
        Ok(())
    }

    #[test]
    fn a_half_in_words_agrees_with_the_same_figure_in_digits() -> crate::TestResult {
        let rules = Rules::embedded()?;
        // (language, in digits, the same in words, another figure in words)
        let cases = [
            (
                "es",
                "Se ha habilitado un fondo de emergencia de 2,5 millones de euros.",
                "Se ha habilitado un fondo de emergencia de dos millones y medio de euros.",
                "Se ha habilitado un fondo de emergencia de cinco millones de euros.",
            ),
            (
                "fr",
                "Un fonds d'urgence de 2,5 millions d'euros a été débloqué.",
                "Un fonds d'urgence de deux millions et demi d'euros a été débloqué.",
                "Un fonds d'urgence de cinq millions d'euros a été débloqué.",
            ),
            (
                "de",
                "Ein Notfallfonds von 2,5 Millionen Euro steht bereit.",
                "Ein Notfallfonds von zweieinhalb Millionen Euro steht bereit.",
                "Ein Notfallfonds von fünf Millionen Euro steht bereit.",
            ),
            (
                "en",
                "The talks on the treaty lasted 3.5 hours.",
                "The talks on the treaty lasted three hours and a half.",
                "The talks on the treaty lasted four hours.",
            ),
        ];
        for (lang, digits, words, other) in cases {
            let opts = crate::Options { lang: Some(lang.into()), ..Default::default() };
            let r = super::super::check_with(&rules, &[("a.txt", digits), ("b.txt", words)], &opts)?;
            assert_eq!(severities(&r), vec![], "{words}");
            let r = super::super::check_with(&rules, &[("a.txt", digits), ("b.txt", other)], &opts)?;
            assert_eq!(severities(&r).len(), 1, "{other}");
        }
        Ok(())
    }

    #[test]
    fn a_share_is_no_count_of_the_noun_after_it() -> crate::TestResult {
        // "3 out of 40 countries" is a share of the forty, not 0.075 countries.
        let share = "3 out of 40 countries signed the treaty.";
        let r = check(&[("a.txt", share), ("b.txt", "40 countries signed the treaty.")])?;
        assert_eq!(severities(&r), vec![]);
        // Two counts of the same sentence do conflict (a warning: no date says when).
        let r = check(&[("a.txt", "41 countries signed the treaty."), ("b.txt", "40 countries signed the treaty.")])?;
        assert_eq!(severities(&r), vec![Severity::Warning]);
        Ok(())
    }

    #[test]
    fn the_message_names_the_predicate_and_the_time_in_words() -> crate::TestResult {
        // measures.toml: [predicates.labels] sign = "signed", in_force = "on entry into
        // force"; [times.labels] "day 1" = "on the first day".
        let cases = [
            (
                "On 3 May 2019, 48 countries signed the treaty.",
                "On 3 May 2019, 52 countries signed the treaty.",
                "countries of the convention (signed, as of 3 May 2019) cannot be both 48 and 52",
            ),
            (
                "By 3 May 2019, 48 countries had signed the treaty.",
                "By 3 May 2019, 52 countries had signed the treaty.",
                "countries of the convention (signed, as of 3 May 2019) cannot be both 48 and 52",
            ),
            (
                "Under Article 45 of the treaty, it enters into force 90 days after the tenth ratification.",
                "Article 47 of the treaty sets out its entry into force.",
                "article references of the convention (on entry into force) cannot be both 45 and 47",
            ),
            (
                "On the first day, 30 delegates attended the conference.",
                "On the first day, 33 delegates attended the conference.",
                "delegates of the conference (attended, on the first day) cannot be both 30 and 33",
            ),
        ];
        for (a, b, message) in cases {
            let r = check(&[("a.txt", a), ("b.txt", b)])?;
            let messages: Vec<&str> = r.conflicts.iter().map(|c| c.message.as_str()).collect();
            assert_eq!(messages, [message]);
        }
        Ok(())
    }

    #[test]
    fn no_key_id_leaks_into_a_message() -> crate::TestResult {
        // Conflicts under predicates, sides, topics and phases: each message carries the
        // words of its key's predicate and time, and none of the ids the rules name.
        let rules = Rules::embedded()?;
        let r = check(&[
            (
                "a.txt",
                "On 3 May 2096 parliament approved the budget with 212 votes for and 148 against. By the close, 40 countries had ratified the treaty. Article 45 of the treaty sets its entry into force.",
            ),
            (
                "b.txt",
                "On 3 May 2096 parliament approved the budget with 221 votes for and 184 against. By the close, 41 countries had ratified the treaty. Article 47 of the treaty sets its entry into force.",
            ),
        ])?;
        let keyed: Vec<_> = r.conflicts.iter().filter_map(|c| c.key.as_ref().map(|k| (k, &c.message))).collect();
        assert_eq!(keyed.len(), 4, "{:?}", r.conflicts);
        for (k, message) in keyed {
            assert!(!message.contains("predicate:") && !message.contains("time:"), "{message}");
            for (id, words) in [
                (k.predicate.as_deref(), k.predicate.as_deref().map(|p| rules.measures.predicate_label(p))),
                (k.time.as_deref(), k.time.as_deref().map(|t| rules.measures.time_label(t))),
            ] {
                let (Some(id), Some(words)) = (id, words) else { continue };
                assert!(message.contains(&format!("{words})")) || message.contains(&format!("{words},")), "{message}");
                if words != id && !words.contains(id) {
                    let bare = message.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == id);
                    assert!(!bare && !message.contains(&format!("({id}")), "{id:?} in {message}");
                }
            }
        }
        Ok(())
    }

    #[test]
    fn one_conflict_per_quantity_with_values_grouped() -> crate::TestResult {
        let r = check(&[
            ("a.txt", "The treaty has 40 articles."),
            ("b.txt", "The treaty has 41 articles."),
            ("c.txt", "The treaty has 40 articles."),
        ])?;
        assert_eq!(r.conflicts.len(), 1);
        let groups: Vec<(String, usize)> =
            r.conflicts[0].values.iter().map(|v| (v.value.clone(), v.claims.len())).collect();
        assert_eq!(groups, vec![("40".to_string(), 2), ("41".to_string(), 1)]);
        Ok(())
    }

    #[test]
    fn a_changing_count_in_reports_of_different_dates_is_info() -> crate::TestResult {
        let day1 = "---\ndate: 2019-05-03\n---\n\nSo far, 48 countries have signed the treaty.\n";
        let day2 = "---\ndate: 2019-05-04\n---\n\nSo far, 53 countries have signed the treaty.\n";
        let same = "---\ndate: 2019-05-04\n---\n\nSo far, 50 countries have signed the treaty.\n";
        let r = check(&[("a.md", day1), ("b.md", day2)])?;
        assert_eq!(severities(&r), vec![Severity::Info], "{:?}", r.conflicts);
        assert!(r.conflicts[0].message.contains("different dates (3 May 2019 to 4 May 2019)"));
        // Two reports of one date that disagree: no such excuse.
        let r = check(&[("a.md", day1), ("b.md", day2), ("c.md", same)])?;
        assert_ne!(severities(&r), vec![Severity::Info], "{:?}", r.conflicts);
        // A timeless quantity does not change with the date.
        let r = check(&[
            ("a.md", "---\ndate: 2019-05-03\n---\n\nThe treaty has 40 articles.\n"),
            ("b.md", "---\ndate: 2019-05-04\n---\n\nThe treaty has 41 articles.\n"),
        ])?;
        assert_eq!(severities(&r), vec![Severity::Error]);
        Ok(())
    }

    #[test]
    fn synonym_predicates_share_a_key() -> crate::TestResult {
        // measures.toml: [predicates.same] adopt = "approve".
        let r = check(&[
            ("a.txt", "On 3 May 2019, 48 countries adopted the treaty."),
            ("b.txt", "On 3 May 2019, 52 countries approved the treaty."),
        ])?;
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        let r = check(&[
            ("a.txt", "On 3 May 2019, 48 countries adopted the treaty."),
            ("b.txt", "On 3 May 2019, 52 countries signed the treaty."),
        ])?;
        assert!(severities(&r).is_empty(), "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn silent_when_about_covers_the_difference() -> crate::TestResult {
        let r = check(&[
            ("a.txt", "On 3 May 2019, about 50 countries signed the treaty."),
            ("b.txt", "On 3 May 2019, 48 countries signed the treaty."),
        ])?;
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn silent_for_other_predicates_times_and_references() -> crate::TestResult {
        let r = check(&[
            ("a.txt", "On 3 May 2019, 48 countries signed the treaty. Article 45 sets its entry into force."),
            ("b.txt", "On 3 May 2019, 30 countries attended the treaty ceremony. The treaty has 40 articles."),
            ("c.txt", "Losses reached $2 billion in 2018 and $3 billion in 2019."),
        ])?;
        assert!(severities(&r).is_empty(), "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn references_to_other_articles_on_one_topic_disagree() -> crate::TestResult {
        let r = check(&[
            ("a.txt", "Under Article 45 of the treaty, it enters into force 90 days after the tenth ratification."),
            ("b.txt", "Article 47 of the treaty sets out its entry into force."),
        ])?;
        let codes: Vec<&str> = r.conflicts.iter().map(|c| c.code).collect();
        assert_eq!(codes, vec!["CC101"], "{:?}", r.conflicts);
        assert_eq!(severities(&r), vec![Severity::Error]);
        Ok(())
    }

    #[test]
    fn references_without_a_shared_topic_stay_silent() -> crate::TestResult {
        // Other topics, no topic at all, and a report that cites two articles on one topic
        // (it speaks of two articles: neither is compared).
        let r = check(&[
            ("a.txt", "Under Article 45 of the treaty, it enters into force after the tenth ratification."),
            ("b.txt", "Article 12 of the treaty was signed first. Article 30 of the treaty covers ratification."),
            (
                "c.txt",
                "Article 46 of the treaty sets its entry into force. Article 48 of the treaty says when it takes effect for later parties.",
            ),
        ])?;
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn a_point_glued_to_a_word_ends_no_sentence() -> crate::TestResult {
        // "45.º" (Portuguese ordinal mark): the verb after it is in the same sentence.
        let opts = crate::Options { lang: Some("pt".into()), ..Default::default() };
        let rules = Rules::embedded()?;
        let r = super::super::check_with(
            &rules,
            &[
                ("a.txt", "Nos termos do artigo 45.º do tratado, entra em vigor 90 dias após a décima ratificação."),
                ("b.txt", "Segundo o artigo 47.º do tratado, entra em vigor após a décima ratificação."),
            ],
            &opts,
        )?;
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn the_day_of_a_phase_is_compared_whatever_it_dates() -> crate::TestResult {
        // The close is dated in both reports, once beside a running tally; the day
        // without a year takes the year of the full date just before it.
        let r = check(&[
            (
                "a.txt",
                "The summit on the treaty opened on 3 May 2099. By the close on 5 May, 40 countries had signed the treaty.",
            ),
            ("b.txt", "The summit on the treaty opened on 3 May 2099 and closed on 6 May 2099."),
        ])?;
        assert_eq!(
            dates_in_conflict(&r),
            vec![(Severity::Error, vec!["--05-05".to_string(), "2099-05-06".to_string()])]
        );
        Ok(())
    }

    #[test]
    fn days_of_other_phases_and_spans_stay_silent() -> crate::TestResult {
        // The first day and the close are other days; a span covers both; a day after the
        // end of the year is not given the year before.
        let r = check(&[
            (
                "a.txt",
                "The summit on the treaty opened on 3 May 2099. By the close on 5 May, 40 countries had signed the treaty.",
            ),
            (
                "b.txt",
                "The summit on the treaty was held on 3–5 May 2099. On the first day, 4 May, 30 countries signed the treaty.",
            ),
            (
                "c.txt",
                "The talks on the treaty began on 28 December 2098. By the close on 2 January, 40 countries had signed the treaty.",
            ),
        ])?;
        assert_eq!(dates_in_conflict(&r), vec![], "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn votes_are_dated_by_the_day_they_were_cast() -> crate::TestResult {
        // The year nearer the count is the budget's period, not the day of the vote.
        let r = check(&[
            ("a.txt", "On 3 May 2098 parliament approved the budget for 2099 with 212 votes for."),
            ("b.txt", "Parliament approved the budget for 2099 on 3 May 2098, with 221 votes for."),
        ])?;
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        let time = r.claims.iter().find(|c| c.text.contains("212")).map(|c| c.time.as_deref());
        assert_eq!(time, Some(Some("2098-05-03")));
        Ok(())
    }

    #[test]
    fn a_phrase_set_off_by_a_comma_does_not_name_the_subject() -> crate::TestResult {
        // "According to the budget," is where the figure comes from, not what it counts:
        // the subject is the pay rise of the figure's own sub-clause, as in the other report.
        let r = check(&[
            ("a.txt", "According to the budget, 1,200 public employees will get a pay rise of 3% from 1 April 2099."),
            ("b.txt", "The 1,400 public employees will get a pay rise of 3% from 1 April 2099."),
        ])?;
        let subject = r.claims.iter().find(|c| c.text.contains("1,200")).map(|c| c.subject.as_deref());
        assert_eq!(subject, Some(Some("pay")));
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn a_neutral_verb_gives_way_to_the_act_of_the_clause_before() -> crate::TestResult {
        // "rose to" in its own sub-clause continues the count of the dead.
        let r = check(&[
            (
                "a.txt",
                "After the earthquake, the death toll stood at 1,240 people on the second day and rose to 1,583 people on the fifth day.",
            ),
            ("b.txt", "By the fifth day of the earthquake, 1,538 people had died."),
        ])?;
        let predicate = r.claims.iter().find(|c| c.text.contains("1,583")).map(|c| c.predicate.as_deref());
        assert_eq!(predicate, Some(Some("die")));
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn unsure_keys_lower_the_severity() -> crate::TestResult {
        // The second report never names the treaty in the sentence, nor just before it.
        let r = check(&[
            ("a.txt", "On 3 May 2019, 48 countries signed the treaty."),
            ("b.txt", "On 3 May 2019, 52 countries signed."),
        ])?;
        assert_eq!(severities(&r), Vec::<Severity>::new());
        let r = check(&[("a.txt", "48 countries signed the treaty."), ("b.txt", "52 countries signed the treaty.")])?;
        // No time is known for a quantity that changes over time: a warning, not an error.
        assert_eq!(severities(&r), vec![Severity::Warning]);
        Ok(())
    }

    #[test]
    fn a_time_under_a_guessed_subject_does_not_lower_the_severity() -> crate::TestResult {
        // The 3 % takes "deficit" from the sentence before, with a date: that is no sign
        // that the deficit is stated at various times.
        let a = ("a.txt", "The deficit is 3.1% of GDP. Pay will rise by 3% from 1 May 2096.");
        let r = check(&[a, ("b.txt", "The deficit is 3.7% of GDP.")])?;
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        // Named in its own sentence, a dated deficit does.
        let a = ("a.txt", "The deficit is 3.1% of GDP. The deficit will be 3% from 1 May 2096.");
        let r = check(&[a, ("b.txt", "The deficit is 3.7% of GDP.")])?;
        assert_eq!(severities(&r), vec![Severity::Warning], "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn a_count_whose_noun_says_what_happened_takes_it_as_predicate() -> crate::TestResult {
        // "morts" is the count's noun and a predicate (fr pack): nearer than any verb.
        let text = "Selon la préfecture, on compte désormais 1 540 morts dans la région.";
        let opts = crate::Options { lang: Some("fr".into()), ..Default::default() };
        let r = super::super::check_with(&Rules::embedded()?, &[("a.txt", text)], &opts)?;
        let predicates: Vec<(&str, Option<&str>)> =
            r.claims.iter().map(|c| (c.text.as_str(), c.predicate.as_deref())).collect();
        assert_eq!(predicates, [("1 540 morts", Some("die"))]);
        Ok(())
    }

    #[test]
    fn votes_for_and_against_are_two_counts() -> crate::TestResult {
        // pack [sides]: "for", "against". Each side is its own count, and the bare "148"
        // continues the count of votes.
        let a = ("a.txt", "On 3 May 2096 parliament approved the budget with 212 votes for and 148 against.");
        let sides = |r: &Report| -> Vec<(String, Option<String>, Option<String>)> {
            r.claims
                .iter()
                .filter(|c| c.measure.as_deref() == Some("vote"))
                .map(|c| {
                    (
                        c.text.to_string(),
                        c.predicate.as_deref().map(str::to_string),
                        c.measure.clone().map(|m| m.to_string()),
                    )
                })
                .collect()
        };
        let r = check(&[a])?;
        assert_eq!(
            sides(&r),
            [
                ("212 votes".into(), Some("for".into()), Some("vote".into())),
                ("148".into(), Some("against".into()), Some("vote".into()))
            ]
        );
        let b = ("b.txt", "On 3 May 2096 parliament approved the budget: 221 votes for, 148 against.");
        assert_eq!(severities(&check(&[a, b])?), vec![Severity::Error]);
        let b = ("b.txt", "On 3 May 2096 parliament approved the budget with 212 votes for and 184 against.");
        assert_eq!(severities(&check(&[a, b])?), vec![Severity::Error]);
        // A word as near to both figures is neither's: "212 votes to 148" says nothing of
        // sides, and a count of unknown side beside a sided one is not compared.
        for b in [
            "On 3 May 2096 parliament approved the budget by 221 votes against 148 votes.",
            "On 3 May 2096 parliament approved the budget by 184 votes and 212 votes for.",
        ] {
            let r = check(&[a, ("b.txt", b)])?;
            assert!(severities(&r).is_empty(), "{b}: {:?}", r.conflicts);
        }
        Ok(())
    }

    #[test]
    fn in_a_count_of_actors_what_they_did_beats_a_neutral_verb() -> crate::TestResult {
        // "reached" is neutral (measures.toml), "dead" says what happened.
        let r = check(&[("a.txt", "By the fifth day the dead had reached 1,583 people.")])?;
        let p: Vec<Option<&str>> =
            r.claims.iter().filter(|c| c.text == "1,583 people").map(|c| c.predicate.as_deref()).collect();
        assert_eq!(p, [Some("die")]);
        Ok(())
    }

    #[test]
    fn the_date_of_an_instant_event_dates_no_figure() -> crate::TestResult {
        // The fund was set up after the quake: the quake's date is not the fund's time.
        let a = ("a.txt", "After the earthquake of 8 May 2096, the government set up a fund of $30 million.");
        let r = check(&[a, ("b.txt", "The government set up a fund of $40 million.")])?;
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        let date = r.claims.iter().find(|c| c.text == "8 May 2096").map(|c| c.subject.as_deref());
        assert_eq!(date, Some(Some("earthquake")));
        // Nor is it the time of what is said of the quake itself, which happened once: a
        // report that gives the date does not make the other's figure of another time.
        let r = check(&[
            ("a.txt", "The earthquake of 8 May 2096 was the strongest in 40 years."),
            ("b.txt", "The earthquake was the strongest in 90 years."),
        ])?;
        let time = r.claims.iter().find(|c| c.text.contains("40 years")).map(|c| c.time.as_deref());
        assert_eq!(time, Some(None));
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn a_tally_is_a_count_for_and_a_count_against() -> crate::TestResult {
        // en pack: tally = ["to"]; measures.toml: vote tally = ["for", "against"].
        let a = ("a.txt", "On 3 May 2096 parliament approved the budget by 212 votes to 148.");
        let r = check(&[a])?;
        let p: Vec<(&str, Option<&str>)> = r
            .claims
            .iter()
            .filter(|c| c.measure.as_deref() == Some("vote"))
            .map(|c| (c.text.as_str(), c.predicate.as_deref()))
            .collect();
        assert_eq!(p, [("212 votes", Some("for")), ("148", Some("against"))]);
        let b = ("b.txt", "On 3 May 2096 parliament approved the budget with 212 votes for and 184 against.");
        assert_eq!(severities(&check(&[a, b])?), vec![Severity::Error]);
        // "to" beside one count only is no tally.
        let r = check(&[("a.txt", "The budget needed 212 votes to pass.")])?;
        assert!(r.claims.iter().all(|c| c.predicate.as_deref() != Some("for")), "{:?}", r.claims);
        Ok(())
    }

    #[test]
    fn a_timeless_count_ignores_the_verbs_around_it() -> crate::TestResult {
        // "ratified" belongs to the sentence, not to the article count.
        let r = check(&[
            ("a.txt", "The treaty has 40 articles and enters into force once ratified."),
            ("b.txt", "The treaty has 41 articles."),
        ])?;
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn a_thing_named_in_the_sentence_comes_before_an_event() -> crate::TestResult {
        // measures.toml: [subjects] events = ["ceremony", ...]. Both reports speak of the
        // countries that signed the treaty, one of them at the ceremony.
        let r = check(&[
            ("a.txt", "On 3 May 2019, 48 countries signed the treaty at the ceremony."),
            ("b.txt", "On 3 May 2019, 52 countries signed the treaty."),
        ])?;
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn a_verb_of_another_figure_is_not_borrowed() -> crate::TestResult {
        // The 24 countries pledged nothing: the verb is the fund's, in its own sub-clause.
        let r = check(&[
            ("a.txt", "Teams from 24 countries are at work, while $30 million was pledged to the fund."),
            ("b.txt", "So far 12 countries have pledged money to the fund."),
        ])?;
        assert!(severities(&r).is_empty(), "{:?}", r.conflicts);
        // Ellipsis of the same measure still borrows: both counts are signatures.
        let r = check(&[("a.txt", "48 countries signed the treaty on the first day and 52 by the close.")])?;
        let sign: Vec<&str> = r
            .claims
            .iter()
            .filter(|c| c.predicate.as_deref() == Some("sign") && c.text != "first")
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(sign, ["48 countries", "52"], "{:?}", r.claims);
        Ok(())
    }

    fn dates_in_conflict(r: &Report) -> Vec<(Severity, Vec<String>)> {
        r.conflicts
            .iter()
            .filter(|c| c.code == "CC101" && c.values.iter().all(|v| v.value.contains('-') || v.value.len() == 4))
            .map(|c| (c.severity, c.values.iter().map(|v| v.value.clone()).collect()))
            .collect()
    }

    #[test]
    fn a_day_that_dates_figures_is_still_the_day_of_the_act() -> crate::TestResult {
        // The votes do not grow: the day is when the budget was approved.
        let r = check(&[
            ("a.txt", "Parliament approved the budget on 3 May 2019, with 212 votes for."),
            ("b.txt", "Parliament approved the budget on 4 May 2019, with 212 votes for."),
        ])?;
        assert_eq!(dates_in_conflict(&r), [(Severity::Error, vec!["2019-05-03".into(), "2019-05-04".into()])]);
        // The message names the days in words; the value groups keep the ISO form.
        assert!(r.conflicts[0].message.ends_with("cannot be both 3 May 2019 and 4 May 2019"), "{:?}", r.conflicts);
        // Beside a running tally the day is the tally's time: other days, other tallies.
        let r = check(&[
            ("a.txt", "By 3 May 2019, 48 countries had signed the treaty."),
            ("b.txt", "By 4 May 2019, 52 countries had signed the treaty."),
        ])?;
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn a_year_and_a_day_are_other_quantities() -> crate::TestResult {
        // The year is the period the budget is for; the day, when it was approved. The
        // sentence is not ambiguous, and a year never conflicts with a day.
        let a = ("a.txt", "Parliament approved the budget for 2097 on 3 May 2096.");
        let r = check(&[a, ("b.txt", "Parliament approved the budget for 2097 on 3 May 2096.")])?;
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        let r = check(&[a, ("b.txt", "Parliament approved the budget for 2097 on 4 May 2096.")])?;
        assert_eq!(dates_in_conflict(&r), [(Severity::Error, vec!["2096-05-03".into(), "2096-05-04".into()])]);
        let r = check(&[a, ("b.txt", "Parliament approved the budget for 2098 on 3 May 2096.")])?;
        assert_eq!(dates_in_conflict(&r), [(Severity::Error, vec!["2097".into(), "2098".into()])]);
        Ok(())
    }

    #[test]
    fn an_instant_event_has_one_date_whatever_the_verb() -> crate::TestResult {
        // measures.toml: [subjects] instant = ["earthquake"]. The date also dates the toll,
        // and the verbs differ; it is still the quake's date.
        let r = check(&[
            ("a.txt", "The earthquake struck on 8 May 2019."),
            ("b.txt", "The earthquake of 9 May 2019 killed 40 people."),
        ])?;
        assert_eq!(dates_in_conflict(&r), [(Severity::Error, vec!["2019-05-08".into(), "2019-05-09".into()])]);
        // A ceremony is an event but not an instant one: its two days do not conflict.
        let r =
            check(&[("a.txt", "The ceremony opened on 8 May 2019."), ("b.txt", "The ceremony closed on 9 May 2019.")])?;
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn a_sentence_of_several_shares_lowers_the_severity() -> crate::TestResult {
        // measures.toml: percent is crowded. Which budget line goes with which share is a
        // guess in such a sentence (info) when another share stands between a figure and
        // the nearest budget line, or when the lines are listed together; a line right
        // beside its share names it, as does a sentence with one share.
        let b = ("b.txt", "Spending on health takes 18%.");
        let r = check(&[("a.txt", "Health and defence take 14% and 8%."), b])?;
        assert!(severities(&r).iter().all(|s| *s == Severity::Info), "{:?}", r.conflicts);
        // A line named in the share's own sub-clause names it, whatever was said before.
        for a in ["Spending on health takes 14% and defence 8%.", "Defence takes 8% and 14% goes to health."] {
            let r = check(&[("a.txt", a), b])?;
            assert_eq!(severities(&r), vec![Severity::Error], "{a}: {:?}", r.conflicts);
        }
        let r = check(&[("a.txt", "Spending on health takes 14%."), ("b.txt", "Spending on health takes 18%.")])?;
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn a_well_named_value_is_not_weakened_by_a_guessed_copy() -> crate::TestResult {
        // The third report never names the treaty in its sentence: its copy of "40" is
        // guessed, but two other reports name it, so 40 against 41 stays an error.
        let r = check(&[
            ("a.txt", "The treaty has 40 articles."),
            ("b.txt", "The treaty was signed.\nIt has 40 articles."),
            ("c.txt", "The treaty has 41 articles."),
        ])?;
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        assert_eq!(r.conflicts[0].confidence, 100);
        // A subject named in the sentence before is how reports are written: still an
        // error, if a less sure one.
        let r = check(&[
            ("a.txt", "The treaty has 40 articles."),
            ("b.txt", "The treaty was signed.\nIt has 41 articles."),
        ])?;
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        assert!(r.conflicts[0].confidence < 100);
        Ok(())
    }

    #[test]
    fn a_subject_borrowed_for_a_figure_without_an_act_is_only_a_guess() -> crate::TestResult {
        // (shared opening, first figure, second figure, severity)
        let cases = [
            // The talks are in no pack: the days take the fund of the sentence before,
            // which may be wrong, so two such figures are a warning (a duration says
            // nothing without its subject: measures.toml, requires_subject).
            ("The fund got $5 million.\n", "The talks lasted 5 days.", "The talks lasted 7 days.", Severity::Warning),
            // An act ties a borrowed subject to its story: what donors pledged to the fund.
            (
                "The fund was set up in May.\n",
                "Donors pledged $5 million.",
                "Donors pledged $7 million.",
                Severity::Error,
            ),
            // A count of a document's parts is what a report says of what it just named,
            // in a language that drops the pronoun too.
            ("La convención fue firmada en Hanói.\n", "Tiene 41 artículos.", "Tiene 40 artículos.", Severity::Error),
        ];
        for (opening, a, b, severity) in cases {
            let r = check(&[("a.txt", &format!("{opening}{a}")), ("b.txt", &format!("{opening}{b}"))])?;
            assert_eq!(severities(&r), vec![severity], "{a} / {b}: {:?}", r.conflicts);
        }
        Ok(())
    }

    #[test]
    fn weights_of_one_unit_conflict_and_other_units_are_not_converted() -> crate::TestResult {
        let a = ("a.txt", "The fund shipped 2,000 tonnes of rice.");
        let r = check(&[a, ("b.txt", "The fund shipped 2,500 tonnes of rice.")])?;
        assert_eq!(severities(&r), vec![Severity::Error], "{:?}", r.conflicts);
        assert_eq!(r.conflicts[0].key.as_ref().map(|k| &*k.measure), Some("mass:tonne"));
        // 2,500,000 kg is 2,500 tonnes, but units are not converted: no claim is compared.
        let r = check(&[a, ("b.txt", "The fund shipped 2,500,000 kg of rice.")])?;
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        // A weight of nothing named (measures.toml: requires_subject) is not compared.
        let r = check(&[("a.txt", "A ship brought 2,000 tonnes."), ("b.txt", "A ship brought 2,500 tonnes.")])?;
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        Ok(())
    }

    #[test]
    fn can_be_disabled_in_checks_toml() -> crate::TestResult {
        let mut rules = Rules::embedded()?;
        rules.checks = crate::checks::ChecksConfig::from_toml(
            "checks.toml",
            "[confidence]\nerror = 0.8\nwarning = 0.6\n[rules.CC101]\nenabled = false\n",
        )?;
        let r =
            check_with(&rules, &[("a.txt", "The treaty has 40 articles."), ("b.txt", "The treaty has 41 articles.")])?;
        assert!(r.conflicts.is_empty());
        Ok(())
    }

    #[test]
    fn renders_both_sides() -> crate::TestResult {
        let r = check(&[("a.txt", "Intro.\nThe treaty has 40 articles."), ("b.txt", "The treaty has 41 articles.")])?;
        let text = crate::render::human::render(&r, false, 100);
        let mut s = insta::Settings::clone_current();
        s.set_snapshot_path("../../snapshots");
        s.set_prepend_module_to_snapshot(false);
        s.bind(|| insta::assert_snapshot!("cc101_human", text));
        Ok(())
    }
}
