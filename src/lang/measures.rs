//! Properties of measures (`rules/measures.toml`): what a rule may compare and how.

use crate::Error;
use crate::value::{Date, Tolerance};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureEntry {
    label: String,
    /// The singular of `label`, for a count of exactly one ("1 article").
    #[serde(default)]
    one: Option<String>,
    #[serde(default)]
    timeless: bool,
    #[serde(default = "yes")]
    compare: bool,
    #[serde(default)]
    requires_subject: bool,
    #[serde(default)]
    requires_predicate: bool,
    #[serde(default)]
    about: Option<String>,
    #[serde(default)]
    nearly: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    bounded_by: Option<String>,
    /// Predicates under which the count only grows (`sign`, `ratify`, `die`); `*` for any.
    #[serde(default)]
    grows_when: Vec<String>,
    /// Whether a bare number beside a claim of this measure may stand for one more by
    /// ellipsis ("of 360 votes, 212 were for"): true for counts, false for dates, money,
    /// percents and durations, which a bare number does not continue.
    #[serde(default = "yes")]
    elliptic: bool,
    #[serde(default)]
    significant: Vec<String>,
    #[serde(default)]
    crowded: bool,
    #[serde(default)]
    sided: bool,
    #[serde(default)]
    tally: Vec<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    labels: bool,
    #[serde(default)]
    on_a_day: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasuresFile {
    defaults: Defaults,
    measure: BTreeMap<String, MeasureEntry>,
    #[serde(default)]
    predicates: PredicatesSection,
    #[serde(default)]
    subjects: SubjectsSection,
    #[serde(default)]
    times: TimesSection,
    #[serde(default)]
    units: UnitsSection,
}

/// How messages write units ("day" → "days").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsSection {
    /// Unit → its plural.
    #[serde(default)]
    plural: BTreeMap<String, String>,
}

/// How messages name the time ids of the packs' `[times]` ("day 1", "close").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimesSection {
    /// Time id → the words messages use for it ("close" → "at the close").
    #[serde(default)]
    labels: BTreeMap<String, String>,
    /// Time ids of the phases of one event, in the order they happen ("day 1" before
    /// "close").
    #[serde(default)]
    order: Vec<String>,
    /// The names of the twelve months, for dates in messages ("as of 3 May 2019"). Without
    /// them messages write dates as ISO does ("as of 2019-05-03").
    #[serde(default)]
    months: Vec<String>,
}

/// How subjects are chosen.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectsSection {
    /// Subjects that name an event or a venue (a ceremony, a conference): a figure in a
    /// sentence that also names a thing (the treaty, the fund) is about the thing.
    #[serde(default)]
    events: Vec<String>,
    /// Events that happen at one moment (an earthquake): their date is the event's date,
    /// whatever verb is near it.
    #[serde(default)]
    instant: Vec<String>,
    /// Subject id → the words messages use for it ("convention" → "the convention").
    #[serde(default)]
    labels: BTreeMap<String, String>,
}

/// How predicates take part in keys.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PredicatesSection {
    /// Predicates that say how a figure is reported, not what is counted ("reached",
    /// "rose to"): left out of keys, as if the sentence named none.
    #[serde(default)]
    neutral: Vec<String>,
    /// Predicate ids that name one act: id → the id keys use ("adopt" → "approve").
    #[serde(default)]
    same: BTreeMap<String, String>,
    /// Predicate id → the words messages use for it ("sign" → "signed").
    #[serde(default)]
    labels: BTreeMap<String, String>,
    /// Predicates of what an event does (people die, buildings are damaged): a figure with
    /// one that names no subject in its sentence takes only an event named before.
    #[serde(default)]
    events: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Defaults {
    about: String,
    nearly: String,
}

