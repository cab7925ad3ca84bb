#!/usr/bin/env bash
# Lighthouse (mobile, performance) on every area's page beside a GOV.UK Frontend question page
# (tests/peer/), both served by the release gateway from one copy of dist/, so the peer gets the same
# compression and headers. A report, not a test: Lighthouse's simulated throttling still moves with the
# machine's load, so run it on a quiet machine, and compare ratios to the peer within one run.
#   Usage: [LIGHTHOUSE_THROTTLING=devtools] [LIGHTHOUSE_PAGES="phan-anh …"] scripts/lighthouse.sh path/to/mytho-gateway path/to/mytho-assets [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
gateway=${1:?usage: scripts/lighthouse.sh GATEWAY ASSETS [runs]}
assets=${2:?usage: scripts/lighthouse.sh GATEWAY ASSETS [runs]}
runs=${3:-3}
# simulate (Lighthouse's default: an unthrottled load, replayed on a model of a slow phone and link) or
# devtools (the load itself throttled by the browser: 150 ms, 1.6 Mbps, 4× CPU).
throttling=${LIGHTHOUSE_THROTTLING:-simulate}
work=target/lighthouse
port=${LIGHTHOUSE_PORT:-8484}
# The peer always comes first: the ratios are taken to it within one run.
pages=${LIGHTHOUSE_PAGES-'"" dich-vu-cong dich-vu-cong/khai-sinh/nop/child tra-cuu hoi-dap ky-nang-so du-lich phan-anh'}

if [ ! -x "$work/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$work"
  npm install --prefix "$work" --no-audit --no-fund --loglevel=error --no-save lighthouse@13.5.0 govuk-frontend@6.6.0
fi
rm -rf "$work/dist"
cp -r dist "$work/dist"
mkdir -p "$work/dist/peer"
cp tests/peer/* "$work/dist/peer/"
govuk="$work/node_modules/govuk-frontend/dist/govuk"
cp "$govuk/govuk-frontend.min.css" "$govuk/govuk-frontend.min.js" "$work/dist/peer/"
cp -r "$govuk/assets" "$work/dist/assets"
"$assets" compress "$work/dist" >/dev/null

MYTHO_ADDR=127.0.0.1:$port MYTHO_DIST=$work/dist MYTHO_DB_PATH=$work/lighthouse.sqlite3 MYTHO_LOG=warn "$gateway" &
server=$!
trap 'kill $server' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.2; done
kill -0 "$server" 2>/dev/null || { echo "the gateway did not start on port $port (set LIGHTHOUSE_PORT)" >&2; exit 1; }

rm -rf "$work/reports"; mkdir -p "$work/reports"
printf '%-40s %5s %8s %8s %6s %6s\n' page score LCP_ms FCP_ms CLS TBT_ms
for run in $(seq "$runs"); do
  eval "set -- peer/form.html $pages"
  for page in "$@"; do
    # Each report is kept (target/lighthouse/reports/) for a closer look at the trace's requests.
    out="$work/reports/$run-$(printf %s "${page:-home}" | tr / _).json"
    CHROME_PATH=/usr/bin/chromium "$work/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/$page" \
      --only-categories=performance --throttling-method="$throttling" --output=json --output-path="$out" --quiet \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync" \
      || { echo "/$page (run $run): Lighthouse failed, left out"; continue; }
    node -e '
      const r = require(process.argv[1]), a = r.audits;
      console.log([process.argv[2].padEnd(40), String(Math.round(r.categories.performance.score * 100)).padStart(5),
        String(Math.round(a["largest-contentful-paint"].numericValue)).padStart(8),
        String(Math.round(a["first-contentful-paint"].numericValue)).padStart(8),
        a["cumulative-layout-shift"].numericValue.toFixed(3).padStart(6),
        String(Math.round(a["total-blocking-time"].numericValue)).padStart(6)].join(" "));
    ' "$PWD/$out" "/$page (run $run)"
  done
done
