//! Build-time helpers for `dist/`: precompressed copies (served by the gateway without compressing on
//! every request) and the first-load size report.

pub mod boundary;
pub mod dictionary;
pub mod pack;

use std::io::Write;
use std::path::{Path, PathBuf};

/// File types worth compressing.
const COMPRESSIBLE: &[&str] = &["html", "js", "css", "wasm", "json", "svg", "txt", "xml", "webmanifest", "ico"];

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// Whether an `Accept-Encoding` value offers `coding` (its parameters, such as `;q=`, aside).
pub fn accepts(accept_encoding: &str, coding: &str) -> bool {
    accept_encoding.split(',').any(|e| e.split(';').next().is_some_and(|n| n.trim() == coding))
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
    Ok(count + dictionary::write_variants(dir)?)
}

/// Rewrites a JSON file without the indentation its editors keep (the same values, ≈ 15 % fewer bytes
/// raw, ≈ 3 % compressed); a file that is not JSON is an error, so a broken edit fails the build.
pub fn minify_json(path: &Path) -> std::io::Result<()> {
    let value: serde_json::Value = serde_json::from_slice(&std::fs::read(path)?).map_err(std::io::Error::other)?;
    std::fs::write(path, serde_json::to_vec(&value)?)
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
    // The `href="…"` and `src="…"` attributes in the order they come (not every quoted text: the page's
    // styles have quotes of their own).
    let mut values: Vec<(usize, &str)> = ["href=\"", "src=\""]
        .iter()
        .flat_map(|attr| html.match_indices(attr).map(|(at, _)| at + attr.len()))
        .filter_map(|start| html[start..].find('"').map(|end| (start, &html[start..start + end])))
        .collect();
    values.sort();
    for (_, value) in values {
        let name = value.trim_start_matches("./").trim_start_matches('/');
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
    first_load(dir, page)?.into_iter().map(|name| size_report_of(dir, &name)).collect()
}

/// One file's sizes (brotli and gzip as the gateway serves them).
pub fn size_report_of(dir: &Path, name: &str) -> std::io::Result<SizeRow> {
    let data = std::fs::read(dir.join(name))?;
    Ok(SizeRow { raw: data.len(), gzip: gzip(&data).len(), brotli: brotli(&data).len(), name: name.to_string() })
}

/// One loader of the wasm splitter's `__wasm_split.js`: the file it fetches and the loaders it needs first.
struct SplitLoader<'a> {
    name: &'a str,
    file: &'a str,
    deps: Vec<&'a str>,
}

/// Reads the loaders out of `__wasm_split.js` (`const __chunk_8 = makeLoad(() => { … fetch(new
/// URL("./chunk_8.wasm", …)) … }, [__chunk_9, …]);`, and `export const __wasm_split_load_… = wrapAsyncCb(makeLoad(…))`).
fn split_loaders(js: &str) -> Vec<SplitLoader<'_>> {
    let mut loaders = Vec::new();
    for (at, _) in js.match_indices("makeLoad(() => {") {
        let line_start = js[..at].rfind('\n').map_or(0, |i| i + 1);
        let Some(name) = js[line_start..at].split_whitespace().find(|w| w.starts_with("__")) else { continue };
        let rest = &js[at..];
        let Some(file) = rest.split_once("new URL(\"./").and_then(|(_, r)| r.split_once('"')).map(|(f, _)| f) else { continue };
        let Some(deps) = rest.split_once("\n, [").and_then(|(_, r)| r.split_once(']')).map(|(d, _)| d) else { continue };
        let deps = deps.split(',').map(str::trim).filter(|d| !d.is_empty()).collect();
        loaders.push(SplitLoader { name, file, deps });
    }
    loaders
}

/// The wasm files an area's module needs, its own first, then the shared chunks it waits for (all of
/// them, transitively), as the splitter's loader `js` names them. Empty when no module is `module`.
pub fn split_files(js: &str, module: &str) -> Vec<String> {
    let loaders = split_loaders(js);
    let prefix = format!("split___{module}_view_");
    let Some(first) = loaders.iter().find(|l| l.file.starts_with(&prefix)) else { return Vec::new() };
    let mut files: Vec<String> = Vec::new();
    let mut todo = vec![first];
    while let Some(loader) = todo.pop() {
        if files.iter().any(|f| f == loader.file) {
            continue;
        }
        files.push(loader.file.to_string());
        todo.extend(loader.deps.iter().filter_map(|d| loaders.iter().find(|l| l.name == *d)));
    }
    files
}

