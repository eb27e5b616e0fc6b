#!/usr/bin/env bash
# The main job: builds the fleet (release) and runs `dcs up` on the embedded Kafka-protocol cluster:
# workers, simulated stations, live progress, and a summary that checks every request has exactly
# one outcome. Installs missing system packages first (see bootstrap.sh).
# Extra arguments go to `dcs up`, e.g. --duration 60 --rate 500 --json-summary summary.json.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh

swift build -c release --product dcs
exec "$(swift build -c release --show-bin-path)/dcs" up --topics-dir topics "$@"
