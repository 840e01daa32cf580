#!/usr/bin/env bash
# The whole test suite: type check, lint, formatting, unit tests on SQLite and PostgreSQL, e2e.
# Called by `npm test` / `yarn test` (through scripts/run.sh) and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
mkdir -p test-results
started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }

step "PostgreSQL reachable"
node scripts/check-postgres.js

step "type check"
yarn tsc

step "lint"
yarn lint:all

step "formatting"
yarn prettier:check

step "unit and integration tests (SQLite + PostgreSQL)"
CI=true yarn backstage-cli repo test --maxWorkers=2 --json --outputFile=test-results/jest.json

step "end-to-end tests (Playwright, Debian Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e.json \
  yarn playwright test --reporter=list,json,html

step "done"
node scripts/print-test-summary.js
