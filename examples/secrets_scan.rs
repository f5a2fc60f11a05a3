//! Run the built-in secret detectors over a directory tree and print one JSON object per hit
//! (`{"path", "line", "id", "severity"}`; the secret itself is never printed). Used by
//! `bench/gen_secrets_recall.py` to measure recall and false positives.
//!
//! ```sh
//! cargo run --example secrets_scan -- DIR > hits.jsonl
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use ironlaw::secrets::Scanner;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: secrets_scan DIR");
        std::process::exit(2);
    };
    let scanner = Scanner::builtin();
    let mut files = Vec::new();
    walk(&root, &mut files);
    let started = std::time::Instant::now();
    let mut bytes = 0usize;
    let mut hits = 0usize;
    for f in &files {
        let Ok(text) = fs::read(f) else { continue };
        bytes += text.len();
        let rel = f
            .strip_prefix(&root)
            .unwrap_or(f)
            .to_string_lossy()
            .replace('\\', "/");
        for h in scanner.scan(&rel, &text) {
            let line = text
                .get(..h.secret.start)
                .map_or(0, |b| b.iter().filter(|c| **c == b'\n').count())
                + 1;
            hits += 1;
            println!(
                "{{\"path\":{:?},\"line\":{line},\"id\":{:?},\"severity\":{:?}}}",
                rel,
                h.meta.id,
                h.meta.severity.as_str()
            );
        }
    }
    eprintln!(
        "{} files, {} bytes, {hits} hits in {:.1} ms",
        files.len(),
        bytes,
        started.elapsed().as_secs_f64() * 1000.0
    );
}
