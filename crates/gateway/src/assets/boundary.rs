//! The boundary between the main module and wasm-bindgen's glue, made smaller: short import names, and
//! no exports that no script uses.
//!
//! wasm-bindgen names each import of its glue after the function and a hash
//! (`__wbg_createElement_9f2c41d0e5b3a718`), and writes each name twice: in the wasm's import section
//! and as a key of the glue's import object. The hashes do not compress, so the ≈ 260 names cost every
//! page some 7 KB brotli. Nothing else reads these names (the splitter's modules import only the table,
//! the memory and shared globals), so both sides are renamed to short names, in the order the wasm
//! imports them, and the glue's module name `./mytho-so_bg.js` becomes `a`. wasm-bindgen has no option for
//! this (wasm-bindgen/wasm-bindgen#3736, #3909) and binaryen's `--minify-imports` leaves modules other
//! than `env` alone.
//!
//! Leptos links `server_fn`, whose `wasm-streams` exports three classes to JavaScript; the app never
//! uses them, and once the scripts are bundled (esbuild drops what nothing imports, once
//! [`without_dispose_aliases`] has removed the one statement that kept each) no script names their
//! methods. [`drop_unused_exports`] removes the exports no script names, so wasm-opt can remove their
//! code.

/// Tightens the boundary of the main module in `dir` (after wasm-bindgen, before wasm-opt): the glue's
/// import names shortened in `mytho-so_bg.wasm` and `mytho-so.js`, then the exports dropped that no
/// script names once `boot.js`, the glue and the splitter's loader are bundled (`esbuild`, which leaves
/// out what nothing imports). Returns the exports dropped.
pub fn tighten(dir: &std::path::Path) -> Result<Vec<String>, String> {
    let (wasm_path, js_path) = (dir.join("mytho-so_bg.wasm"), dir.join("mytho-so.js"));
    let wasm = std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    let js = std::fs::read_to_string(&js_path).map_err(|e| format!("{}: {e}", js_path.display()))?;
    let (wasm, js) = shorten(&wasm, &js)?;
    std::fs::write(&js_path, without_dispose_aliases(&js)).map_err(|e| e.to_string())?;
    let bundle = dir.join("boundary-check.js");
    let esbuild = std::process::Command::new("esbuild")
        .arg(dir.join("boot.js"))
        .args(["--bundle", "--format=esm", "--log-level=error"])
        .arg(format!("--outfile={}", bundle.display()))
        .output()
        .map_err(|e| format!("cannot run esbuild: {e}"))?;
    if !esbuild.status.success() {
        return Err(format!("esbuild failed: {}", String::from_utf8_lossy(&esbuild.stderr)));
    }
    let scripts = std::fs::read_to_string(&bundle).map_err(|e| e.to_string())?;
    std::fs::remove_file(&bundle).map_err(|e| e.to_string())?;
    let (wasm, dropped) = drop_unused_exports(&wasm, &scripts)?;
    std::fs::write(&wasm_path, wasm).map_err(|e| e.to_string())?;
    Ok(dropped)
}

/// The module name wasm-bindgen's glue gives its imports (from `--out-name mytho-so`).
pub const GLUE_MODULE: &str = "./mytho-so_bg.js";
const SHORT_MODULE: &str = "a";

