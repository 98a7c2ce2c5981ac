#!/usr/bin/env sh
# Takes one instance out of nginx's upstream before it is stopped, and puts it back after:
#   deploy/nginx/upstream.sh drain   HOST:PORT
#   (stop the instance, start the new one, wait until /health/readiness answers 200)
#   deploy/nginx/upstream.sh restore HOST:PORT
# drain marks the instance's line in the upstreams file "down", reloads nginx and waits until the
# workers started before the reload have finished their requests and exited, so that no request
# is on its way to the instance when it gets SIGTERM. The kernel resets connections still waiting
# in a listening socket's queue when the socket closes; a proxy that resent those would also
# resend POSTs, so the proxy must stop sending first. restore removes "down" and reloads.
#
# Settings (environment): TIERBLOG_UPSTREAMS, the upstreams file (default
# /etc/nginx/tierblog/upstreams.conf); NGINX_RELOAD, the command that reloads nginx (default
# "nginx -s reload"); DRAIN_TIMEOUT, seconds to wait for the old workers (default 60).
set -eu
usage() {
  echo "usage: $0 drain|restore HOST:PORT" >&2
  exit 2
}
[ $# -eq 2 ] || usage
action=$1
address=$2
file=${TIERBLOG_UPSTREAMS:-/etc/nginx/tierblog/upstreams.conf}
reload=${NGINX_RELOAD:-nginx -s reload}
timeout=${DRAIN_TIMEOUT:-60}

pattern="^[[:space:]]*server[[:space:]]+$(printf '%s' "$address" | sed 's/[.[\*^$]/\\&/g')[[:space:];]"
if ! grep -Eq "$pattern" "$file"; then
  echo "$file has no line 'server $address ...;'" >&2
  exit 1
fi

old_workers() {
  pgrep -f 'nginx: worker process is shutting down' 2>/dev/null | wc -l
}

case $action in
  drain)
    sed -E -i "/$pattern/{/[[:space:]]down[[:space:];]/!s/;/ down;/}" "$file"
    sh -c "$reload"
    waited=0
    # The reloaded master starts new workers; the old ones exit once their requests are done.
    sleep 1
    while [ "$(old_workers)" -gt 0 ]; do
      if [ "$waited" -ge "$timeout" ]; then
        echo "nginx's old workers still serve requests after ${timeout}s" >&2
        exit 1
      fi
      sleep 1
      waited=$((waited + 1))
    done
    echo "$address is out of the upstream and no request is on its way to it"
    ;;
  restore)
    sed -E -i "/$pattern/s/[[:space:]]+down([[:space:];])/\1/" "$file"
    sh -c "$reload"
    echo "$address is back in the upstream"
    ;;
  *)
    usage
    ;;
esac