/// What the rules know of one measure.
#[derive(Debug, Clone)]
pub struct MeasureInfo {
    /// A plural noun for messages: "articles", "countries".
    pub label: String,
    /// Its singular, for a count of exactly one ("article"); none for a measure that
    /// is no count ("percentage", "amount").
    pub one: Option<String>,
    /// A property that does not change over time (the number of articles of a treaty).
    pub timeless: bool,
    /// Whether values of this measure are compared at all (ordinals, references: no).
    pub compare: bool,
    pub requires_subject: bool,
    pub requires_predicate: bool,
    pub tolerance: Tolerance,
    /// The unit reported with claims of this measure (`year` for `duration:year`).
    pub unit: Option<String>,
    /// For references ("Article 45"): the count measure that bounds them (`article`).
    pub bounded_by: Option<String>,
    /// Predicates under which the count only grows over time; `*` for any.
    pub grows_when: Vec<String>,
    /// A bare number beside such a claim may be another of its measure (see the file).
    pub elliptic: bool,
    /// Neutral predicates that do tell claims of this measure apart ("rose 4 %" is a
    /// growth, "4 %" a share).
    pub significant: Vec<String>,
    /// Sentences often list several figures of this measure for different subjects
    /// (shares of a budget): a subject found in such a sentence is a guess.
    pub crowded: bool,
    /// Counts of one side of a vote: a side word right beside a figure ("212 votes for",
    /// "148 against", pack `[sides]`) is its predicate, and a bare number beside a side
    /// word continues the count by ellipsis.
    pub sided: bool,
    /// The sides of the first and the second count of a tally ("212 votes to 148", pack
    /// `tally`): `["for", "against"]`, shared by the claims that take them.
    pub tally: Vec<Arc<str>>,
    /// For references: the predicates that say what the referenced part governs ("Article
    /// 40 sets out entry into force"). Claims of this measure take only these as their
    /// predicate, and only they; no other claim takes them.
    pub topics: Vec<String>,
    /// The values are names, not amounts (article numbers): a document that gives several
    /// under one key speaks of several things, and none of them is compared.
    pub labels: bool,
    /// Figures of an act done on one day (votes cast): a day named in the sentence is
    /// their time before a year that stands nearer.
    pub on_a_day: bool,
}

impl MeasureInfo {
    /// The noun for claims of this measure: its singular for a claim that states one
    /// thing, when the rules give one; else its label.
    pub fn noun(&self, one: bool) -> &str {
        match (&self.one, one) {
            (Some(s), true) => s,
            _ => &self.label,
        }
    }

    /// True when claims of this measure under this predicate can only grow over time.
    pub fn grows(&self, predicate: Option<&str>) -> bool {
        self.grows_when.iter().any(|p| p == "*" || Some(p.as_str()) == predicate)
    }
}

#[derive(Debug, Clone)]
pub struct Measures {
    /// Looked up for every claim by several stages: hashed, not searched in a tree.
    map: FxHashMap<String, MeasureInfo>,
    /// Each entry's unit, shared by the claims that report it.
    units: FxHashMap<String, Arc<str>>,
    default: MeasureInfo,
    neutral: Vec<String>,
    same: FxHashMap<String, Arc<str>>,
    events: Vec<String>,
    instant: Vec<String>,
    /// Every measure's `topics`: predicates only references take.
    topics: Vec<String>,
    /// The words messages use for predicate and time ids.
    predicate_labels: FxHashMap<String, String>,
    time_labels: FxHashMap<String, String>,
    /// See `TimesSection::months`: empty, or the twelve names.
    months: Vec<String>,
    unit_plurals: FxHashMap<String, String>,
    /// `[times] order`: each phase's place.
    time_order: FxHashMap<String, usize>,
    /// `[predicates] events`.
    event_acts: Vec<String>,
    subject_labels: FxHashMap<String, String>,
}

