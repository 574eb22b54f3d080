//! The command line: parses arguments, runs the engine, picks a renderer, sets the exit code.

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::baseline::Baseline;
use crosscheck::config::Config;
use crosscheck::lang::Rules;
use crosscheck::render;
use crosscheck::{Error, Options, analyze, rules, source};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

mod changes;

#[derive(Parser)]
#[command(name = "crosscheck", version, about = "Finds numeric claims in news reports that cannot all be true.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct Common {
    /// Files or directories (.txt, .md, .html are read from directories).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Language of every document (en, ur, vi, ...) instead of detecting it.
    #[arg(long)]
    lang: Option<String>,
    /// A directory whose files replace the built-in rules (lang/*.toml, checks.toml, ...).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// The project configuration (default: .crosscheck.toml here or in a parent directory).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Ignore any .crosscheck.toml.
    #[arg(long)]
    no_config: bool,
    /// The desk's fact sheet (TOML): claims against it are errors that name the source.
    #[arg(long, value_name = "FILE")]
    facts: Option<PathBuf>,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Published reports (files or directories) to check the PATHS against: their claims
    /// are context, and only conflicts that involve PATHS are reported.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    against: Vec<PathBuf>,
    /// The date of documents that give none (front matter `date:`, HTML meta), YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<String>,
}

fn parse_date(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
        && matches!(s[5..7].parse::<u8>(), Ok(1..=12))
        && matches!(s[8..10].parse::<u8>(), Ok(1..=31));
    if ok { Ok(s.to_string()) } else { Err(format!("{s:?} is not a date of the form YYYY-MM-DD")) }
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum CheckFormat {
    Human,
    Json,
    Sarif,
    Github,
    Html,
    Gitlab,
    Rdjson,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum MinSeverity {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ClaimsFormat {
    Human,
    Json,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Json,
    Dot,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Report claims that cannot all be true (the default command).
    Check {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        #[arg(long, value_enum, default_value = "auto")]
        color: ColorChoice,
        /// Leave out the conflicts recorded in this baseline file (see --write-baseline).
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record the current conflicts in FILE and exit 0.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Print only the summary line (human format) or nothing but the report (others).
        #[arg(short, long)]
        quiet: bool,
        /// Print the number of conflicts per rule and severity after the report.
        #[arg(long)]
        statistics: bool,
        /// Report only conflicts with a claim on a line added or changed since the git
        /// revision REF (`git diff REF`, plus untracked files); other files are context.
        #[arg(long, value_name = "REF", conflicts_with = "diff")]
        changed_since: Option<String>,
        /// Like --changed-since, with the changes read from a unified diff (`-`: stdin).
        #[arg(long, value_name = "FILE")]
        diff: Option<PathBuf>,
        /// Report only conflicts at this severity or above.
        #[arg(long, value_enum, value_name = "LEVEL")]
        min_severity: Option<MinSeverity>,
        /// Render at most N conflicts (most severe first); the exit code still counts all.
        /// SARIF output defaults to 25000, the most GitHub code scanning accepts.
        #[arg(long, value_name = "N")]
        max_results: Option<usize>,
    },
    /// List every numeric claim with its value, qualifier, unit, subject and time.
    Claims {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value = "human")]
        format: ClaimsFormat,
    },
    /// Print the claim graph: claims keyed by quantity, with agree and conflict edges.
    Graph {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value = "json")]
        format: GraphFormat,
    },
    /// List the rules.
    Rules {
        #[arg(long, value_enum, default_value = "human")]
        format: ListFormat,
    },
    /// Explain one rule by code (CC101) or name (value-mismatch).
    Explain { code: String },
}

const SUBCOMMANDS: &[&str] = &["check", "claims", "graph", "rules", "explain", "help"];

/// `crosscheck PATH...` means `crosscheck check PATH...`.
fn with_default_command(mut args: Vec<String>) -> Vec<String> {
    if let Some(first) = args.get(1)
        && !SUBCOMMANDS.contains(&first.as_str())
        && !matches!(first.as_str(), "-h" | "--help" | "-V" | "--version")
    {
        args.insert(1, "check".into());
    }
    args
}

pub fn main() -> i32 {
    let args = with_default_command(std::env::args().collect());
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(errors) => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            for e in errors {
                eprint!("{}", render::human::error(&e, color));
            }
            2
        }
    }
}

/// The configuration in force: --config, else .crosscheck.toml found upward.
fn config(common: &Common) -> Result<Option<Config>, Vec<Error>> {
    if common.no_config {
        return Ok(None);
    }
    let path = match &common.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir().ok().and_then(|d| Config::find(&d)),
    };
    path.map(|p| Config::load(&p)).transpose().map_err(|e| vec![e])
}

fn load_rules(common: &Common, cfg: Option<&Config>) -> Result<Rules, Vec<Error>> {
    let mut rules = match &common.rules {
        Some(d) => Rules::with_dir(d),
        None => Rules::embedded(),
    }
    .map_err(|e| vec![e])?;
    if let Some(c) = cfg {
        c.apply(&mut rules).map_err(|e| vec![e])?;
    }
    Ok(rules)
}

