#!/usr/bin/env bash
# Builds the app's bundles with Trunk (see `Bundle` in crates/core/src/routes.rs): the shell into dist/
# from index.html, then each other bundle from a copy of index.html that loads its own binary, merged
# into dist/ as <page>.html beside the shell. Shared files (CSS, config) have the same hashed names.
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
