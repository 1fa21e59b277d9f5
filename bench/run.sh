#!/usr/bin/env bash
# Thin wrapper: the benchmark driver is bench/run.py (Python 3, standard library only).
set -euo pipefail
exec python3 "$(dirname "${BASH_SOURCE[0]}")/run.py" "$@"
