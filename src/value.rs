//! Values as exact decimal intervals, and the qualifiers that made them.
//!
//! No binary floats anywhere: "12.3 trillion" must equal "12.3 trillion".

use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// How the text qualifies a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    /// Explicitly stated as exact ("equal to 20", "20 के बराबर"): compared as [`Qualifier::Exact`]
    /// everywhere, and printed as `exact` in machine output (the JSON contract's closed set).
    #[serde(rename(serialize = "exact", deserialize = "stated"))]
    Stated,
    About,
    MoreThan,
    AtLeast,
    LessThan,
    UpTo,
    Nearly,
    Range,
    Ordinal,
    Reference,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact | Qualifier::Stated => "exact",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::LessThan => "less_than",
            Qualifier::UpTo => "up_to",
            Qualifier::Nearly => "nearly",
            Qualifier::Range => "range",
            Qualifier::Ordinal => "ordinal",
            Qualifier::Reference => "reference",
        }
    }

    /// The word a listing for people shows: [`Qualifier::as_str`], but "exactly" for a
    /// stated equality.
    pub fn label(self) -> &'static str {
        match self {
            Qualifier::Stated => "exactly",
            q => q.as_str(),
        }
    }

    /// The qualifier the rules compare: a stated equality is exact.
    pub fn compared(self) -> Qualifier {
        match self {
            Qualifier::Stated => Qualifier::Exact,
            q => q,
        }
    }

    /// Parses the snake_case name used in packs and config files.
    pub fn parse(s: &str) -> Option<Qualifier> {
        Some(match s {
            "exact" => Qualifier::Exact,
            "stated" => Qualifier::Stated,
            "about" => Qualifier::About,
            "more_than" => Qualifier::MoreThan,
            "at_least" => Qualifier::AtLeast,
            "less_than" => Qualifier::LessThan,
            "up_to" => Qualifier::UpTo,
            "nearly" => Qualifier::Nearly,
            "range" => Qualifier::Range,
            _ => return None,
        })
    }
}

/// A calendar date, possibly partial: a year, a month of a year, a day of a month
/// with or without a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    pub fn year(y: i32) -> Date {
        Date { year: Some(y), month: None, day: None }
    }

    /// Reads exactly the ISO forms [`Date`] prints: `2019`, `2019-05`, `2019-05-03`,
    /// `--05-03`, with a month from 1 to 12 and a day from 1 to 31. Anything else (a
    /// range `2019-05-03..2019-05-04`, `2019-5`, `2019-13`, a phase such as `day 2`) is
    /// not a date.
    pub fn parse(s: &str) -> Option<Date> {
        let field = |p: &str, max: u8| p.parse::<u8>().ok().filter(|v| (1..=max).contains(v));
        let date = if let Some(rest) = s.strip_prefix("--") {
            let (m, d) = rest.split_once('-')?;
            Date { year: None, month: Some(field(m, 12)?), day: Some(field(d, 31)?) }
        } else {
            let mut it = s.split('-');
            let year = it.next()?.parse::<i32>().ok()?;
            let mut next = |max: u8| match it.next() {
                Some(p) => field(p, max).map(Some),
                None => Some(None),
            };
            let (month, day) = (next(12)?, next(31)?);
            if it.next().is_some() {
                return None;
            }
            Date { year: Some(year), month, day }
        };
        // Only the printed form: no sign, no missing or extra zero.
        (date.to_string() == s).then_some(date)
    }

    /// The first and last day this date covers, as ordinal numbers (year*10000+month*100+day),
    /// which order like dates. Partial dates without a year compare within a year only.
    pub fn bounds(&self) -> (i64, i64) {
        let y = self.year.unwrap_or(0) as i64 * 10_000;
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let v = y + m as i64 * 100 + d as i64;
                (v, v)
            }
            (Some(m), None) => (y + m as i64 * 100 + 1, y + m as i64 * 100 + 31),
            _ => (y + 101, y + 1231),
        }
    }
}

impl fmt::Display for Date {
    /// ISO 8601 with reduced precision: `2019`, `2019-05`, `2019-05-03`, `--05-03`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => write!(f, "{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => write!(f, "{y:04}-{m:02}"),
            (Some(y), None, _) => write!(f, "{y:04}"),
            (None, Some(m), Some(d)) => write!(f, "--{m:02}-{d:02}"),
            (None, Some(m), None) => write!(f, "--{m:02}"),
            (None, None, _) => write!(f, "--"),
        }
    }
}

