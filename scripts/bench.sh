#!/usr/bin/env bash
# `yarn bench [suite-name-part ...]`: runs the benchmark suites in bench/suites/.
set -euo pipefail
cd "$(dirname "$0")/.."
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432}"
mkdir -p bench/out
exec node --expose-gc --max-old-space-size=4096 \
  --require @backstage/cli/config/nodeTransform.cjs bench/run.ts "$@"
