#!/usr/bin/env bash
# The benchmark's one command; bench/README.md describes it. Options: bench/run.sh --help
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python=/usr/bin/python3
[ -x "$python" ] || python="$(command -v python3 || true)"
if [ -z "$python" ]; then
  echo "bench: python3 is missing (Debian package python3)" >&2
  exit 2
fi
exec "$python" "$here/bench.py" "$@"