impl Measures {
    pub fn from_toml(path: &str, text: &str) -> Result<Measures, Error> {
        let file: MeasuresFile = toml::from_str(text).map_err(|e| Error::rules(path, text, e))?;
        let dec = |what: &str, s: &str| {
            Decimal::from_str(s).map_err(|e| Error::Rules {
                path: path.into(),
                message: format!("{what}: {s:?} is not a decimal: {e}"),
            })
        };
        let about = dec("defaults.about", &file.defaults.about)?;
        let nearly = dec("defaults.nearly", &file.defaults.nearly)?;
        let mut map = FxHashMap::default();
        for (id, e) in file.measure {
            let tolerance = Tolerance {
                about: e.about.as_deref().map(|s| dec(&id, s)).transpose()?.unwrap_or(about),
                nearly: e.nearly.as_deref().map(|s| dec(&id, s)).transpose()?.unwrap_or(nearly),
                rounding: true,
            };
            let words = |key: &str, s: &str| {
                if s.trim().is_empty() {
                    return Err(Error::Rules { path: path.into(), message: format!("measure.{id}.{key}: empty") });
                }
                Ok(s.to_string())
            };
            let label = words("label", &e.label)?;
            let one = e.one.as_deref().map(|s| words("one", s)).transpose()?;
            map.insert(
                id,
                MeasureInfo {
                    label,
                    one,
                    timeless: e.timeless,
                    compare: e.compare,
                    requires_subject: e.requires_subject,
                    requires_predicate: e.requires_predicate,
                    tolerance,
                    unit: e.unit,
                    bounded_by: e.bounded_by,
                    grows_when: e.grows_when,
                    elliptic: e.elliptic,
                    significant: e.significant,
                    crowded: e.crowded,
                    sided: e.sided,
                    tally: e.tally.iter().map(|s| Arc::from(s.as_str())).collect(),
                    topics: e.topics,
                    labels: e.labels,
                    on_a_day: e.on_a_day,
                },
            );
        }
        let default = MeasureInfo {
            label: "values".into(),
            one: Some("value".into()),
            timeless: false,
            compare: true,
            requires_subject: false,
            requires_predicate: false,
            tolerance: Tolerance { about, nearly, rounding: true },
            unit: None,
            bounded_by: None,
            grows_when: Vec::new(),
            elliptic: true,
            significant: Vec::new(),
            crowded: false,
            sided: false,
            tally: Vec::new(),
            topics: Vec::new(),
            labels: false,
            on_a_day: false,
        };
        let units = map
            .iter()
            .filter_map(|(id, m): (&String, &MeasureInfo)| m.unit.as_deref().map(|u| (id.clone(), Arc::from(u))))
            .collect();
        let same = file.predicates.same.into_iter().map(|(from, to)| (from, Arc::from(to))).collect();
        let labels = |section: &str, m: BTreeMap<String, String>| -> Result<FxHashMap<String, String>, Error> {
            if let Some((id, _)) = m.iter().find(|(_, l)| l.trim().is_empty()) {
                return Err(Error::Rules { path: path.into(), message: format!("{section}: {id:?} is empty") });
            }
            Ok(m.into_iter().collect())
        };
        let predicate_labels = labels("predicates.labels", file.predicates.labels)?;
        let time_labels = labels("times.labels", file.times.labels)?;
        let unit_plurals = labels("units.plural", file.units.plural)?;
        // A list that may name only ids another table gives ("instant" only events).
        let only_known = |section: &str, ids: &[String], table: &str, known: &dyn Fn(&str) -> bool| {
            let Some(id) = ids.iter().find(|id| !known(id)) else { return Ok(()) };
            Err(Error::Rules { path: path.into(), message: format!("{section}: {id:?} is not listed in {table}") })
        };
        if !file.times.months.is_empty() && file.times.months.len() != 12 {
            return Err(Error::Rules {
                path: path.into(),
                message: format!("times.months: names {} months, not 12", file.times.months.len()),
            });
        }
        if file.times.months.iter().any(|m| m.trim().is_empty()) {
            return Err(Error::Rules { path: path.into(), message: "times.months: a month name is empty".into() });
        }
        only_known("times.order", &file.times.order, "times.labels", &|id| time_labels.contains_key(id))?;
        let mut time_order = FxHashMap::default();
        for (k, id) in file.times.order.iter().enumerate() {
            if time_order.insert(id.clone(), k).is_some() {
                return Err(Error::Rules {
                    path: path.into(),
                    message: format!("times.order: {id:?} is listed twice"),
                });
            }
        }
        let SubjectsSection { events, instant, labels: subject_labels } = file.subjects;
        let subject_labels = labels("subjects.labels", subject_labels)?;
        only_known("subjects.instant", &instant, "subjects.events", &|id| events.iter().any(|e| e == id))?;
        let event_acts = file.predicates.events;
        only_known("predicates.events", &event_acts, "predicates.labels", &|id| predicate_labels.contains_key(id))?;
        let mut topics: Vec<String> = map.values().flat_map(|m: &MeasureInfo| m.topics.iter().cloned()).collect();
        topics.sort();
        topics.dedup();
        Ok(Measures {
            event_acts,
            map,
            units,
            default,
            neutral: file.predicates.neutral,
            same,
            events,
            instant,
            topics,
            predicate_labels,
            time_labels,
            months: file.times.months,
            unit_plurals,
            time_order,
            subject_labels,
        })
    }

