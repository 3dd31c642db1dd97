#!/usr/bin/env bash
# `npm test`: unit, integration (embedded PostgreSQL) and end-to-end (real processes, Chromium).
# Each stage starts what it needs itself.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

npx vitest run --project unit
npx vitest run --project integration
npx playwright test
