#!/usr/bin/env bash
# Builds the app's bundles with Trunk (see `Bundle` in crates/core/src/routes.rs): the shell into dist/
# from index.html, then each other bundle from a copy of index.html that loads its own binary, merged
# into dist/ as <page>.html beside the shell, with the page's own first screen (`first-screen` in the
# core). Shared files (CSS, config) have the same hashed names.
set -euo pipefail
cd "$(dirname "$0")/.."

# binary:page, one per bundle besides the shell.
BUNDLES=(dossiers:dich-vu-cong forms:nop-ho-so tracking:tra-cuu faq:hoi-dap payments:thanh-toan tourism:du-lich tutorials:ky-nang-so)

trunk build --release --offline
mkdir -p target/pages
for pair in "${BUNDLES[@]}"; do
  bin=${pair%%:*}
  page=${pair##*:}
  src=target/pages/$page.html
  # The copy lives two folders down: its data-trunk paths point back to the project.
  sed -e "s/data-bin=\"mytho-so\"/data-bin=\"$bin\"/" \
      -e 's#href="\(style/\|public/\|Cargo.toml\)#href="../../\1#g' index.html > "$src"
  grep -q "data-bin=\"$bin\"" "$src" || { echo "index.html has no data-bin=\"mytho-so\" link to replace" >&2; exit 1; }
  # The page's own first screen (its heading and introduction) in place of the home page's.
  screen=$(cargo run -q --locked -p mytho-core --bin first-screen -- "$page.html")
  awk -v screen="$screen" '/<!-- first-screen/ { print screen; skip = 1; next } /<!-- \/first-screen -->/ { skip = 0; next } !skip' "$src" > "$src.tmp"
  mv "$src.tmp" "$src"
  grep -q 'class="page-title"' "$src" || { echo "index.html has no <!-- first-screen --> block to replace" >&2; exit 1; }
  out=target/trunk/$page
  trunk build "$src" --dist "$out" --release --offline
  for file in "$out"/*; do
    name=$(basename "$file")
    case "$name" in
      *.html) cp "$file" "dist/$page.html" ;;
      *) [ -e "dist/$name" ] || cp -r "$file" dist/ ;;
    esac
  done
done
