//! Every language pack loads, keeps its lists clean, and its own example sentences parse
//! to the values the pack states. Packs are data: this test is what keeps them honest.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::rules;
use crosscheck::lang::Rules;
use crosscheck::source::Source;
use crosscheck::{Options, analyze};

fn value_text(c: &crosscheck::claim::Claim) -> String {
    let (lo, hi) = (c.value.low_string(), c.value.high_string());
    match (lo, hi) {
        (Some(l), Some(h)) if l == h => l,
        (l, h) => format!("{}..{}", l.unwrap_or_default(), h.unwrap_or_default()),
    }
}

#[test]
fn every_pack_loads_with_the_core_languages() {
    let r = rules();
    for code in ["en", "ur", "vi"] {
        assert!(r.pack(code).is_some(), "pack {code} missing");
    }
}

#[test]
fn pack_examples_yield_their_values() {
    let r = rules();
    let mut checked = 0;
    for pack in &r.packs {
        assert!(!pack.examples.is_empty(), "pack {} has no examples", pack.code);
        for ex in &pack.examples {
            let src = Source { path: format!("{}-example", pack.code), text: ex.text.as_str().into() };
            let report = match analyze(&r, &[src], &Options { lang: Some(pack.code.clone()), ..Options::default() }) {
                Ok(rep) => rep,
                Err(e) => panic!("{}: {e}", pack.code),
            };
            let got: Vec<String> = report.claims.iter().map(value_text).collect();
            assert_eq!(got, ex.values, "pack {}: {:?}", pack.code, ex.text);
            if !ex.measures.is_empty() {
                let measures: Vec<String> =
                    report.claims.iter().map(|c| c.measure.as_deref().unwrap_or("-").to_string()).collect();
                assert_eq!(measures, ex.measures, "pack {}: {:?}", pack.code, ex.text);
            }
            if !ex.keys.is_empty() {
                let keys: Vec<String> = report
                    .claims
                    .iter()
                    .map(|c| {
                        let part = |p: &Option<std::sync::Arc<str>>| p.as_deref().unwrap_or("-").to_string();
                        format!("{} {} {}", part(&c.subject), part(&c.predicate), part(&c.time))
                    })
                    .collect();
                assert_eq!(keys, ex.keys, "pack {}: keys of {:?}", pack.code, ex.text);
            }
            // Spans point at the original bytes.
            for c in &report.claims {
                assert_eq!(&ex.text[c.start..c.end], c.text);
            }
            checked += 1;
        }
    }
    assert!(checked >= 12);
}

#[test]
fn pack_lists_have_no_duplicates() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/lang");
    for entry in std::fs::read_dir(&dir).expect("rules/lang") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read pack");
        let value: toml::Value = toml::from_str(&text).expect("pack is TOML");
        let mut lists = Vec::new();
        collect_lists(&value, String::new(), &mut lists);
        for (name, items) in lists {
            let mut seen = std::collections::HashSet::new();
            for it in &items {
                assert!(seen.insert(it), "{}: {name} lists {it:?} twice", path.display());
            }
        }
    }
}

