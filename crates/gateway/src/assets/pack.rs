//! Packs the wasm splitter's shared chunks into a few files.
//!
//! `wasm-split-cli` gives every set of areas that shares code a chunk of its own: about 145 files for
//! 8 areas, most under a kilobyte, so a landing fetched 60–85 files, each compressed alone. A chunk
//! only fills the shared table and memory (its functions at fixed table slots, its data at fixed
//! addresses; calls between modules go through the table), so any chunks can be instantiated as one
//! module: binaryen's `wasm-merge` joins them, and the loader fetches the pack wherever it fetched one of
//! its chunks. Which chunks share a pack is a trade: an area that needs one chunk of a pack downloads
//! all of it, but a pack is one request and compresses as one text. [`plan`] decides by a cost in
//! bytes over every area's landing and one visit through all of them.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

/// What one more file costs an area's landing, in bytes: a request, its headers, and a module to
/// compile and instantiate. A guess, tuned by building with others (12-05, brotli bytes): 1,500 left
/// the catalogue's landing 0.3 KB above its bundle before the split; 1,200 brings every landing below
/// it (the catalogue −2.0 KB, reports −2.0 KB, tracking −1.4 KB, tourism −1.4 KB; forms, FAQ, lessons
/// +0.7–0.8 KB) with the journey unchanged; 1,000, 800 and 500 each grow the journey (+0.6 to +2.9 KB).
pub const FILE_COST: usize = 1200;

/// One chunk of the splitter's output.
pub struct Chunk {
    /// Its loader in `__wasm_split.js` (`__chunk_12`).
    pub loader: String,
    /// Its file (`chunk_12.wasm`).
    pub file: String,
    /// The areas' loaders that wait for it.
    pub users: BTreeSet<String>,
}

/// Groups `chunks` into packs: starting with each chunk alone, it joins the two packs whose joining
/// lowers the cost most, until no join lowers it. The cost of a pack is what it adds to the landings of
/// the areas that need it (its bytes and [`FILE_COST`] each) and to a visit through every area (its
/// bytes once). `size` gives the compressed size of chunks sent as one file. Deterministic: ties go to
/// the first pair in order.
pub fn plan(chunks: &[Chunk], mut size: impl FnMut(&[usize]) -> usize) -> Vec<Vec<usize>> {
    let mut packs: Vec<(Vec<usize>, BTreeSet<&str>, usize)> = (0..chunks.len())
        .map(|i| (vec![i], chunks[i].users.iter().map(String::as_str).collect(), size(&[i])))
        .collect();
    let mut sizes: HashMap<Vec<usize>, usize> = HashMap::new();
    loop {
        let mut best: Option<(isize, usize, usize, usize)> = None;
        for i in 0..packs.len() {
            for j in i + 1..packs.len() {
                let (a, b) = (&packs[i], &packs[j]);
                let users = a.1.union(&b.1).count();
                // Packs of mostly different areas never pay to join (each area would fetch the other's
                // bytes); skipping them keeps the plan quick.
                if a.1.intersection(&b.1).count() * 2 < users {
                    continue;
                }
                let before = (cost(a.1.len(), a.2) + cost(b.1.len(), b.2)) as isize;
                // A pack is at least as large as its larger part: skip joins that cannot pay.
                if cost(users, a.2.max(b.2)) as isize >= before {
                    continue;
                }
                let mut members: Vec<usize> = a.0.iter().chain(&b.0).copied().collect();
                members.sort_unstable();
                let bytes = *sizes.entry(members.clone()).or_insert_with(|| size(&members));
                let change = cost(users, bytes) as isize - before;
                if change < 0 && best.is_none_or(|(c, ..)| change < c) {
                    best = Some((change, i, j, bytes));
                }
            }
        }
        let Some((_, i, j, bytes)) = best else { break };
        let b = packs.remove(j);
        let a = &mut packs[i];
        a.0.extend(b.0);
        a.0.sort_unstable();
        a.1.extend(b.1);
        a.2 = bytes;
    }
    packs.into_iter().map(|(members, ..)| members).collect()
}

/// What a pack of `bytes` adds: to the landing of each of the `users` areas that need it, and to one
/// visit through every area.
fn cost(users: usize, bytes: usize) -> usize {
    users * (bytes + FILE_COST) + bytes
}