    /// The predicate a key uses for a claim's predicate: none for a neutral one (or, for a
    /// measure with `topics`, for any other than a topic), the common id for synonyms.
    pub fn key_predicate(&self, measure: &str, p: Option<&Arc<str>>) -> Option<Arc<str>> {
        let p = p?;
        let info = self.get(measure);
        // A reference is keyed by its topic only: the verb of its sentence is the sentence's.
        if !info.topics.is_empty() && !info.topics.iter().any(|t| t.as_str() == &**p) {
            return None;
        }
        let significant = info.significant.iter().any(|n| n.as_str() == &**p);
        if !significant && self.neutral.iter().any(|n| n.as_str() == &**p) {
            return None;
        }
        match self.same.get(&**p) {
            Some(to) => Some(to.clone()),
            None => Some(p.clone()),
        }
    }

    /// True for a subject id that names an event or a venue (see `[subjects] events`).
    pub fn is_event(&self, subject: &str) -> bool {
        self.events.iter().any(|e| e == subject)
    }

    /// True for a predicate of what an event does (see `[predicates] events`).
    pub fn is_event_act(&self, predicate: &str) -> bool {
        self.event_acts.iter().any(|p| p == predicate)
    }

    /// The measure `id` when it counts one side of a vote (option `sided`).
    pub fn sided<'a>(&self, id: Option<&'a str>) -> Option<&'a str> {
        id.filter(|id| self.get(id).sided)
    }

    /// True for a predicate that only references take (some measure's `topics`).
    pub fn is_topic(&self, predicate: &str) -> bool {
        self.topics.iter().any(|t| t == predicate)
    }

    /// The words messages use for a predicate id ("sign" → "signed"); an id the rules
    /// give no words for is shown as it is, its underscores as spaces.
    pub fn predicate_label(&self, id: &str) -> String {
        match self.predicate_labels.get(id) {
            Some(l) => l.clone(),
            None => id.replace('_', " "),
        }
    }

    /// How messages write `unit` for a figure: its plural unless the figure is one thing
    /// (`one`), the unit as it is when the rules give no plural ("USD").
    pub fn unit_words<'a>(&'a self, unit: &'a str, one: bool) -> &'a str {
        match self.unit_plurals.get(unit) {
            Some(p) if !one => p,
            _ => unit,
        }
    }

    /// Whether the rules give a plural for a unit.
    pub fn has_unit_plural(&self, unit: &str) -> bool {
        self.unit_plurals.contains_key(unit)
    }

    /// Whether the rules give words for a predicate id.
    pub fn has_predicate_label(&self, id: &str) -> bool {
        self.predicate_labels.contains_key(id)
    }

    /// The words messages use for a time: a time id's label ("close" → "at the close"),
    /// or a date with its preposition ("in 2019", "as of 3 May 2019", "from 3 May 2019 to
    /// 4 May 2019"); anything else as it is.
    pub fn time_label(&self, time: &str) -> String {
        if let Some(l) = self.time_labels.get(time) {
            return l.clone();
        }
        if let Some((a, b)) = time.split_once("..")
            && let (Some(a), Some(b)) = (Date::parse(a), Date::parse(b))
        {
            return format!("from {} to {}", self.date_words(&a), self.date_words(&b));
        }
        match Date::parse(time) {
            // A figure keyed by a day was true that day, whether the text said "on" or
            // "by" it (the key does not keep which): "as of" reads right for both. A year
            // or a month is a period.
            Some(d) => format!("{} {}", if d.day.is_some() { "as of" } else { "in" }, self.date_words(&d)),
            None => time.to_string(),
        }
    }

    /// A date written as ISO writes it ("2019-05-03", a document's date) as messages write
    /// it ("3 May 2019"); any other text as it is.
    pub fn iso_words(&self, text: &str) -> String {
        Date::parse(text).map_or_else(|| text.to_string(), |d| self.date_words(&d))
    }

    /// A date's label ("2023-02-08", "2019-05-03–2019-05-04", as [`crate::value::Value`]
    /// displays it) in words ("8 February 2023", "3 May 2019–4 May 2019"); any other label
    /// as it is.
    pub fn date_label_words(&self, label: &str) -> String {
        match label.split_once('–') {
            Some((a, b)) => format!("{}–{}", self.iso_words(a), self.iso_words(b)),
            None => self.iso_words(label),
        }
    }

    /// A date as messages write it: "3 May 2019", "3 May" (no year stated), "May 2019",
    /// "2019"; as ISO writes it when the rules name no months.
    pub fn date_words(&self, d: &Date) -> String {
        let month = d.month.and_then(|m| self.months.get(usize::from(m).checked_sub(1)?));
        let Some(month) = month else { return d.to_string() };
        let mut out = String::new();
        if let Some(day) = d.day {
            out.push_str(&format!("{day} "));
        }
        out.push_str(month);
        if let Some(y) = d.year {
            out.push_str(&format!(" {y}"));
        }
        out
    }

    /// The words messages use for a subject after "of": its label ("health" → "health
    /// spending"), else the id with an article ("the treaty").
    pub fn subject_label(&self, id: &str) -> String {
        match self.subject_labels.get(id) {
            Some(l) => l.clone(),
            None => format!("the {id}"),
        }
    }

    /// Whether the rules give words for a subject id.
    pub fn has_subject_label(&self, id: &str) -> bool {
        self.subject_labels.contains_key(id)
    }

    /// The place of a phase of an event among `[times] order` ("day 1" before "close"),
    /// for ordering figures stated at phases rather than dates.
    pub fn phase_rank(&self, time: &str) -> Option<usize> {
        self.time_order.get(time).copied()
    }

    /// Whether the rules give words for a time id.
    pub fn has_time_label(&self, id: &str) -> bool {
        self.time_labels.contains_key(id)
    }

    /// True for an event that happens at one moment (see `[subjects] instant`).
    pub fn is_instant(&self, subject: &str) -> bool {
        self.instant.iter().any(|e| e == subject)
    }

    /// Overrides the tolerances of a measure (from the project configuration).
    pub fn set_tolerance(&mut self, id: &str, about: Option<Decimal>, nearly: Option<Decimal>) {
        let base = self.get(id).clone();
        let entry = self.map.entry(id.to_string()).or_insert(base);
        if let Some(u) = entry.unit.as_deref()
            && !self.units.contains_key(id)
        {
            self.units.insert(id.to_string(), Arc::from(u));
        }
        if let Some(a) = about {
            entry.tolerance.about = a;
        }
        if let Some(n) = nearly {
            entry.tolerance.nearly = n;
        }
    }

    /// The entry of a measure id; `money:USD` falls back to `money`, unknown ids to defaults.
    pub fn get(&self, id: &str) -> &MeasureInfo {
        self.map
            .get(id)
            .or_else(|| id.split_once(':').and_then(|(head, _)| self.map.get(head)))
            .unwrap_or(&self.default)
    }

    /// The unit of a measure id: its entry's unit, else the part after the colon.
    pub fn unit(&self, id: &str) -> Option<Arc<str>> {
        if let Some(u) = self.units.get(id) {
            return Some(u.clone());
        }
        id.split_once(':').map(|(_, u)| u.into())
    }
}

