//! Generates the parser from `grammar/` and embeds the gil-written modules of `stdlib/`.

use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=grammar");
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .set_out_dir(std::env::var("OUT_DIR").unwrap())
        .emit_rerun_directives(true)
        .process()
        .expect("lalrpop failed to generate the parser");
    embed_stdlib();
}

/// Writes `STDLIB_FILES: &[(&str, &str)]` (relative path, source) into OUT_DIR.
fn embed_stdlib() {
    println!("cargo:rerun-if-changed=stdlib");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("stdlib");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut out = String::from("pub static STDLIB_FILES: &[(&str, &str)] = &[\n");
    for (rel, abs) in files {
        writeln!(out, "    ({rel:?}, include_str!({abs:?})),").unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("stdlib_files.rs");
    std::fs::write(dest, out).unwrap();
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().map(|n| n != "tests").unwrap_or(false) {
                println!("cargo:rerun-if-changed={}", p.display());
                collect(root, &p, out);
            }
        } else if p.extension().map(|x| x == "py").unwrap_or(false) {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, p.display().to_string()));
        }
    }
}
