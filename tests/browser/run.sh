#!/usr/bin/env bash
# Runs the browser tests: builds the clearinghouse binary, installs the pinned node
# packages if needed, and runs pages.test.mjs (which starts the server on a free loopback
# port with a temp data dir and drives the system's headless Chromium).
# Screenshots land in tests/browser/artifacts/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
cargo build -p server --bin clearinghouse
cd "$here"
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
  npm ci --no-audit --no-fund
fi
rm -rf artifacts
node --test --test-concurrency=1 pages.test.mjs
