//! Build-time helpers for `dist/`: precompressed copies (served by the gateway without compressing on
//! every request) and the first-load size report.

use std::io::Write;
use std::path::{Path, PathBuf};

/// File types worth compressing.
const COMPRESSIBLE: &[&str] = &["html", "js", "css", "wasm", "json", "svg", "txt", "xml", "webmanifest", "ico"];

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// The smallest brotli, for files compressed once at build.
pub fn brotli(data: &[u8]) -> Vec<u8> {
    brotli_at(data, 11)
}

/// A quick brotli, for pages drawn per request.
pub fn brotli_quick(data: &[u8]) -> Vec<u8> {
    brotli_at(data, 5)
}

fn brotli_at(data: &[u8], quality: i32) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("writing to memory");
    out
}

/// Writes `<file>.br` and `<file>.gz` beside every compressible file under `dir`; returns how many
/// files were compressed.
pub fn precompress(dir: &Path) -> std::io::Result<usize> {
    let mut count = 0;
    for path in walk(dir)? {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let data = std::fs::read(&path)?;
        std::fs::write(with_suffix(&path, "br"), brotli(&data))?;
        std::fs::write(with_suffix(&path, "gz"), gzip(&data))?;
        count += 1;
    }
    Ok(count)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(walk(&path)?);
        } else {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// What a first visit to `page` downloads: the page, every file of `dir` that it names (scripts,
/// wasm, styles, icons), and `config.json`, which the app fetches at start.
pub fn first_load(dir: &Path, page: &str) -> std::io::Result<Vec<String>> {
    let html = std::fs::read_to_string(dir.join(page))?;
    let mut names = vec![page.to_string()];
    for quoted in html.split(['"', '\'']).skip(1).step_by(2) {
        let name = quoted.trim_start_matches("./").trim_start_matches('/');
        if !name.is_empty() && !name.contains("..") && dir.join(name).is_file() && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    if dir.join("config.json").is_file() && !names.iter().any(|n| n == "config.json") {
        names.push("config.json".into());
    }
    Ok(names)
}

pub struct SizeRow {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn size_report(dir: &Path, page: &str) -> std::io::Result<Vec<SizeRow>> {
    first_load(dir, page)?
        .into_iter()
        .map(|name| {
            let data = std::fs::read(dir.join(&name))?;
            Ok(SizeRow { raw: data.len(), gzip: gzip(&data).len(), brotli: brotli(&data).len(), name })
        })
        .collect()
}
