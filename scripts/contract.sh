#!/usr/bin/env bash
# The API contract checks of tests/contract/conformance.py (the document, the app's journeys at the API
# level, schemathesis).
#   scripts/contract.sh GATEWAY   run the gateway binary GATEWAY on dist/ (the release build) and check it
#   scripts/contract.sh URL [--officer-token T]   check any server that claims to implement the contract
# CONTRACT_SEED fixes schemathesis's seed (make test does, so a failure replays exactly).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh contract >/dev/null
python=target/contract-venv/bin/python
seed=()
[ -n "${CONTRACT_SEED:-}" ] && seed=(--seed "$CONTRACT_SEED")

case "${1:-}" in
  http://*|https://*) exec "$python" tests/contract/conformance.py "$@" "${seed[@]}" ;;
  "") echo "usage: scripts/contract.sh GATEWAY-BINARY | URL [--officer-token TOKEN]" >&2; exit 2 ;;
esac

gateway=$1
port=${CONTRACT_PORT:-8392}
tmp=$(mktemp -d)
token=contract-officer-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
# The gateway as the browser tests run it: the payment simulator, a test VietQR account, and 127.0.0.1
# trusted as the proxy so each schemathesis case can come from its own client (tests/contract/hooks.py).
MYTHO_ADDR=127.0.0.1:$port MYTHO_DIST=dist MYTHO_DB_PATH="$tmp/contract.sqlite3" MYTHO_LOG=warn \
  MYTHO_PAYMENT_SIMULATOR=1 MYTHO_TRUSTED_PROXY=127.0.0.1 MYTHO_OFFICER_TOKEN="$token" \
  MYTHO_VIETQR_BIN=970436 MYTHO_VIETQR_ACCOUNT=0011001234567 MYTHO_VIETQR_NAME="UBND PHUONG MY THO" \
  "$gateway" >"$tmp/gateway.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do
  "$python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/api/health', timeout=1)" 2>/dev/null && break
  kill -0 $pid 2>/dev/null || { cat "$tmp/gateway.log" >&2; exit 1; }
  sleep 0.2
done
status=0
"$python" tests/contract/conformance.py "http://127.0.0.1:$port" --officer-token "$token" "${seed[@]}" || status=$?
if [ $status -ne 0 ]; then
  echo "contract: the gateway's log:" >&2
  tail -50 "$tmp/gateway.log" >&2
fi
exit $status