/// `wasm` and `js` with every import of [`GLUE_MODULE`] renamed on both sides. Fails, changing nothing,
/// when the glue does not name each import exactly once as a key (a wasm-bindgen whose glue this does
/// not understand).
pub fn shorten(wasm: &[u8], js: &str) -> Result<(Vec<u8>, String), String> {
    let std::ops::Range { start, end } = section_range(wasm, 2)?.ok_or("the module imports nothing")?;
    let content = &wasm[start..end];
    let reader = wasmparser::ImportSectionReader::new(wasmparser::BinaryReader::new(content, start)).map_err(|e| e.to_string())?;
    let entries: Vec<(usize, wasmparser::Imports)> =
        reader.into_iter_with_offsets().collect::<Result<_, _>>().map_err(|e| e.to_string())?;
    let mut section = Vec::new();
    leb(&mut section, entries.len() as u64);
    let mut js = js.to_string();
    let mut renamed = 0;
    for (i, (at, imports)) in entries.iter().enumerate() {
        let wasmparser::Imports::Single(_, import) = imports else {
            return Err("the main module uses the compact import encoding, which this does not read".into());
        };
        let next = entries.get(i + 1).map_or(end, |(next, _)| *next);
        // What follows the two names is the import's type, copied as it is.
        let mut names = wasmparser::BinaryReader::new(&wasm[*at..next], *at);
        names.read_string().and_then(|_| names.read_string()).map_err(|e| e.to_string())?;
        let ty = &wasm[names.original_position()..next];
        let (module, name) = if import.module == GLUE_MODULE {
            let short = short_name(renamed);
            renamed += 1;
            js = rename_key(&js, import.name, &short)?;
            (SHORT_MODULE.to_string(), short)
        } else {
            (import.module.to_string(), import.name.to_string())
        };
        for text in [&module, &name] {
            leb(&mut section, text.len() as u64);
            section.extend(text.as_bytes());
        }
        section.extend(ty);
    }
    let module_key = format!("\"{GLUE_MODULE}\":");
    if renamed > 0 {
        if js.matches(&module_key).count() != 1 {
            return Err(format!("the glue does not name its import module {GLUE_MODULE} exactly once"));
        }
        js = js.replacen(&module_key, &format!("{SHORT_MODULE}:"), 1);
    }
    Ok((with_section(wasm, 2, start..end, &section)?, js))
}

/// The glue without its `if (Symbol.dispose) C.prototype[Symbol.dispose] = C.prototype.free;` lines:
/// each is a statement the bundler must keep, and it keeps class `C` with it (for `using` declarations,
/// which no script of ours makes). Without them, the classes nothing imports are left out.
pub fn without_dispose_aliases(js: &str) -> String {
    js.lines()
        .filter(|line| !(line.starts_with("if (Symbol.dispose) ") && line.ends_with(".prototype.free;")))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// `wasm` without the exports whose names `scripts` never mention (functions only: the memory, the
/// table and globals stay). Returns the module and the names dropped.
pub fn drop_unused_exports(wasm: &[u8], scripts: &str) -> Result<(Vec<u8>, Vec<String>), String> {
    let Some(range) = section_range(wasm, 7)? else { return Ok((wasm.to_vec(), Vec::new())) };
    let reader = wasmparser::ExportSectionReader::new(wasmparser::BinaryReader::new(&wasm[range.clone()], range.start))
        .map_err(|e| e.to_string())?;
    let entries: Vec<(usize, wasmparser::Export)> = reader.into_iter_with_offsets().collect::<Result<_, _>>().map_err(|e| e.to_string())?;
    let (mut kept, mut dropped) = (Vec::new(), Vec::new());
    for (i, (at, export)) in entries.iter().enumerate() {
        let next = entries.get(i + 1).map_or(range.end, |(next, _)| *next);
        if export.kind == wasmparser::ExternalKind::Func && !names(scripts, export.name) {
            dropped.push(export.name.to_string());
        } else {
            kept.push(&wasm[*at..next]);
        }
    }
    let mut section = Vec::new();
    leb(&mut section, kept.len() as u64);
    kept.iter().for_each(|entry| section.extend(*entry));
    Ok((with_section(wasm, 7, range, &section)?, dropped))
}

/// A character that can be part of a JavaScript name (as wasm-bindgen's names are written).
fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// Whether `name` occurs in `text` as a whole name (not inside a longer one).
fn names(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| !text[..at].ends_with(name_char) && !text[at + name.len()..].starts_with(name_char))
}

/// `wasm` with the content of its section `id` at `range` replaced by `content`, checked valid.
fn with_section(wasm: &[u8], id: u8, range: std::ops::Range<usize>, content: &[u8]) -> Result<Vec<u8>, String> {
    let header = section_header(wasm, range.start).ok_or("a section without its header")?;
    let mut out = wasm[..header].to_vec();
    out.push(id);
    leb(&mut out, content.len() as u64);
    out.extend(content);
    out.extend(&wasm[range.end..]);
    wasmparser::Validator::new().validate_all(&out).map_err(|e| format!("the changed module does not validate: {e}"))?;
    Ok(out)
}