/// Puts the app's script (`<app_dir>/boot.js`: the glue and the splitter's loader bundled in) into every
/// page of `dist`, with preload hints for the main module and for the module, packs and content file
/// of the area the page opens on (`pages`: page, module, content; `loader`: the splitter's loader, which
/// says what each area waits for), so a direct landing fetches everything at once instead of one file
/// after another; the hints wait inert in a `<template>` until the first paint (why: src/boot.js). The
/// source's comments, written for its editors, are left out. Returns the pages written.
pub fn link_pages(dist: &Path, app_dir: &str, loader: &str, pages: &[(&str, Option<&str>, Option<&str>)]) -> std::io::Result<usize> {
    let mut written = 0;
    for (page, module, content) in pages {
        let path = dist.join(page);
        let Ok(html) = std::fs::read_to_string(&path) else { continue };
        let mut head = format!(
            "<script type=\"module\" src=\"/{app_dir}/boot.js\"></script>\n<template id=\"app-files\">\n\
             <link rel=\"preload\" href=\"/{app_dir}/mytho-so_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n"
        );
        for file in module.map(|m| split_files(loader, m)).unwrap_or_default() {
            head.push_str(&format!("<link rel=\"preload\" href=\"/{app_dir}/{file}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n"));
        }
        if let Some(content) = content {
            head.push_str(&format!("<link rel=\"preload\" href=\"/{content}\" as=\"fetch\" type=\"application/json\" crossorigin>\n"));
        }
        head.push_str("</template>\n");
        let html = without_comments(&html);
        let Some(at) = html.find("</head>") else {
            return Err(std::io::Error::other(format!("{page} has no </head>")));
        };
        std::fs::write(&path, format!("{}{head}{}", &html[..at], &html[at..]))?;
        written += 1;
    }
    let content: Vec<&str> = pages.iter().filter_map(|(_, _, content)| *content).collect();
    write_service_worker(dist, app_dir, &content)?;
    Ok(written)
}

