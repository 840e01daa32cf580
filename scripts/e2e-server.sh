#!/usr/bin/env bash
# Serves the production build of the app from the backend on :7007 for the Playwright tests.
# Builds the app first when packages/app/dist is missing or older than its sources.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f packages/app/dist/index.html ] ||
  [ -n "$(find packages/app/src plugins/migration/src -newer packages/app/dist/index.html -print -quit)" ]; then
  yarn workspace app build
fi

export E2E_DATA_DIR="${E2E_DATA_DIR:-$(mktemp -d -t sirsi-e2e-XXXXXX)}"
# A generated estate of 5,000 VMs (environment `scale`) for the big-migration test.
node packages/app/e2e-tests/seed/bigEstate.js "$E2E_DATA_DIR" 5000
# Without the CLI's watch mode: edits elsewhere in the checkout must not restart the server mid-test.
cd packages/backend
NODE_ENV=development exec node --require @backstage/cli/config/nodeTransform.cjs src/index.ts \
  --config ../../app-config.yaml --config ../../app-config.e2e.yaml \
  --config "$E2E_DATA_DIR/app-config.big.yaml"