#[test]
fn every_predicate_time_and_subject_id_of_the_packs_has_words_for_messages() {
    // Messages name a key's predicate, time and subject by their label in measures.toml;
    // an id without one would be printed as it is ("in_force", "day 1", "the health").
    let r = rules();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/lang");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("rules/lang") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read pack");
        let value: toml::Value = toml::from_str(&text).expect("pack is TOML");
        let ids = |section: &str| -> Vec<String> {
            value
                .get(section)
                .and_then(toml::Value::as_table)
                .map(|t| t.values().filter_map(|v| v.as_str().map(String::from)).collect())
                .unwrap_or_default()
        };
        for id in ids("predicates").into_iter().chain(ids("sides")) {
            assert!(r.measures.has_predicate_label(&id), "{}: predicate {id:?} has no label", path.display());
            checked += 1;
        }
        for id in ids("times") {
            assert!(r.measures.has_time_label(&id), "{}: time {id:?} has no label", path.display());
            checked += 1;
        }
        for id in ids("subjects") {
            assert!(r.measures.has_subject_label(&id), "{}: subject {id:?} has no label", path.display());
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn every_dual_counts_a_measure_the_packs_know() {
    // A dual noun's claim takes the measure id it lists: one that no pack's [measures]
    // gives would never meet another claim of its kind.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/lang");
    let (mut known, mut duals) = (std::collections::BTreeSet::new(), Vec::new());
    for entry in std::fs::read_dir(&dir).expect("rules/lang") {
        let path = entry.expect("entry").path();
        let value: toml::Value = toml::from_str(&std::fs::read_to_string(&path).expect("read")).expect("TOML");
        let section = |name: &str| value.get(name).and_then(toml::Value::as_table).cloned().unwrap_or_default();
        known.extend(section("measures").values().filter_map(|v| v.as_str().map(String::from)));
        duals.extend(section("duals").into_iter().map(|(w, m)| (path.display().to_string(), w, m)));
    }
    assert!(duals.len() >= 10, "{duals:?}");
    for (path, word, measure) in duals {
        let m = measure.as_str().expect("a measure id");
        assert!(known.contains(m), "{path}: dual {word:?} counts {m:?}, which no pack's [measures] gives");
    }
}

#[test]
fn every_duration_unit_of_the_packs_has_a_plural_for_messages() {
    // "5 days", not "5 day": a duration's unit is the part of its id after the colon.
    let r = rules();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/lang");
    let mut units = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("rules/lang") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read pack");
        for (at, _) in text.match_indices("\"duration:") {
            let rest = &text[at + "\"duration:".len()..];
            units.insert(rest[..rest.find('"').expect("closing quote")].to_string());
        }
    }
    assert!(units.len() >= 4, "{units:?}");
    for unit in &units {
        assert!(r.measures.has_unit_plural(unit), "duration unit {unit:?} has no plural in measures.toml");
        assert_ne!(r.measures.unit_words(unit, false), unit.as_str());
        assert_eq!(r.measures.unit_words(unit, true), unit.as_str());
    }
    assert_eq!(r.measures.unit_words("USD", false), "USD");
}

fn collect_lists(v: &toml::Value, at: String, out: &mut Vec<(String, Vec<String>)>) {
    match v {
        toml::Value::Table(t) => {
            for (k, x) in t {
                if k != "examples" {
                    collect_lists(x, format!("{at}.{k}"), out);
                }
            }
        }
        toml::Value::Array(a) => {
            let items: Vec<String> = a.iter().filter_map(|x| x.as_str().map(String::from)).collect();
            if items.len() == a.len() {
                out.push((at, items));
            }
        }
        _ => {}
    }
}

#[test]
fn a_pack_from_a_directory_adds_a_language() {
    // A new language is a data file: no Rust change. This one reads Esperanto numbers.
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(dir.path().join("lang")).expect("mkdir");
    std::fs::write(
        dir.path().join("lang/eo.toml"),
        r#"
[language]
code = "eo"
name = "Esperanto"
scripts = ["Latin"]
detect = ["la", "kaj", "de"]

[numbers.words]
"du" = 2
"dek" = 10

[measures]
"landoj" = "country"

[[examples]]
text = "du landoj"
values = ["2"]
"#,
    )
    .expect("write");
    let r = Rules::with_dir(dir.path()).expect("rules with eo");
    let src = Source {
        path: "eo.txt".into(),
        text: "La traktaton subskribis dek landoj kaj du landoj de la regiono.".into(),
    };
    let report = analyze(&r, &[src], &Options { lang: Some("eo".into()), ..Options::default() }).expect("analyze");
    let got: Vec<(String, Option<String>)> =
        report.claims.iter().map(|c| (value_text(c), c.measure.as_deref().map(String::from))).collect();
    assert_eq!(got, vec![("10".into(), Some("country".into())), ("2".into(), Some("country".into()))]);
}