/// The bounds the text states, before any tolerance. `None` is unbounded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Number { low: Option<Decimal>, high: Option<Decimal>, precision: Decimal },
    Date { low: Date, high: Date },
}

impl Value {
    pub fn exact(v: Decimal, precision: Decimal) -> Value {
        Value::Number { low: Some(v), high: Some(v), precision }
    }

    pub fn low_string(&self) -> Option<String> {
        match self {
            Value::Number { low, .. } => low.map(fmt_decimal),
            Value::Date { low, .. } => Some(date_string(low)),
        }
    }

    pub fn high_string(&self) -> Option<String> {
        match self {
            Value::Number { high, .. } => high.map(fmt_decimal),
            Value::Date { high, .. } => Some(date_string(high)),
        }
    }

    /// Appends the text of [`Value::low_string`] (nothing when it is `None`); returns
    /// whether there was one. For renderers that write into a buffer.
    pub fn write_low(&self, out: &mut Vec<u8>) -> bool {
        self.write_end(true, out)
    }

    /// Like [`Value::write_low`], for the high end.
    pub fn write_high(&self, out: &mut Vec<u8>) -> bool {
        self.write_end(false, out)
    }

    fn write_end(&self, low_end: bool, out: &mut Vec<u8>) -> bool {
        match self {
            Value::Number { low, high, .. } => match if low_end { low } else { high } {
                Some(d) => write_decimal(*d, out),
                None => return false,
            },
            Value::Date { low, high } => write_date(if low_end { low } else { high }, out),
        }
        true
    }

    /// A short human form: `40`, `30–35`, `2001-02-03…2001-02-04`.
    pub fn display(&self) -> String {
        // Written into one buffer: the rules label every claim of every conflict.
        let mut out = Vec::with_capacity(24);
        let low = self.write_low(&mut out);
        let split = out.len();
        let high = self.write_high(&mut out);
        match (low, high) {
            (true, true) if out[..split] == out[split..] => out.truncate(split),
            (true, true) => {
                let h = out.split_off(split);
                out.extend_from_slice("–".as_bytes());
                out.extend_from_slice(&h);
            }
            (true, false) => out.push(b'+'),
            (false, true) => {
                let h = std::mem::take(&mut out);
                out.extend_from_slice("≤".as_bytes());
                out.extend_from_slice(&h);
            }
            (false, false) => out.push(b'?'),
        }
        // Only ASCII digits, signs, points, dashes and the two signs above.
        String::from_utf8(out).unwrap_or_default()
    }
}

