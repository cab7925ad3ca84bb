#!/usr/bin/env bash
# Builds the app: Trunk writes the pages' HTML, styles and content files into dist/; the app itself is
# one wasm binary split at its lazy routes (`routes::app`) into a main module and one module per group
# of areas (`Bundle` in crates/core/src/routes.rs), with shared chunks, the way cargo-leptos `--split`
# does it: split the linked wasm, then wasm-bindgen the main module, then wasm-opt every file; the shared
# chunks are then packed into a few files (`mytho-assets pack`), and the scripts bundled into one. Trunk
# cannot split yet (trunk-rs/trunk#1022). The lot goes into dist/app-<hash>/, cached forever. Each
# group's page is a copy of index.html with its own first screen; `mytho-assets pages` links every page
# to the build with preload hints for its own module.
#
# Usage: scripts/build-app.sh path/to/mytho-assets
set -euo pipefail
cd "$(dirname "$0")/.."
assets=${1:?usage: scripts/build-app.sh path/to/mytho-assets}

# The page of each group of areas besides the home page (`Bundle::page`).
PAGES=(dich-vu-cong nop-ho-so tra-cuu phan-anh hoi-dap thanh-toan du-lich ky-nang-so)
# The last two drop ≈ 100 B of metadata from each of the ≈ 100 files (≈ 10 KB brotli over the journey).
WASM_OPT_FLAGS=(-Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
  --enable-reference-types --enable-multivalue --strip-producers --strip-target-features)

trunk build --release --offline
# The content files as the app reads them; their sources in public/ keep their indentation for editors.
"$assets" minify-json dist/faq.json dist/lessons.json dist/tourism.json

# --emit-relocs (.cargo/config.toml) lets the splitter move functions between modules.
cargo build --release --locked --target wasm32-unknown-unknown --bin mytho-so
out=target/split
rm -rf "$out"
mkdir -p "$out"
wasm-split-cli target/wasm32-unknown-unknown/release/mytho-so.wasm "$out" --out-name mytho-so --target web
wasm-bindgen --target web --keep-lld-exports --no-demangle --out-dir "$out" --out-name mytho-so "$out/mytho-so.wasm"
rm "$out/mytho-so.wasm" "$out"/*.d.ts
cp src/boot.js "$out/boot.js"
# The glue's ≈ 260 import names are hashed on both sides: short names save ≈ 7 KB brotli on every page;
# and the exports no script uses go, so wasm-opt drops their code (crates/gateway/src/assets/boundary.rs).
"$assets" boundary "$out"
# wasm-opt warns about the splitter's name subsection; its output is what counts.
find "$out" -name '*.wasm' -print0 | xargs -0 -P "$(nproc)" -I{} wasm-opt "${WASM_OPT_FLAGS[@]}" {} -o {} 2>/dev/null
# The ≈ 145 shared chunks into a dozen files (wasm-merge, then wasm-opt again): fewer requests, and
# each pack compresses as one text (crates/gateway/src/assets/pack.rs).
"$assets" pack "$out" -- "${WASM_OPT_FLAGS[@]}"
# boot.js, the glue and the splitter's loader as one minified script: one request instead of three, and
# what nothing imports left out. `mytho-assets pages` reads the areas' files from the loader as written.
esbuild "$out/boot.js" --bundle --format=esm --minify --log-level=error --allow-overwrite --outfile="$out/boot.js"
mv "$out/__wasm_split.js" target/wasm-split-loader.js
rm "$out/mytho-so.js"
hash=$(cd "$out" && cat $(ls | sort) | sha256sum | cut -c1-16)
rm -rf dist/app-*
mv "$out" "dist/app-$hash"

for page in "${PAGES[@]}"; do
  # The page's own first screen (its heading and introduction) in place of the home page's.
  screen=$(cargo run -q --locked -p mytho-core --bin first-screen -- "$page.html")
  awk -v screen="$screen" '/<!-- first-screen/ { print screen; skip = 1; next } /<!-- \/first-screen -->/ { skip = 0; next } !skip' dist/index.html > "dist/$page.html"
  grep -q 'class="page-title"' "dist/$page.html" || { echo "index.html has no <!-- first-screen --> block to replace" >&2; exit 1; }
done
"$assets" pages dist "app-$hash" target/wasm-split-loader.js