/// Where the content of the section `id` (2 imports, 7 exports) starts and ends, if the module has one.
fn section_range(wasm: &[u8], id: u8) -> Result<Option<std::ops::Range<usize>>, String> {
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| e.to_string())? {
            wasmparser::Payload::ImportSection(reader) if id == 2 => return Ok(Some(reader.range())),
            wasmparser::Payload::ExportSection(reader) if id == 7 => return Ok(Some(reader.range())),
            _ => {}
        }
    }
    Ok(None)
}

/// Where the section whose content starts at `content` begins (its id byte), walking the sections from
/// the module's start.
fn section_header(wasm: &[u8], content: usize) -> Option<usize> {
    let mut pos = 8;
    while pos < content {
        let mut reader = wasmparser::BinaryReader::new(wasm.get(pos + 1..)?, pos + 1);
        let len = reader.read_var_u32().ok()? as usize;
        if reader.original_position() == content {
            return Some(pos);
        }
        pos = reader.original_position() + len;
    }
    None
}

/// The key `name:` of the glue's import object, renamed; it must be there exactly once.
fn rename_key(js: &str, name: &str, short: &str) -> Result<String, String> {
    let key = format!("{name}:");
    let found: Vec<usize> = js
        .match_indices(&key)
        .map(|(at, _)| at)
        .filter(|&at| !js[..at].ends_with(name_char))
        .collect();
    match found.as_slice() {
        [at] => Ok(format!("{}{short}:{}", &js[..*at], &js[at + key.len()..])),
        _ => Err(format!("the glue names the import {name} {} times, not once", found.len())),
    }
}

/// `a` … `z`, `A` … `Z`, then `a0`, `b0` …: names valid as object keys and never `__proto__`.
fn short_name(n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = String::from(LETTERS[n % LETTERS.len()] as char);
    let mut rest = n / LETTERS.len();
    while rest > 0 {
        rest -= 1;
        name.push(char::from_digit((rest % 36) as u32, 36).unwrap_or('0'));
        rest /= 36;
    }
    name
}