#[cfg(test)]
mod tests {
    use super::Measures;

    const FILE: &str = "rules/measures.toml";

    fn measures(entries: &str) -> Result<Measures, crate::Error> {
        Measures::from_toml(FILE, &format!("[defaults]\nabout = \"0.1\"\nnearly = \"0.1\"\n{entries}"))
    }

    #[test]
    fn the_singular_is_for_one_and_the_label_for_the_rest() -> crate::TestResult {
        let m = measures("[measure.article]\nlabel = \"articles\"\none = \"article\"\n")?;
        assert_eq!(m.get("article").noun(true), "article");
        assert_eq!(m.get("article").noun(false), "articles");
        Ok(())
    }

    #[test]
    fn a_measure_without_a_singular_uses_its_label() -> crate::TestResult {
        let m = measures("[measure.percent]\nlabel = \"percentage\"\n")?;
        assert_eq!(m.get("percent").noun(true), "percentage");
        assert_eq!(m.get("percent").noun(false), "percentage");
        Ok(())
    }

    #[test]
    fn a_malformed_singular_is_an_error_that_names_the_file() {
        for (entry, what) in
            [("one = 1", "invalid type"), ("one = [\"article\"]", "invalid type"), ("one = \" \"", "one")]
        {
            let e = measures(&format!("[measure.article]\nlabel = \"articles\"\n{entry}\n"));
            let text = e.as_ref().map(|_| String::new()).unwrap_or_else(|e| e.to_string());
            assert!(text.starts_with(FILE) && text.contains(what), "{entry}: {text}");
        }
    }

