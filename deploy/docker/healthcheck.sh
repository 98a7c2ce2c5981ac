#!/usr/bin/env bash
# The container's health check: GET /health/liveness on the management port, healthy on a 200.
# The runtime image has no curl or wget, so the request goes through bash's /dev/tcp.
#
#   healthcheck.sh [PATH]     (default /health/liveness; the port is TIERBLOG_MANAGEMENT_PORT, default 8081)
set -uo pipefail
port=${TIERBLOG_MANAGEMENT_PORT:-8081}
path=${1:-/health/liveness}
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3 || exit 1
IFS=' ' read -r -t 3 _ status _ <&3 || exit 1
[ "$status" = 200 ]