/// Formats a decimal without trailing zeros or exponent: `12300000000000`, `12.3`.
pub fn fmt_decimal(d: Decimal) -> String {
    let mut out = Vec::with_capacity(24);
    write_decimal(d, &mut out);
    // Only ASCII digits, a sign and a point are written.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the decimal digits of `n` (at most 39 of them for a `u128`).
pub(crate) fn write_digits(n: u128, out: &mut Vec<u8>) {
    // Nearly every number (ids, counts, money) fits a u64, where dividing by ten is a
    // multiplication; a 128-bit division is a library call per digit, so a wider number
    // is cut into parts of as many digits as a u64 can hold.
    const DIGITS: u32 = u64::MAX.ilog10();
    const PART: u128 = 10u128.pow(DIGITS);
    match u64::try_from(n) {
        Ok(small) => out.extend_from_slice(itoa::Buffer::new().format(small).as_bytes()),
        Err(_) => {
            write_digits(n / PART, out);
            write_u64((n % PART) as u64, DIGITS as usize, out);
        }
    }
}

/// The digits of `n`, padded with zeros to at least `width` of them.
fn write_u64(mut n: u64, width: usize, out: &mut Vec<u8>) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    while n > 0 || buf.len() - at < width {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend_from_slice(&buf[at..]);
}

/// Appends [`fmt_decimal`]'s text without building a `String`: the same digits as
/// `Decimal`'s `Display` of the normalized value (sign, integer part, point, fraction
/// padded to the scale), without going through a formatter.
pub fn write_decimal(d: Decimal, out: &mut Vec<u8>) {
    // An integer (scale 0) is its own normal form, but for the sign of zero.
    let n = if d.scale() == 0 && !d.is_zero() { d } else { d.normalize() };
    let m = n.mantissa();
    let scale = n.scale() as usize;
    if m < 0 {
        out.push(b'-');
    }
    let digits = m.unsigned_abs();
    if scale == 0 {
        write_digits(digits, out);
        return;
    }
    let mut buf = Vec::with_capacity(40);
    write_digits(digits, &mut buf);
    if buf.len() <= scale {
        out.extend_from_slice(b"0.");
        out.resize(out.len() + scale - buf.len(), b'0');
        out.extend_from_slice(&buf);
    } else {
        let point = buf.len() - scale;
        out.extend_from_slice(&buf[..point]);
        out.push(b'.');
        out.extend_from_slice(&buf[point..]);
    }
}

/// Appends a number of at least `width` digits, zero-padded (as `{:0width$}` does for a
/// non-negative value).
fn write_padded(v: u32, width: usize, out: &mut Vec<u8>) {
    // On the stack: the JSON writes two dates for every date claim.
    let mut buf = itoa::Buffer::new();
    let digits = buf.format(v).as_bytes();
    if digits.len() < width {
        out.resize(out.len() + width - digits.len(), b'0');
    }
    out.extend_from_slice(digits);
}

/// Appends the [`Date`]'s `Display` text.
pub fn write_date(date: &Date, out: &mut Vec<u8>) {
    let year = |out: &mut Vec<u8>, y: i32| match u32::try_from(y) {
        Ok(y) => write_padded(y, 4, out),
        // A negative year: the formatter's own padding rules.
        Err(_) => out.extend_from_slice(format!("{y:04}").as_bytes()),
    };
    match (date.year, date.month, date.day) {
        (Some(y), Some(m), Some(d)) => {
            year(out, y);
            out.push(b'-');
            write_padded(u32::from(m), 2, out);
            out.push(b'-');
            write_padded(u32::from(d), 2, out);
        }
        (Some(y), Some(m), None) => {
            year(out, y);
            out.push(b'-');
            write_padded(u32::from(m), 2, out);
        }
        (Some(y), None, _) => year(out, y),
        (None, Some(m), Some(d)) => {
            out.extend_from_slice(b"--");
            write_padded(u32::from(m), 2, out);
            out.push(b'-');
            write_padded(u32::from(d), 2, out);
        }
        (None, Some(m), None) => {
            out.extend_from_slice(b"--");
            write_padded(u32::from(m), 2, out);
        }
        (None, None, _) => out.extend_from_slice(b"--"),
    }
}

fn date_string(date: &Date) -> String {
    let mut out = Vec::with_capacity(10);
    write_date(date, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// An interval of decimals with open or closed ends, used by the rules to compare values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    pub low: Option<(Decimal, bool)>,
    pub high: Option<(Decimal, bool)>,
}

impl Interval {
    /// True when no number lies in both intervals.
    pub fn disjoint(&self, other: &Interval) -> bool {
        below(self.high, other.low) || below(other.high, self.low)
    }
}

/// True when every number up to `high` lies below every number from `low`.
fn below(high: Option<(Decimal, bool)>, low: Option<(Decimal, bool)>) -> bool {
    match (high, low) {
        (Some((h, h_closed)), Some((l, l_closed))) => h < l || (h == l && !(h_closed && l_closed)),
        _ => false,
    }
}

/// Per-measure tolerance settings, read from `rules/measures.toml` and the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerance {
    /// Relative width of "about": 0.1 means ±10 %.
    pub about: Decimal,
    /// Relative depth of "nearly": 0.1 means the true value lies within 10 % below.
    pub nearly: Decimal,
    /// Widen rounded figures ("1.2 million") by half a unit of their last stated digit.
    pub rounding: bool,
}

impl Tolerance {
    /// The interval a rule compares: the stated bounds widened by the qualifier's tolerance.
    pub fn interval(&self, value: &Value, q: Qualifier) -> Option<Interval> {
        let Value::Number { low, high, precision } = value else {
            return None;
        };
        let half = if self.rounding { *precision / Decimal::TWO } else { Decimal::ZERO };
        let closed = |d: Option<Decimal>| d.map(|v| (v, true));
        Some(match q {
            Qualifier::About => {
                let l = low.map(|v| (v - v.abs() * self.about - half, true));
                let h = high.map(|v| (v + v.abs() * self.about + half, true));
                Interval { low: l, high: h }
            }
            Qualifier::Nearly => {
                let l = low.map(|v| (v - v.abs() * self.nearly - half, true));
                Interval { low: l, high: closed(*high) }
            }
            Qualifier::MoreThan => Interval { low: low.map(|v| (v, false)), high: None },
            Qualifier::AtLeast => Interval { low: closed(*low), high: None },
            Qualifier::LessThan => Interval { low: None, high: high.map(|v| (v, false)) },
            Qualifier::UpTo => Interval { low: None, high: closed(*high) },
            _ => Interval { low: low.map(|v| (v - half, true)), high: high.map(|v| (v + half, true)) },
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_of_wide_numbers() {
        for n in [
            0u128,
            7,
            10,
            u128::from(u64::MAX),
            u128::from(u64::MAX) + 1,
            10u128.pow(20),
            10u128.pow(38) + 5,
            u128::MAX,
        ] {
            let mut out = Vec::new();
            write_digits(n, &mut out);
            assert_eq!(String::from_utf8(out).as_deref(), Ok(n.to_string().as_str()));
        }
    }

    use super::*;

    #[test]
    fn a_date_is_read_only_in_the_form_it_is_printed() {
        for s in ["2019", "2019-05", "2019-05-03", "--05-03", "0999"] {
            assert_eq!(Date::parse(s).map(|d| d.to_string()).as_deref(), Some(s), "{s}");
        }
        for s in [
            "2019-05-03..2019-05-04",
            "2019-5",
            "2019-13",
            "2019-00",
            "2019-02-32",
            "--05",
            "day 2",
            "+2019",
            "2019-05-03-01",
            "",
        ] {
            assert_eq!(Date::parse(s), None, "{s}");
        }
    }

    use std::str::FromStr;

    fn d(s: &str) -> Result<Decimal, rust_decimal::Error> {
        Decimal::from_str(s)
    }

    fn tol() -> Result<Tolerance, rust_decimal::Error> {
        Ok(Tolerance { about: d("0.1")?, nearly: d("0.1")?, rounding: true })
    }

    #[test]
    fn decimals_are_exact() -> crate::TestResult {
        let a = d("12.3")? * d("1000000000000")?;
        let b = d("12300000000000")?;
        assert_eq!(a, b);
        assert_eq!(fmt_decimal(a), "12300000000000");
        assert_eq!(fmt_decimal(d("12.50")?), "12.5");
        Ok(())
    }

    #[test]
    fn exact_values_of_different_numbers_are_disjoint() -> crate::TestResult {
        let t = tol()?;
        let a = t.interval(&Value::exact(d("40")?, Decimal::ZERO), Qualifier::Exact).ok_or("no interval")?;
        let b = t.interval(&Value::exact(d("41")?, Decimal::ZERO), Qualifier::Exact).ok_or("no interval")?;
        assert!(a.disjoint(&b));
        assert!(!a.disjoint(&a));
        Ok(())
    }

    #[test]
    fn a_stated_equality_is_exact_but_for_its_label() -> crate::TestResult {
        let t = tol()?;
        let v = Value::exact(d("2097")?, Decimal::ZERO);
        assert_eq!(t.interval(&v, Qualifier::Stated), t.interval(&v, Qualifier::Exact));
        assert_eq!(Qualifier::Stated.as_str(), "exact");
        assert_eq!(Qualifier::Stated.label(), "exactly");
        assert_eq!(Qualifier::Stated.compared(), Qualifier::Exact);
        assert_eq!(Qualifier::About.compared(), Qualifier::About);
        assert_eq!(Qualifier::parse("stated"), Some(Qualifier::Stated));
        assert_eq!(serde_json::to_string(&Qualifier::Stated)?, "\"exact\"");
        Ok(())
    }

    #[test]
    fn more_than_excludes_its_bound() -> crate::TestResult {
        let t = tol()?;
        let more = t.interval(&Value::exact(d("30")?, d("1")?), Qualifier::MoreThan).ok_or("no interval")?;
        let thirty_two = t.interval(&Value::exact(d("32")?, d("1")?), Qualifier::Exact).ok_or("no interval")?;
        assert!(!more.disjoint(&thirty_two));
        let thirty = Interval { low: Some((d("30")?, true)), high: Some((d("30")?, true)) };
        assert!(more.disjoint(&thirty));
        Ok(())
    }

    #[test]
    fn about_and_rounding_widen() -> crate::TestResult {
        let t = tol()?;
        let about = t.interval(&Value::exact(d("100")?, d("1")?), Qualifier::About).ok_or("no interval")?;
        let ninety_five = t.interval(&Value::exact(d("95")?, d("1")?), Qualifier::Exact).ok_or("no interval")?;
        assert!(!about.disjoint(&ninety_five));
        // "1.2 million" is rounded: 1,234,567 lies within half a unit of its last digit.
        let rounded = Value::exact(d("1200000")?, d("100000")?);
        let r = t.interval(&rounded, Qualifier::Exact).ok_or("no interval")?;
        let precise = t.interval(&Value::exact(d("1234567")?, d("1")?), Qualifier::Exact).ok_or("no interval")?;
        assert!(!r.disjoint(&precise));
        Ok(())
    }

    #[test]
    fn written_decimals_match_display() -> crate::TestResult {
        let samples = [
            "0",
            "-0",
            "0.000",
            "1",
            "-1",
            "12.50",
            "0.05",
            "-0.05",
            "100",
            "1e3",
            "123456789012345678901234567",
            "0.0000000000000000000000000001",
            "-79228162514264337593543950335",
            "79228162514264337593543950335",
            "3.14159",
            "1000000.000100",
            "-12.3000",
            "0.1",
            "10.01",
        ];
        for s in samples {
            let d = Decimal::from_str(s).or_else(|_| Decimal::from_scientific(s))?;
            assert_eq!(fmt_decimal(d), d.normalize().to_string(), "{s}");
        }
        let mut x = Decimal::ONE;
        for k in 0..200u32 {
            x = (x * Decimal::from_str("1.37")?).round_dp(k % 20);
            for v in [x, -x, x / Decimal::from(7 + k), Decimal::from(k) / Decimal::from(1000)] {
                assert_eq!(fmt_decimal(v), v.normalize().to_string());
            }
            if x > Decimal::from(1_000_000_000u64) {
                x = Decimal::ONE / Decimal::from(k + 3);
            }
        }
        Ok(())
    }

    #[test]
    fn display_forms() -> crate::TestResult {
        let n = |l: Option<&str>, h: Option<&str>| -> Result<Value, rust_decimal::Error> {
            Ok(Value::Number {
                low: l.map(Decimal::from_str).transpose()?,
                high: h.map(Decimal::from_str).transpose()?,
                precision: Decimal::ZERO,
            })
        };
        assert_eq!(n(Some("40"), Some("40.0"))?.display(), "40");
        assert_eq!(n(Some("30"), Some("35"))?.display(), "30–35");
        assert_eq!(n(Some("-1.5"), None)?.display(), "-1.5+");
        assert_eq!(n(None, Some("7"))?.display(), "≤7");
        assert_eq!(n(None, None)?.display(), "?");
        let day = |d| Date { year: Some(2001), month: Some(2), day: Some(d) };
        assert_eq!(Value::Date { low: day(3), high: day(4) }.display(), "2001-02-03–2001-02-04");
        assert_eq!(Value::Date { low: day(3), high: day(3) }.display(), "2001-02-03");
        Ok(())
    }

    #[test]
    fn written_dates_match_display() {
        for year in [None, Some(0), Some(7), Some(999), Some(2019), Some(12345), Some(-5)] {
            for month in [None, Some(1), Some(12)] {
                for day in [None, Some(3), Some(31)] {
                    let d = Date { year, month, day };
                    assert_eq!(date_string(&d), d.to_string());
                }
            }
        }
    }

    #[test]
    fn dates_print_with_reduced_precision() {
        let full = Date { year: Some(2001), month: Some(2), day: Some(3) };
        assert_eq!(full.to_string(), "2001-02-03");
        assert_eq!(Date::year(1999).to_string(), "1999");
        assert_eq!(Date { year: None, month: Some(4), day: Some(5) }.to_string(), "--04-05");
    }
}
