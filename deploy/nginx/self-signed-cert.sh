#!/usr/bin/env sh
# Makes a self-signed certificate and key for trying the proxy locally:
#   deploy/nginx/self-signed-cert.sh DIR [NAME ...]
# writes DIR/server.crt and DIR/server.key (EC P-256, valid 30 days) for the names given
# (host names or IP addresses; default: localhost 127.0.0.1 ::1). Browsers warn about it; in
# production use a certificate from a real authority (for example Let's Encrypt).
set -eu
if [ $# -lt 1 ]; then
  echo "usage: $0 DIR [NAME ...]" >&2
  exit 2
fi
dir=$1
shift
[ $# -gt 0 ] || set -- localhost 127.0.0.1 ::1
san=""
for name in "$@"; do
  case $name in
    *[!0-9.]*:*|*:*|[0-9]*.[0-9]*.[0-9]*.[0-9]*) entry="IP:$name" ;;
    *) entry="DNS:$name" ;;
  esac
  san="${san:+$san,}$entry"
done
mkdir -p "$dir"
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
  -subj "/CN=$1" -addext "subjectAltName=$san" \
  -addext "basicConstraints=critical,CA:FALSE" -addext "extendedKeyUsage=serverAuth" \
  -keyout "$dir/server.key" -out "$dir/server.crt" 2>/dev/null
chmod 644 "$dir/server.crt"
echo "wrote $dir/server.crt and $dir/server.key for $san"