fn leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with a memory from `env` and two functions from the glue, and a function of its own.
    fn module() -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // type 0: () -> ()
        wasm.extend([1, 4, 1, 0x60, 0, 0]);
        let mut imports = vec![3u8];
        for (module, name, ty) in [
            ("env", "memory", &[0x02, 0x00, 0x01][..]),
            (GLUE_MODULE, "__wbg_alert_2de8bdec59d2582f", &[0x00, 0x00][..]),
            (GLUE_MODULE, "__wbg_log_f906d0ad2a4b67c5", &[0x00, 0x00][..]),
        ] {
            for text in [module, name] {
                imports.push(text.len() as u8);
                imports.extend(text.as_bytes());
            }
            imports.extend(ty);
        }
        wasm.push(2);
        wasm.push(imports.len() as u8);
        wasm.extend(imports);
        // one function of type 0 that calls both imports
        wasm.extend([3, 2, 1, 0]);
        wasm.extend([10, 8, 1, 6, 0, 0x10, 0, 0x10, 1, 0x0b]);
        wasm
    }

    const GLUE: &str = "function __wbg_get_imports() { const import0 = { __proto__: null, \
        __wbg_alert_2de8bdec59d2582f: function() { alert(); }, __wbg_log_f906d0ad2a4b67c5: function() { console.log(); } }; \
        return { __proto__: null, \"./mytho-so_bg.js\": import0 }; }";

    fn imports_of(wasm: &[u8]) -> Vec<(String, String)> {
        let std::ops::Range { start, end } = section_range(wasm, 2).unwrap().unwrap();
        let reader = wasmparser::ImportSectionReader::new(wasmparser::BinaryReader::new(&wasm[start..end], start)).unwrap();
        reader.into_imports().map(|i| i.unwrap()).map(|i| (i.module.to_string(), i.name.to_string())).collect()
    }

    #[test]
    fn the_glues_imports_get_short_names_on_both_sides_and_the_module_still_validates() {
        let (wasm, js) = shorten(&module(), GLUE).unwrap();
        assert_eq!(imports_of(&wasm), [("env".into(), "memory".into()), ("a".into(), "a".into()), ("a".into(), "b".into())]);
        assert_eq!(
            js,
            "function __wbg_get_imports() { const import0 = { __proto__: null, a: function() { alert(); }, \
             b: function() { console.log(); } }; return { __proto__: null, a: import0 }; }"
        );
        wasmparser::Validator::new().validate_all(&wasm).unwrap();
        // Everything after the import section is as it was.
        assert!(wasm.ends_with(&module()[module().len() - 14..]));
        assert!(wasm.len() < module().len());
    }

    #[test]
    fn a_glue_that_does_not_name_an_import_once_is_refused() {
        let twice = GLUE.replace("__wbg_log_f906d0ad2a4b67c5: function() { console.log(); }", "__wbg_log_f906d0ad2a4b67c5: 1, __wbg_log_f906d0ad2a4b67c5: 2");
        assert!(shorten(&module(), &twice).unwrap_err().contains("2 times"));
        let missing = GLUE.replace("__wbg_alert_2de8bdec59d2582f:", "alert:");
        assert!(shorten(&module(), &missing).unwrap_err().contains("0 times"));
        // A longer name that ends like an import is not that import's key.
        let longer = GLUE.replace("__wbg_alert_2de8bdec59d2582f:", "x__wbg_alert_2de8bdec59d2582f:");
        assert!(shorten(&module(), &longer).is_err());
    }

    /// `module()` exporting its function twice, as `used` and `unused_pull`, and its memory.
    fn with_exports() -> Vec<u8> {
        let mut wasm = module();
        let mut exports = vec![3u8];
        for (name, kind, index) in [("used", 0u8, 2u8), ("unused_pull", 0, 2), ("memory", 2, 0)] {
            exports.push(name.len() as u8);
            exports.extend(name.as_bytes());
            exports.extend([kind, index]);
        }
        // The export section goes before the code section (id 10), which is the last 10 bytes.
        let code = wasm.split_off(wasm.len() - 10);
        wasm.push(7);
        wasm.push(exports.len() as u8);
        wasm.extend(exports);
        wasm.extend(code);
        wasm
    }

    #[test]
    fn exports_no_script_names_are_dropped_and_the_rest_kept() {
        wasmparser::Validator::new().validate_all(&with_exports()).unwrap();
        let scripts = "wasm.used(); const { memory } = exports; wasm.unused_pull_more();";
        let (wasm, dropped) = drop_unused_exports(&with_exports(), scripts).unwrap();
        assert_eq!(dropped, ["unused_pull"]);
        let mut names = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(&wasm) {
            if let wasmparser::Payload::ExportSection(reader) = payload.unwrap() {
                names.extend(reader.into_iter().map(|e| e.unwrap().name.to_string()));
            }
        }
        assert_eq!(names, ["used", "memory"]);
        // The memory stays even when no script names it.
        let (_, dropped) = drop_unused_exports(&with_exports(), "").unwrap();
        assert_eq!(dropped, ["used", "unused_pull"]);
    }

    #[test]
    fn the_dispose_aliases_go_and_nothing_else() {
        let glue = "export class Sink {\n  free() {}\n}\nif (Symbol.dispose) Sink.prototype[Symbol.dispose] = Sink.prototype.free;\nif (Symbol.dispose) { keep(); }\n";
        assert_eq!(without_dispose_aliases(glue), "export class Sink {\n  free() {}\n}\nif (Symbol.dispose) { keep(); }\n");
    }

    #[test]
    fn short_names_are_distinct_keys() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert!(names.iter().all(|n| n.chars().next().unwrap().is_ascii_alphabetic() && n.chars().all(|c| c.is_ascii_alphanumeric())));
        assert_eq!(&names[..3], ["a", "b", "c"]);
    }
}