    #[test]
    fn predicates_and_times_read_in_the_words_of_the_rules() -> crate::TestResult {
        let m = measures(
            "[measure.country]\nlabel = \"countries\"\n[predicates.labels]\nin_force = \"on entry into force\"\n[times.labels]\nclose = \"at the close\"\n",
        )?;
        assert_eq!(m.predicate_label("in_force"), "on entry into force");
        // An id the rules give no words for is shown as it is, without underscores.
        assert_eq!(m.predicate_label("take_part"), "take part");
        assert_eq!(m.time_label("close"), "at the close");
        // Without month names, dates read as ISO writes them.
        assert_eq!(m.time_label("2019"), "in 2019");
        assert_eq!(m.time_label("2019-05"), "in 2019-05");
        assert_eq!(m.time_label("2019-05-03"), "as of 2019-05-03");
        assert_eq!(m.time_label("--05-03"), "as of --05-03");
        assert_eq!(m.time_label("2019-05-03..2019-05-04"), "from 2019-05-03 to 2019-05-04");
        // Only the exact ISO form is a date.
        assert_eq!(m.time_label("2019-5-3"), "2019-5-3");
        assert_eq!(m.time_label("day 9"), "day 9");
        Ok(())
    }

    #[test]
    fn dates_read_with_the_month_names_of_the_rules() -> crate::TestResult {
        let names = (1..=12).map(|k| format!("\"M{k}\"")).collect::<Vec<_>>().join(", ");
        let m = measures(&format!("[measure.country]\nlabel = \"countries\"\n[times]\nmonths = [{names}]\n"))?;
        assert_eq!(m.time_label("2019"), "in 2019");
        assert_eq!(m.time_label("2019-05"), "in M5 2019");
        assert_eq!(m.time_label("2019-12-03"), "as of 3 M12 2019");
        // A day without its year is still a day.
        assert_eq!(m.time_label("--01-31"), "as of 31 M1");
        assert_eq!(m.time_label("2019-05-03..2019-05-04"), "from 3 M5 2019 to 4 M5 2019");
        // The shipped rules name them.
        let shipped = crate::lang::Rules::embedded()?.measures;
        assert_eq!(shipped.time_label("2019-05-03"), "as of 3 May 2019");
        Ok(())
    }

    #[test]
    fn a_month_list_names_twelve_months() {
        for months in ["[\"Jan\"]", "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\" \"]"] {
            let e = measures(&format!("[measure.country]\nlabel = \"countries\"\n[times]\nmonths = {months}\n"));
            let text = e.as_ref().map(|_| String::new()).unwrap_or_else(|e| e.to_string());
            assert!(text.starts_with(FILE) && text.contains("times.months: "), "{months}: {text}");
        }
    }