fn analyze_common(common: &Common) -> Result<(crosscheck::report::Report, Option<Config>), Vec<Error>> {
    let cfg = config(common)?;
    let rules = load_rules(common, cfg.as_ref())?;
    let load = |paths: &[PathBuf]| match &cfg {
        Some(c) => source::load_filtered(paths, &|p| c.wants(p)),
        None => source::load(paths),
    };
    let mut loaded = load(&common.paths);
    let mut opts = Options { lang: common.lang.clone(), date: common.date.clone(), ..Options::default() };
    if !common.against.is_empty() {
        // Reference reports: read after the drafts; a file given on both sides is a draft.
        let mut refs = load(&common.against);
        let drafts: std::collections::HashSet<PathBuf> =
            loaded.sources.iter().filter_map(|s| std::fs::canonicalize(&s.path).ok()).collect();
        refs.sources.retain(|s| std::fs::canonicalize(&s.path).map_or(true, |p| !drafts.contains(&p)));
        opts.references = refs.sources.iter().map(|s| s.path.clone()).collect();
        loaded.sources.append(&mut refs.sources);
        loaded.warnings.append(&mut refs.warnings);
        loaded.errors.append(&mut refs.errors);
    }
    if !loaded.errors.is_empty() {
        return Err(loaded.errors);
    }
    if let Some(path) = common.facts.clone().or_else(|| cfg.as_ref().and_then(Config::facts)) {
        opts.facts = crosscheck::facts::load(&path).map_err(|e| vec![e])?;
    }
    if let Some(c) = &cfg {
        for s in &loaded.sources {
            if let Some(l) = c.lang_for(std::path::Path::new(&s.path)) {
                opts.langs.insert(s.path.clone(), l);
            }
        }
    }
    // A progress bar on stderr for long runs, only when a person watches it.
    let bar = (std::io::stderr().is_terminal() && loaded.sources.len() >= 50).then(|| {
        let bar = indicatif::ProgressBar::new(loaded.sources.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents {elapsed}") {
            bar.set_style(style);
        }
        bar
    });
    if let Some(b) = &bar {
        let b = b.clone();
        opts.on_document = Some(std::sync::Arc::new(move || b.inc(1)));
    }
    let report = analyze(&rules, &loaded.sources, &opts);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut report = report.map_err(|e| vec![e])?;
    let mut warnings = loaded.warnings;
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    Ok((report, cfg))
}

/// The most results GitHub code scanning accepts in one SARIF run.
const SARIF_RESULTS: usize = 25_000;

/// On GitHub Actions, `--format github` also writes the Markdown report to the job
/// summary: annotations show only a few per step, the summary shows every conflict.
fn step_summary(report: &crosscheck::report::Report) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else { return };
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut f| f.write_all(render::markdown::render(report).as_bytes()));
    if let Err(e) = written {
        eprintln!("warning: could not write the job summary to {}: {e}", PathBuf::from(path).display());
    }
}

/// Where output goes: a file (-o) or standard output, through a buffer.
fn emit_to(output: &Option<PathBuf>, f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Vec<Error>> {
    let fail = |path: String, e: std::io::Error| vec![Error::Io { path, message: e.to_string() }];
    match output {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| vec![Error::io(path, &e)])?;
            let mut w = std::io::BufWriter::new(file);
            f(&mut w).and_then(|_| w.flush()).map_err(|e| fail(path.display().to_string(), e))
        }
        None => {
            let stdout = std::io::stdout().lock();
            let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout);
            match f(&mut w).and_then(|_| w.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) is not an error of ours.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(fail("<stdout>".into(), e)),
            }
        }
    }
}

fn emit(s: &str) -> Result<(), Vec<Error>> {
    emit_to(&None, |w| w.write_all(s.as_bytes()))
}

fn statistics(r: &crosscheck::report::Report) -> String {
    let mut counts: std::collections::BTreeMap<(&str, &str, &str), usize> = std::collections::BTreeMap::new();
    for c in &r.conflicts {
        *counts.entry((c.code, c.rule, c.severity.as_str())).or_default() += 1;
    }
    let mut s = String::new();
    for ((code, rule, sev), n) in counts {
        s.push_str(&format!("{n:>6}  {code}  {rule:<16} {sev}\n"));
    }
    if r.suppressed > 0 {
        s.push_str(&format!("{:>6}  silenced by crosscheck-ignore markers\n", r.suppressed));
    }
    if r.baselined > 0 {
        s.push_str(&format!("{:>6}  known to the baseline\n", r.baselined));
    }
    s
}

