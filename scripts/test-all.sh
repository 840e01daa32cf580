#!/usr/bin/env bash
# The whole test suite: type check, lint, API reports, formatting, unit tests on SQLite and PostgreSQL, e2e.
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

step "size rules (files <= 400 lines, functions <= 80; tests and generated code excepted)"
node scripts/check-sizes.js

step "OpenAPI: generated code matches the spec, spec lint"
yarn openapi:check

# Uses the declarations the type check just wrote to dist-types/ (about 15 s of CPU).
step "API reports (plugins/*/report*.api.md) up to date"
if ! yarn api-reports:check >test-results/api-reports.log 2>&1; then
  cat test-results/api-reports.log
  echo "API reports are out of date: run 'yarn build:api-reports' and commit the changed plugins/*/report*.api.md files." >&2
  exit 1
fi

step "formatting"
yarn prettier:check

step "unit and integration tests (SQLite + PostgreSQL)"
CI=true yarn backstage-cli repo test --maxWorkers=2 --json --outputFile=test-results/jest.json

step "end-to-end tests (Playwright, Debian Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/e2e.json \
  yarn playwright test --reporter=list,json,html

step "done"
node scripts/print-test-summary.js