    #[test]
    fn an_empty_label_or_plural_is_an_error_that_names_the_file() {
        for section in [
            "[predicates.labels]\nsign = \"\"",
            "[times.labels]\nclose = \" \"",
            "[times]\nlabels = 1",
            "[units.plural]\nday = \"\"",
            "[subjects.labels]\nfund = \" \"",
            "[units]\nplurals = {}",
        ] {
            let e = measures(&format!("[measure.country]\nlabel = \"countries\"\n{section}\n"));
            let text = e.as_ref().map(|_| String::new()).unwrap_or_else(|e| e.to_string());
            assert!(text.starts_with(FILE), "{section}: {text}");
        }
    }

    #[test]
    fn a_phase_order_names_labelled_times_once_each() -> crate::TestResult {
        let base = "[measure.country]\nlabel = \"countries\"\n[times.labels]\nopen = \"at the opening\"\nclose = \"at the close\"\n";
        let m = measures(&format!("[times]\norder = [\"open\", \"close\"]\n{base}"))?;
        assert_eq!((m.phase_rank("open"), m.phase_rank("close"), m.phase_rank("2019")), (Some(0), Some(1), None));
        for (order, error) in [
            ("[\"open\", \"noon\"]", "times.order: \"noon\" is not listed in times.labels"),
            ("[\"open\", \"open\"]", "times.order: \"open\" is listed twice"),
        ] {
            let e = measures(&format!("[times]\norder = {order}\n{base}"));
            let text = e.as_ref().map(|_| String::new()).unwrap_or_else(|e| e.to_string());
            assert!(text.starts_with(FILE) && text.contains(error), "{order}: {text}");
        }
        Ok(())
    }

    #[test]
    fn an_event_act_must_be_a_labelled_predicate() -> crate::TestResult {
        let base = "[measure.person]\nlabel = \"people\"\n[predicates.labels]\ndie = \"dead\"\n";
        let m = measures(&format!("[predicates]\nevents = [\"die\"]\n{base}"))?;
        assert!(m.is_event_act("die") && !m.is_event_act("sign"));
        let e = measures(&format!("[predicates]\nevents = [\"die\", \"flee\"]\n{base}"));
        let text = e.as_ref().map(|_| String::new()).unwrap_or_else(|e| e.to_string());
        assert!(text.starts_with(FILE) && text.contains("predicates.events: \"flee\""), "{text}");
        Ok(())
    }

    #[test]
    fn an_instant_must_be_an_event() {
        let e = measures(
            "[measure.person]\nlabel = \"people\"\n[subjects]\nevents = [\"ceremony\"]\ninstant = [\"quake\"]\n",
        );
        let text = e.as_ref().map(|_| String::new()).unwrap_or_else(|e| e.to_string());
        assert!(
            text.starts_with(FILE) && text.contains("subjects.instant: \"quake\" is not listed in subjects.events"),
            "{text}"
        );
    }

    #[test]
    fn every_shipped_count_has_a_singular() -> crate::TestResult {
        // A count of one in the shipped rules reads "1 article", not "1 articles".
        let m = Measures::from_toml(FILE, include_str!("../../rules/measures.toml"))?;
        for (id, one) in [("article", "article"), ("country", "country"), ("person", "person"), ("vote", "vote")] {
            assert_eq!(m.get(id).noun(true), one);
        }
        Ok(())
    }

    #[test]
    fn an_id_with_a_unit_falls_back_to_its_head_unless_it_has_an_entry() -> crate::TestResult {
        let (path, text) = super::super::MEASURES;
        let plain = Measures::from_toml(path, text)?;
        assert_eq!(plain.get("money:XYZ").label, plain.get("money").label);
        assert_eq!(plain.get("no such measure").label, plain.default.label);
        let own = format!("{text}\n[measure.\"money:XYZ\"]\nlabel = \"xyz amounts\"\n");
        let with_own = Measures::from_toml(path, &own)?;
        assert_eq!(with_own.get("money:XYZ").label, "xyz amounts");
        assert_eq!(with_own.get("money:ABC").label, plain.get("money").label);
        Ok(())
    }
}
