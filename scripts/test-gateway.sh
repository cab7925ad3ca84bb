#!/usr/bin/env bash
# The core's and the gateway's tests on SQLite, then the gateway's HTTP tests again on PostgreSQL (each
# test its own new database on the server scripts/with-postgres.sh started).
set -euo pipefail
cargo test --locked -p mytho-core -p mytho-gateway
MYTHO_TEST_BACKEND=postgres cargo test --locked -p mytho-gateway --test http --test open311 --test security --test instances
