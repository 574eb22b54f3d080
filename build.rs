//! Embeds every language pack under `rules/lang/` so that adding a language is adding a file.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let dir = Path::new("rules/lang");
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let root = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let mut out = String::from(
        "/// Language packs compiled into the binary: (path, TOML text).\npub const EMBEDDED_PACKS: &[(&str, &str)] = &[\n",
    );
    for n in &names {
        out.push_str(&format!(
            "    (\"rules/lang/{n}\", include_str!({:?})),\n",
            Path::new(&root).join("rules/lang").join(n).display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("packs.rs");
    if let Err(e) = fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