/// The chunks of the splitter's loader `js`, with the areas that wait for each (directly or through
/// another chunk).
pub fn chunks(js: &str) -> Vec<Chunk> {
    let loaders = super::split_loaders(js);
    let is_chunk = |name: &str| name.starts_with("__chunk_");
    let mut chunks: Vec<Chunk> = loaders
        .iter()
        .filter(|l| is_chunk(l.name))
        .map(|l| Chunk { loader: l.name.to_string(), file: l.file.to_string(), users: BTreeSet::new() })
        .collect();
    for area in loaders.iter().filter(|l| !is_chunk(l.name)) {
        let mut todo: Vec<&str> = area.deps.clone();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        while let Some(dep) = todo.pop() {
            if !seen.insert(dep) {
                continue;
            }
            if let Some(chunk) = chunks.iter_mut().find(|c| c.loader == dep) {
                chunk.users.insert(area.name.to_string());
            }
            todo.extend(loaders.iter().filter(|l| l.name == dep).flat_map(|l| l.deps.iter().copied()));
        }
    }
    chunks
}

/// The loader with each pack in place of its chunks: the pack's own loader where its first chunk's
/// was, the chunks' loaders gone, and every loader waiting for the packs of the chunks it waited for
/// (once each). `packs` are the loader names of each pack's chunks; a pack `i` is `pack_i.wasm`.
/// A pack imports what its chunks imported under the module name `env` (see [`stub`]).
pub fn rewrite_loader(js: &str, packs: &[Vec<&str>]) -> String {
    let pack_of: HashMap<&str, String> =
        packs.iter().enumerate().flat_map(|(i, p)| p.iter().map(move |c| (*c, format!("__pack_{i}")))).collect();
    let loaders = super::split_loaders(js);
    let deps_of = |name: &str| loaders.iter().find(|l| l.name == name).map(|l| l.deps.clone()).unwrap_or_default();
    let mut out = String::with_capacity(js.len());
    let mut rest = js;
    // Each loader is `[/* areas */\n]const NAME = makeLoad(…\n, [deps]);` or `export const … ]));`.
    while let Some(start) = rest.find("const __") {
        let line = rest[..start].rfind('\n').map_or(0, |i| i + 1);
        let head = if rest[..line].ends_with("*/\n") { rest[..line - 1].rfind('\n').map_or(0, |i| i + 1) } else { line };
        let Some(deps_at) = rest[start..].find("\n, [").map(|i| start + i) else { break };
        let end = rest[deps_at + 1..].find('\n').map_or(rest.len(), |i| deps_at + 1 + i + 1);
        let name = rest[start + "const ".len()..].split_whitespace().next().unwrap_or("");
        out.push_str(&rest[..head]);
        match pack_of.get(name) {
            Some(pack) => {
                let (i, members) = packs.iter().enumerate().find(|(_, p)| p.contains(&name)).expect("a packed chunk has a pack");
                if members[0] == name {
                    let deps: Vec<&str> = members.iter().flat_map(|m| deps_of(m)).collect();
                    let file = format!("./pack_{i}.wasm");
                    let block = format!(
                        "const {pack} = makeLoad(() => {{\n    const src = fetch(new URL(\"{file}\", import.meta.url));\n    \
                         src.catch(() => {{}});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, {{ env: imports.__wasm_split }}));\n}}\n, [{}]);\n",
                        deps.join(", ")
                    );
                    out.push_str(&with_packed_deps(&block, &pack_of, Some(pack)));
                }
            }
            None => out.push_str(&with_packed_deps(&rest[head..end], &pack_of, None)),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A loader's block with its dependencies on packed chunks replaced by their packs, each once, and
/// never on the pack `own` that the block loads.
fn with_packed_deps(block: &str, pack_of: &HashMap<&str, String>, own: Option<&String>) -> String {
    let Some((before, after)) = block.rsplit_once("\n, [") else { return block.to_string() };
    let Some((deps, tail)) = after.split_once(']') else { return block.to_string() };
    let mut names: Vec<&str> = Vec::new();
    for dep in deps.split(',').map(str::trim).filter(|d| !d.is_empty()) {
        let name = pack_of.get(dep).map_or(dep, String::as_str);
        if !names.contains(&name) && own.is_none_or(|own| own != name) {
            names.push(name);
        }
    }
    format!("{before}\n, [{}]{tail}", names.join(", "))
}

/// A module that re-exports what the chunks import from the splitter's loader (`__wasm_split`: the
/// memory, the function table, the shared globals), importing it from `env`. `wasm-merge` joins every
/// chunk's imports to its exports, so the pack imports each once.
pub fn stub(wasm_files: &[Vec<u8>]) -> Result<String, String> {
    let mut imports: Vec<(String, String)> = Vec::new();
    for wasm in wasm_files {
        for payload in wasmparser::Parser::new(0).parse_all(wasm) {
            let wasmparser::Payload::ImportSection(section) = payload.map_err(|e| e.to_string())? else { continue };
            for import in section.into_imports() {
                let import = import.map_err(|e| e.to_string())?;
                if import.module != "__wasm_split" {
                    return Err(format!("a chunk imports from {}, not from the splitter's loader", import.module));
                }
                let kind = match import.ty {
                    wasmparser::TypeRef::Memory(m) => format!("(memory $i {})", limits(m.initial, m.maximum)),
                    wasmparser::TypeRef::Table(t) if t.element_type == wasmparser::RefType::FUNCREF => {
                        format!("(table $i {} funcref)", limits(t.initial, t.maximum))
                    }
                    wasmparser::TypeRef::Global(g) => {
                        let ty = match g.content_type {
                            wasmparser::ValType::I32 => "i32",
                            wasmparser::ValType::I64 => "i64",
                            other => return Err(format!("a chunk imports a global of type {other:?}")),
                        };
                        if g.mutable { format!("(global $i (mut {ty}))") } else { format!("(global $i {ty})") }
                    }
                    other => return Err(format!("a chunk imports {} as {other:?}, which packing does not handle", import.name)),
                };
                let entry = (import.name.to_string(), kind);
                if let Some(seen) = imports.iter().find(|(name, _)| *name == entry.0) {
                    if seen.1 != entry.1 {
                        return Err(format!("chunks import {} as {} and as {}", entry.0, seen.1, entry.1));
                    }
                } else {
                    imports.push(entry);
                }
            }
        }
    }
    let mut wat = String::from("(module\n");
    for (n, (name, kind)) in imports.iter().enumerate() {
        let kind = kind.replace("$i", &format!("$i{n}"));
        let what = kind[1..].split_whitespace().next().unwrap_or("");
        wat.push_str(&format!(" (import \"env\" \"{name}\" {kind})\n (export \"{name}\" ({what} $i{n}))\n"));
    }
    wat.push_str(")\n");
    Ok(wat)
}

fn limits(initial: u64, maximum: Option<u64>) -> String {
    maximum.map_or_else(|| initial.to_string(), |max| format!("{initial} {max}"))
}

/// Packs the chunks of the split app in `dir` (the splitter's output after wasm-opt): plans the packs,
/// joins each pack's chunks with `wasm-merge` and optimises it with `wasm-opt` and `opt_flags` (the
/// `--enable-…` flags go to wasm-merge too), removes the chunks and rewrites `__wasm_split.js`.
/// Returns how many files the chunks were and how many they are now.
pub fn pack_dir(dir: &Path, opt_flags: &[String]) -> Result<(usize, usize), String> {
    let loader_path = dir.join("__wasm_split.js");
    let js = std::fs::read_to_string(&loader_path).map_err(|e| format!("{}: {e}", loader_path.display()))?;
    let chunks = chunks(&js);
    let wasm: Vec<Vec<u8>> = chunks
        .iter()
        .map(|c| std::fs::read(dir.join(&c.file)).map_err(|e| format!("{}: {e}", c.file)))
        .collect::<Result<_, _>>()?;
    // gzip ranks the joins as brotli would, a hundred times faster (brotli's encoder takes ~10 ms to set
    // up at the qualities that matter, and the plan weighs thousands of joins).
    let packs = plan(&chunks, |members| {
        let joined: Vec<u8> = members.iter().flat_map(|&i| wasm[i].iter().copied()).collect();
        super::gzip(&joined).len()
    });
    let packs: Vec<Vec<usize>> = packs.into_iter().filter(|p| p.len() > 1).collect();
    let features: Vec<&String> = opt_flags.iter().filter(|f| f.starts_with("--enable-")).collect();
    for (i, members) in packs.iter().enumerate() {
        let stub_path = dir.join(format!("pack_{i}.stub.wat"));
        std::fs::write(&stub_path, stub(&members.iter().map(|&m| wasm[m].clone()).collect::<Vec<_>>())?)
            .map_err(|e| e.to_string())?;
        let out = dir.join(format!("pack_{i}.wasm"));
        let mut merge = Command::new("wasm-merge");
        merge.args(&features).arg(&stub_path).arg("__wasm_split");
        for &m in members {
            merge.arg(dir.join(&chunks[m].file)).arg(format!("m{m}"));
        }
        run(merge.arg("-o").arg(&out))?;
        run(Command::new("wasm-opt").args(opt_flags).arg(&out).arg("-o").arg(&out))?;
        std::fs::remove_file(&stub_path).map_err(|e| e.to_string())?;
        for &m in members {
            std::fs::remove_file(dir.join(&chunks[m].file)).map_err(|e| e.to_string())?;
        }
    }
    let names: Vec<Vec<&str>> = packs.iter().map(|p| p.iter().map(|&m| chunks[m].loader.as_str()).collect()).collect();
    std::fs::write(&loader_path, rewrite_loader(&js, &names)).map_err(|e| e.to_string())?;
    let packed: usize = packs.iter().map(Vec::len).sum();
    Ok((chunks.len(), chunks.len() - packed + packs.len()))
}

fn run(command: &mut Command) -> Result<(), String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let output = command.output().map_err(|e| format!("cannot run {program}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("{program} failed: {}", String::from_utf8_lossy(&output.stderr)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two areas sharing two chunks, one of them through the other, and a chunk of their own each.
    const LOADER: &str = r#"import { initSync } from "./mytho-so.js";
function makeLoad(fetcher, deps) { const loader = async () => {}; return loader; }
/* __a_view_1, __b_view_1 */
const __chunk_1 = makeLoad(() => {
    const src = fetch(new URL("./chunk_1.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
/* __a_view_1, __b_view_1 */
const __chunk_2 = makeLoad(() => {
    const src = fetch(new URL("./chunk_2.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_1]);
/* __a_view_1, __c_view_1 */
const __chunk_3 = makeLoad(() => {
    const src = fetch(new URL("./chunk_3.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
export const __wasm_split_load___a_view_1 = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split___a_view_1.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_2, __chunk_3]));
export const __wasm_split_load___b_view_1 = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split___b_view_1.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_2]));
export const __wasm_split_load___c_view_1 = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split___c_view_1.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_3]));
"#;

    fn users(chunk: &Chunk) -> Vec<&str> {
        chunk.users.iter().map(String::as_str).collect()
    }

    #[test]
    fn a_chunk_is_needed_by_the_areas_that_wait_for_it_directly_or_through_another() {
        let chunks = chunks(LOADER);
        let found: Vec<(&str, &str, Vec<&str>)> = chunks.iter().map(|c| (c.loader.as_str(), c.file.as_str(), users(c))).collect();
        let (a, b, c) = ("__wasm_split_load___a_view_1", "__wasm_split_load___b_view_1", "__wasm_split_load___c_view_1");
        assert_eq!(
            found,
            [("__chunk_1", "chunk_1.wasm", vec![a, b]), ("__chunk_2", "chunk_2.wasm", vec![a, b]), ("__chunk_3", "chunk_3.wasm", vec![a, c])]
        );
    }

    #[test]
    fn after_packing_each_area_fetches_its_module_and_the_packs_of_its_chunks_once() {
        let js = rewrite_loader(LOADER, &[vec!["__chunk_1", "__chunk_2"]]);
        assert!(!js.contains("chunk_1.wasm") && !js.contains("chunk_2.wasm"), "{js}");
        assert!(js.contains("new URL(\"./pack_0.wasm\", import.meta.url)"));
        // The pack imports what its chunks imported under `env` (the stub's import module).
        assert!(js.contains("instantiateStreaming(src, { env: imports.__wasm_split })"));
        assert_eq!(js.matches("const __pack_0 = makeLoad(").count(), 1);
        assert_eq!(super::super::split_files(&js, "a"), ["split___a_view_1.wasm", "chunk_3.wasm", "pack_0.wasm"]);
        assert_eq!(super::super::split_files(&js, "b"), ["split___b_view_1.wasm", "pack_0.wasm"]);
        assert_eq!(super::super::split_files(&js, "c"), ["split___c_view_1.wasm", "chunk_3.wasm"]);
        // A's dependencies name the pack once; the pack does not wait for itself.
        assert!(js.contains(", [__pack_0, __chunk_3]));"), "{js}");
        assert!(js.contains("import.meta.url));\n    src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, { env: imports.__wasm_split }));\n}\n, []);"));
        // Nothing else of the loader changes.
        assert!(js.starts_with("import { initSync } from \"./mytho-so.js\";\nfunction makeLoad(fetcher, deps)"));
        assert_eq!(rewrite_loader(LOADER, &[]), LOADER);
    }

    /// Sizes where joining costs nothing: the join of chunks is their largest part plus one byte each.
    fn overlapping(sizes: &[usize]) -> impl FnMut(&[usize]) -> usize + '_ {
        move |members: &[usize]| members.iter().map(|&m| sizes[m]).max().unwrap_or(0) + members.len()
    }

    fn chunk(users: &[&str]) -> Chunk {
        Chunk { loader: String::new(), file: String::new(), users: users.iter().map(|u| u.to_string()).collect() }
    }

    #[test]
    fn chunks_that_the_same_areas_need_share_a_pack_and_every_chunk_is_in_one_pack() {
        let chunks = [chunk(&["a", "b"]), chunk(&["c"]), chunk(&["a", "b"]), chunk(&["a", "b"])];
        let packs = plan(&chunks, overlapping(&[100, 100, 100, 100]));
        assert_eq!(packs, [vec![0, 2, 3], vec![1]]);
    }

    #[test]
    fn a_large_chunk_is_not_sent_to_areas_that_do_not_need_it() {
        // Joining would save one request for `a` and `b` but send 50 KB more to `c`.
        let chunks = [chunk(&["a", "b"]), chunk(&["a", "b", "c"])];
        let sizes = [50_000, 10];
        let additive = |members: &[usize]| members.iter().map(|&m| sizes[m]).sum::<usize>();
        assert_eq!(plan(&chunks, additive), [vec![0], vec![1]]);
        // Tiny chunks are worth a byte or two more to `c` to save everyone a request.
        let sizes = [50, 10];
        let additive = |members: &[usize]| members.iter().map(|&m| sizes[m]).sum::<usize>();
        assert_eq!(plan(&chunks, additive), [vec![0, 1]]);
    }

    proptest::proptest! {
        #[test]
        fn every_chunk_is_in_exactly_one_pack_and_no_pack_costs_more_than_its_chunks_apart(
            chunk_users in proptest::collection::vec(proptest::collection::btree_set(0u8..5, 1..4), 1..24),
            sizes in proptest::collection::vec(1usize..20_000, 24),
        ) {
            let chunks: Vec<Chunk> = chunk_users.iter().map(|u| Chunk {
                loader: String::new(), file: String::new(), users: u.iter().map(|a| format!("area{a}")).collect(),
            }).collect();
            let size = |members: &[usize]| members.iter().map(|&m| sizes[m]).sum::<usize>() * 9 / 10 + 40;
            let packs = plan(&chunks, size);
            let mut seen: Vec<usize> = packs.iter().flatten().copied().collect();
            seen.sort_unstable();
            proptest::prop_assert_eq!(seen, (0..chunks.len()).collect::<Vec<_>>());
            let total = |packs: &[Vec<usize>]| -> usize {
                packs.iter().map(|p| cost(p.iter().flat_map(|&m| &chunks[m].users).collect::<BTreeSet<_>>().len(), size(p))).sum()
            };
            let apart: Vec<Vec<usize>> = (0..chunks.len()).map(|i| vec![i]).collect();
            proptest::prop_assert!(total(&packs) <= total(&apart));
            // Deterministic: the same input gives the same packs.
            proptest::prop_assert_eq!(plan(&chunks, size), packs);
        }
    }

    /// A module importing a memory, a function table and a mutable global from `__wasm_split`, as the
    /// splitter's chunks do.
    fn chunk_module(memory_pages: u8) -> Vec<u8> {
        let mut imports = vec![3u8]; // three imports
        for (name, desc) in [
            (&b"memory"[..], vec![0x02, 0x00, memory_pages]),
            (&b"__indirect_function_table"[..], vec![0x01, 0x70, 0x00, 0x10]),
            (&b"__wasm_split_shared0"[..], vec![0x03, 0x7f, 0x01]),
        ] {
            imports.push(12);
            imports.extend(b"__wasm_split");
            imports.push(name.len() as u8);
            imports.extend(name);
            imports.extend(desc);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.push(2);
        wasm.push(imports.len() as u8);
        wasm.extend(imports);
        wasm
    }

    #[test]
    fn the_stub_re_exports_each_import_of_the_chunks_once_from_env() {
        let wat = stub(&[chunk_module(19), chunk_module(19)]).unwrap();
        assert_eq!(
            wat,
            "(module\n \
             (import \"env\" \"memory\" (memory $i0 19))\n (export \"memory\" (memory $i0))\n \
             (import \"env\" \"__indirect_function_table\" (table $i1 16 funcref))\n (export \"__indirect_function_table\" (table $i1))\n \
             (import \"env\" \"__wasm_split_shared0\" (global $i2 (mut i32)))\n (export \"__wasm_split_shared0\" (global $i2))\n)\n"
        );
        // Chunks that disagree on what an import is cannot share a pack.
        assert!(stub(&[chunk_module(19), chunk_module(20)]).unwrap_err().contains("memory"));
    }
}