fn run(cli: Cli) -> Result<i32, Vec<Error>> {
    match cli.command {
        Command::Check {
            common,
            format,
            color,
            baseline,
            write_baseline,
            quiet,
            statistics: stats,
            changed_since,
            diff,
            min_severity,
            max_results,
        } => {
            let (mut report, cfg) = analyze_common(&common)?;
            // Focus, in this order: the drafts (--against), the baseline, the changed lines,
            // the severity; a conflict is reported only when it passes every filter.
            report.focus_on_drafts();
            if let Some(path) = &write_baseline {
                let b = Baseline::of(&report);
                emit_to(&Some(path.clone()), |w| w.write_all(b.to_json().as_bytes()))?;
                eprintln!("{} conflicts recorded in {}", b.conflicts.len(), path.display());
                return Ok(0);
            }
            let baseline = baseline.or_else(|| cfg.as_ref().and_then(Config::baseline));
            if let Some(path) = &baseline {
                let b = Baseline::read(path).map_err(|e| vec![e])?;
                report.baselined = b.apply(&mut report);
            }
            if let Some(changed) = changes::read(changed_since.as_deref(), diff.as_deref())? {
                changes::keep_touching(&mut report, &changed);
            }
            if let Some(min) = min_severity {
                report.keep_severity_at_least(match min {
                    MinSeverity::Info => crosscheck::checks::Severity::Info,
                    MinSeverity::Warning => crosscheck::checks::Severity::Warning,
                    MinSeverity::Error => crosscheck::checks::Severity::Error,
                });
            }
            let limit = max_results.or((format == CheckFormat::Sarif).then_some(SARIF_RESULTS));
            if let Some(max) = limit {
                report.truncate(max);
                if report.truncated > 0 {
                    report.warnings.push(format!(
                        "{} more conflicts ({} errors) not listed past --max-results {max}; the exit code counts them",
                        report.truncated, report.truncated_errors
                    ));
                }
            }
            let out = &common.output;
            match format {
                CheckFormat::Json => emit_to(out, |w| render::json::write(&report, w))?,
                CheckFormat::Sarif => emit_to(out, |w| w.write_all(render::sarif::render(&report).as_bytes()))?,
                CheckFormat::Github => {
                    emit_to(out, |w| w.write_all(render::github::render(&report).as_bytes()))?;
                    step_summary(&report);
                }
                CheckFormat::Html => emit_to(out, |w| w.write_all(render::html::render(&report).as_bytes()))?,
                CheckFormat::Gitlab => emit_to(out, |w| w.write_all(render::gitlab::render(&report).as_bytes()))?,
                CheckFormat::Rdjson => emit_to(out, |w| w.write_all(render::rdjson::render(&report).as_bytes()))?,
                CheckFormat::Markdown => emit_to(out, |w| w.write_all(render::markdown::render(&report).as_bytes()))?,
                CheckFormat::Human => {
                    let color = out.is_none()
                        && match color {
                            ColorChoice::Always => true,
                            ColorChoice::Never => false,
                            ColorChoice::Auto => {
                                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                            }
                        };
                    let text = render::human::render(&report, color, 100);
                    let text =
                        if quiet { text.lines().last().map(|l| format!("{l}\n")).unwrap_or_default() } else { text };
                    emit_to(out, |w| w.write_all(text.as_bytes()))?
                }
            }
            if stats {
                eprint!("{}", statistics(&report));
            }
            let code = report.exit_code();
            // The process ends here: freeing a report of millions of claims one by one
            // would only delay the exit.
            std::mem::forget(report);
            Ok(code)
        }
        Command::Claims { common, format } => {
            let (report, _) = analyze_common(&common)?;
            match format {
                ClaimsFormat::Json => {
                    emit_to(&common.output, |w| w.write_all(render::claims::json(&report).as_bytes()))?
                }
                ClaimsFormat::Jsonl => emit_to(&common.output, |w| render::claims::jsonl(&report, w))?,
                ClaimsFormat::Human => {
                    emit_to(&common.output, |w| w.write_all(render::claims::human(&report).as_bytes()))?
                }
            }
            Ok(0)
        }
        Command::Graph { common, format } => {
            let (report, _) = analyze_common(&common)?;
            match format {
                GraphFormat::Json => emit_to(&common.output, |w| w.write_all(render::graph::json(&report).as_bytes()))?,
                GraphFormat::Dot => emit_to(&common.output, |w| w.write_all(render::graph::dot(&report).as_bytes()))?,
            }
            Ok(0)
        }
        Command::Rules { format } => {
            let metas: Vec<&rules::RuleMeta> = rules::registry().iter().map(|r| r.meta()).collect();
            match format {
                ListFormat::Json => emit(&(serde_json::to_string_pretty(&metas).unwrap_or_default() + "\n"))?,
                ListFormat::Human => {
                    let mut s = String::new();
                    for m in metas {
                        s.push_str(&format!("{}  {:<16} {:<8} {}\n", m.code, m.name, m.severity.as_str(), m.summary));
                    }
                    emit(&s)?
                }
            }
            Ok(0)
        }
        Command::Explain { code } => match rules::find(&code) {
            Some(r) => {
                emit(&crosscheck::render::explain(r.meta()))?;
                Ok(0)
            }
            None => {
                let codes: Vec<&str> = rules::registry().iter().map(|r| r.meta().code).collect();
                Err(vec![Error::Usage(format!("unknown rule {code:?}; rules: {}", codes.join(", ")))])
            }
        },
    }
}
