#!/usr/bin/env bash
# Runs every test: unit tests and integration tests on the embedded Kafka-protocol cluster.
# Installs missing system packages first (see bootstrap.sh). Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

swift build --build-tests
# The catalogue must be valid before anything else is worth testing.
"$(swift build --show-bin-path)/dcs" topics check --topics-dir topics
swift test --skip-build
