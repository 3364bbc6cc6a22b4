//! Embeds the named SPARQL queries of `queries/` in the binary: generates a
//! table of (name, text) from every `queries/*.rq`, sorted by name.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=queries");
    let mut names: Vec<String> = match fs::read_dir("queries") {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".rq"))
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    let mut table = String::from(
        "/// Named queries: (name, SPARQL text), sorted by name.\npub static NAMED_QUERIES: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        let stem = name.trim_end_matches(".rq");
        let path = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("queries").join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(table, "    ({stem:?}, include_str!({:?})),", path.display().to_string());
    }
    table.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("named_queries.rs");
    if let Err(error) = fs::write(&out, table) {
        println!("cargo:warning=cannot write {}: {error}", out.display());
    }
}