/// `html` without its comments (`<!-- … -->`; the pages' scripts and styles hold none).
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        let Some(end) = rest[start..].find("-->") else { break };
        let before = rest[..start].trim_end_matches([' ', '\t']);
        let after = &rest[start + end + 3..];
        // The line the comment stood on alone goes with it.
        if (before.is_empty() || before.ends_with('\n')) && after.starts_with('\n') {
            out.push_str(before);
            rest = &after[1..];
        } else {
            out.push_str(&rest[..start]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Fills in the service worker's build (a new worker for each deployment), the files the home page
/// loads, which it keeps at once, and the areas' content files.
fn write_service_worker(dist: &Path, app_dir: &str, content: &[&str]) -> std::io::Result<()> {
    let path = dist.join("sw.js");
    let template = std::fs::read_to_string(&path)?;
    let shell: Vec<String> = first_load(dist, "index.html")?
        .into_iter()
        .map(|name| if name == "index.html" { "/".to_string() } else { format!("/{name}") })
        .collect();
    let content: Vec<String> = content.iter().map(|c| format!("/{c}")).collect();
    let list = |names: &[String]| format!("{names:?}").replace('"', "'");
    if ["'__BUILD__'", "['__SHELL__']", "['__CONTENT__']"].iter().any(|p| !template.contains(p)) {
        return Err(std::io::Error::other("sw.js has no '__BUILD__', ['__SHELL__'] or ['__CONTENT__'] to fill in"));
    }
    let worker = template
        .replace("'__BUILD__'", &format!("'{app_dir}'"))
        .replace("['__SHELL__']", &list(&shell))
        .replace("['__CONTENT__']", &list(&content));
    std::fs::write(path, worker)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape wasm-split-cli 0.2.4 writes (tested for real by the browser tests on the build).
    const LOADER: &str = r#"import { initSync } from "./mytho-so.js";
const __chunk_8 = makeLoad(() => {
    const src = fetch(new URL("./chunk_8.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
/* __faq_area_view_1, __forms_area_view_1 */
const __chunk_9 = makeLoad(() => {
    const src = fetch(new URL("./chunk_9.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_8]);
export const __wasm_split_load___faq_area_view_1 = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split___faq_area_view_1.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_9]));
export const __wasm_split_load___forms_area_view_1 = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split___forms_area_view_1.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_8]));
"#;

    #[test]
    fn an_area_needs_its_module_and_every_chunk_it_waits_for() {
        assert_eq!(split_files(LOADER, "faq_area"), ["split___faq_area_view_1.wasm", "chunk_9.wasm", "chunk_8.wasm"]);
        assert_eq!(split_files(LOADER, "forms_area"), ["split___forms_area_view_1.wasm", "chunk_8.wasm"]);
        assert!(split_files(LOADER, "tourism_area").is_empty());
        // A name that only starts like another area's is not that area.
        assert!(split_files(LOADER, "faq").is_empty());
    }

    #[test]
    fn a_first_load_is_what_the_page_links_whatever_quotes_its_styles_hold() {
        let dist = std::env::temp_dir().join(format!("mytho-first-load-test-{}", std::process::id()));
        std::fs::create_dir_all(dist.join("app")).unwrap();
        for file in ["app/boot.js", "app/main.wasm", "favicon.svg", "config.json"] {
            std::fs::write(dist.join(file), "x").unwrap();
        }
        let html = "<head><link rel=\"icon\" href=\"/favicon.svg\"><style>body{font-family:\"Segoe UI\",x}\
                    a::after{content:'\"'}</style><script type=\"module\" src=\"/app/boot.js\"></script>\
                    <link rel=\"preload\" href=\"/app/main.wasm\"><a href=\"/missing.html\">";
        std::fs::write(dist.join("page.html"), html).unwrap();
        assert_eq!(first_load(&dist, "page.html").unwrap(), ["page.html", "favicon.svg", "app/boot.js", "app/main.wasm", "config.json"]);
        std::fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn comments_are_left_out_with_the_lines_they_stood_on_alone() {
        let html = "<head>\n  <!-- why the styles\n       are here -->\n  <style>b{}</style>\n<p>a<!-- x -->b</p>\n<!-- unclosed";
        assert_eq!(without_comments(html), "<head>\n  <style>b{}</style>\n<p>ab</p>\n<!-- unclosed");
        assert_eq!(without_comments("no comment"), "no comment");
    }

    #[test]
    fn pages_get_the_loader_the_hints_and_a_worker_for_their_build() {
        let dist = std::env::temp_dir().join(format!("mytho-assets-test-{}", std::process::id()));
        let app = "app-0123456789abcdef";
        std::fs::create_dir_all(dist.join(app)).unwrap();
        for file in ["boot.js", "mytho-so_bg.wasm"] {
            std::fs::write(dist.join(app).join(file), "x").unwrap();
        }
        std::fs::write(dist.join("index.html"), "<html><head>\n<!-- for editors -->\n<title>t</title></head><body></body></html>").unwrap();
        std::fs::write(dist.join("hoi-dap.html"), "<html><head></head><body></body></html>").unwrap();
        std::fs::write(dist.join("sw.js"), "const BUILD = '__BUILD__';\nconst SHELL = ['__SHELL__'];\nconst CONTENT = ['__CONTENT__'];\n").unwrap();
        let pages = [("index.html", None, None), ("hoi-dap.html", Some("faq_area"), Some("faq.json")), ("missing.html", Some("forms_area"), None)];
        assert_eq!(link_pages(&dist, app, LOADER, &pages).unwrap(), 2);
        let home = std::fs::read_to_string(dist.join("index.html")).unwrap();
        assert!(home.contains(&format!("<script type=\"module\" src=\"/{app}/boot.js\"></script>")));
        assert!(!home.contains("split___"), "the home page preloads no area");
        assert!(home.starts_with("<html><head>\n<title>t</title>"), "comments are not sent: {home}");
        let faq = std::fs::read_to_string(dist.join("hoi-dap.html")).unwrap();
        for file in ["split___faq_area_view_1.wasm", "chunk_9.wasm", "chunk_8.wasm"] {
            assert!(faq.contains(&format!("href=\"/{app}/{file}\" as=\"fetch\"")), "{file}");
        }
        assert!(faq.contains("<link rel=\"preload\" href=\"/faq.json\" as=\"fetch\" type=\"application/json\" crossorigin>"));
        // Every hint is in the template boot.js makes live after the first paint, none before it.
        let (before, hints) = faq.split_once("<template id=\"app-files\">").unwrap();
        assert!(!before.contains("rel=\"preload\""), "{before}");
        assert_eq!(hints.split_once("</template>").unwrap().0.matches("rel=\"preload\"").count(), 5, "{hints}");
        // What a first visit to the area fetches is what its page names.
        let names = first_load(&dist, "hoi-dap.html").unwrap();
        assert!(names.contains(&format!("{app}/mytho-so_bg.wasm")));
        let worker = std::fs::read_to_string(dist.join("sw.js")).unwrap();
        assert!(worker.contains(&format!("const BUILD = '{app}';")));
        assert!(worker.contains(&format!("const SHELL = ['/', '/{app}/boot.js', '/{app}/mytho-so_bg.wasm'];")), "{worker}");
        assert!(worker.contains("const CONTENT = ['/faq.json'];"), "{worker}");
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
