#!/usr/bin/env bash
# Records the class-data sharing archive of a Tierblog jar (docs/operations.md, "JVM settings"):
# starts the jar listing the classes it loads, requests the kinds of pages visitors load, stops it
# with SIGTERM and dumps those classes into the archive (CLASS_ARCHIVE_KIND below). No database is needed: the server starts
# while its data tier is unreachable and serves its outage and form pages, which load the same
# framework, template and driver classes as the normal ones.
#
#   record-class-archive.sh JAR ARCHIVE [JVM OPTION...]
#
# The image build runs it with the image's own JVM settings (Dockerfile), and `./mvnw package` for
# target/tierblog.jsa beside the jar; on a VM run it once per release as the service's user, with
# the unit's settings (docs/deployment.md). The JVM ignores an
# archive recorded for another jar or another JVM, so record it again whenever either changes.
set -euo pipefail

if [ "$#" -lt 2 ]; then
  echo "usage: $0 JAR ARCHIVE [JVM OPTION...]" >&2
  exit 2
fi
jar=$1
archive=$2
shift 2
java=${JAVA:-java}
# static (the default): the classes the run loads are listed, then dumped with the JDK's own into
# one archive (-Xshare:dump); dynamic: the JVM writes an archive on top of its base archive when the
# run exits (-XX:ArchiveClassesAtExit). docs/performance.md compares the two.
kind=${CLASS_ARCHIVE_KIND:-static}
port=${RECORD_PORT:-18080}
management_port=${RECORD_MANAGEMENT_PORT:-18081}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rm -f "$archive"
# A dynamic archive extends the JVM's base archive (lib/server/classes.jsa), without which the JVM
# cannot write one: `java -Xshare:dump`, run by the JVM's owner, makes it. A static one needs none.
if [ "$kind" = dynamic ] && ! "$java" -Xshare:on -version >/dev/null 2>&1; then
  echo "$java has no base class-data sharing archive; make it with: $java -Xshare:dump" >&2
  exit 1
fi
case "$kind" in
  static) recording=(-XX:DumpLoadedClassList="$work/classes.lst") ;;
  dynamic) recording=(-XX:ArchiveClassesAtExit="$archive") ;;
  *) echo "CLASS_ARCHIVE_KIND must be static or dynamic, not $kind" >&2; exit 2 ;;
esac
# Port 9 (discard) on the loopback interface: nothing listens, so every connection is refused at once.
env -i PATH="$PATH" HOME="$work" \
  DATABASE_URL="postgresql://training@127.0.0.1:9/training" \
  SECRET_KEY="a key used only while recording the class archive" \
  TIERBLOG_DATA_DIR="$work/var" \
  TIERBLOG_MIGRATE_ON_START=false \
  PORT="$port" TIERBLOG_MANAGEMENT_PORT="$management_port" \
  MALLOC_ARENA_MAX=2 \
  "$java" "$@" "${recording[@]}" -jar "$jar" serve >"$work/server.log" 2>&1 &
server=$!

# One HTTP/1.0 request through bash's /dev/tcp (the runtime image has no curl); prints the status.
request() {
  local port=$1 path=$2 status
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
  IFS=' ' read -r -t 5 _ status _ <&3 || status=""
  cat <&3 >/dev/null || true
  exec 3<&-
  [ -n "$status" ] && echo "$status"
}

for _ in $(seq 1 600); do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "the server exited before it served:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  if request "$port" / >/dev/null 2>&1; then
    break
  fi
  sleep 0.2
done

for path in / /auth/login /auth/register /create /static/style.css /no-such-page; do
  request "$port" "$path" >/dev/null 2>&1 || true
done
for path in /health/liveness /health/readiness /health /prometheus; do
  request "$management_port" "$path" >/dev/null 2>&1 || true
done

kill -TERM "$server"
status=0
wait "$server" || status=$?
# 143: the JVM's exit status after SIGTERM, which is how it is stopped here.
if [ "$status" -ne 0 ] && [ "$status" -ne 143 ]; then
  echo "the server exited with status $status:" >&2
  cat "$work/server.log" >&2
  exit 1
fi
if [ "$kind" = static ]; then
  # The same class path as at run time (-jar puts only the jar on it). Dumped with the JVM's default
  # collector, G1, the archive also holds the JDK's archived heap objects, which a JVM running G1
  # (a bare `java -jar`) maps and one running the serial collector ignores; either maps its classes.
  if ! "$java" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
      -XX:SharedArchiveFile="$archive" -cp "$jar" >"$work/dump.log" 2>&1; then
    echo "the class archive could not be dumped:" >&2
    cat "$work/dump.log" >&2
    exit 1
  fi
fi
if [ ! -s "$archive" ]; then
  echo "no class archive was written to $archive:" >&2
  cat "$work/server.log" >&2
  exit 1
fi
echo "class archive recorded: $archive ($(wc -c <"$archive") bytes)"
