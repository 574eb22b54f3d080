//! The command line: parses arguments, runs the engine, picks a renderer, sets the exit code.

use clap::{Parser, Subcommand, ValueEnum};
use crosscheck::lang::Rules;
use crosscheck::render;
use crosscheck::{Error, Options, analyze, rules, source};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

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
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
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
    },
    /// List every numeric claim with its value, qualifier, unit, subject and time.
    Claims {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
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
        format: CheckFormat,
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

fn load_rules(dir: &Option<PathBuf>) -> Result<Rules, Vec<Error>> {
    match dir {
        Some(d) => Rules::with_dir(d),
        None => Rules::embedded(),
    }
    .map_err(|e| vec![e])
}

fn analyze_common(common: &Common) -> Result<crosscheck::report::Report, Vec<Error>> {
    let rules = load_rules(&common.rules)?;
    let loaded = source::load(&common.paths);
    if !loaded.errors.is_empty() {
        return Err(loaded.errors);
    }
    let mut report = analyze(&rules, &loaded.sources, &Options { lang: common.lang.clone() }).map_err(|e| vec![e])?;
    let mut warnings = loaded.warnings;
    warnings.append(&mut report.warnings);
    report.warnings = warnings;
    Ok(report)
}

fn emit(s: &str) -> Result<(), Vec<Error>> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(vec![Error::Io { path: "<stdout>".into(), message: e.to_string() }]),
    }
}

/// Streams output to stdout through a buffer.
fn emit_with(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Vec<Error>> {
    let stdout = std::io::stdout().lock();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout);
    match f(&mut w).and_then(|_| w.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(vec![Error::Io { path: "<stdout>".into(), message: e.to_string() }]),
    }
}

fn run(cli: Cli) -> Result<i32, Vec<Error>> {
    match cli.command {
        Command::Check { common, format, color } => {
            let report = analyze_common(&common)?;
            match format {
                CheckFormat::Json => emit_with(|w| render::json::write(&report, w))?,
                CheckFormat::Human => {
                    let color = match color {
                        ColorChoice::Always => true,
                        ColorChoice::Never => false,
                        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
                    };
                    emit(&render::human::render(&report, color, 100))?
                }
            }
            Ok(report.exit_code())
        }
        Command::Claims { common, format } => {
            let report = analyze_common(&common)?;
            match format {
                CheckFormat::Json => emit(&render::claims::json(&report))?,
                CheckFormat::Human => emit(&render::claims::human(&report))?,
            }
            Ok(0)
        }
        Command::Graph { common, format } => {
            let report = analyze_common(&common)?;
            match format {
                GraphFormat::Json => emit(&render::graph::json(&report))?,
                GraphFormat::Dot => emit(&render::graph::dot(&report))?,
            }
            Ok(0)
        }
        Command::Rules { format } => {
            let metas: Vec<&rules::RuleMeta> = rules::registry().iter().map(|r| r.meta()).collect();
            match format {
                CheckFormat::Json => emit(&(serde_json::to_string_pretty(&metas).unwrap_or_default() + "\n"))?,
                CheckFormat::Human => {
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
