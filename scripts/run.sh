#!/usr/bin/env bash
# The main job: builds the fleet and runs it on the embedded Kafka-protocol cluster.
# Installs missing system packages first (see bootstrap.sh). Extra arguments go to the command.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

swift build -c release --product dcs
exec "$(swift build -c release --show-bin-path)/dcs" broker --topics-dir topics "$@"
