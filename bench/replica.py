#!/usr/bin/env python3
"""The index page served from the replica pool against the primary, and the cost of the
read-your-writes check.

A PostgreSQL 15 primary and a streaming standby made from it with pg_basebackup -R (Debian's
binaries in /usr/lib/postgresql/15/bin, run as the postgres OS user, on 127.0.0.1, data in a
temporary directory removed at the end), the migrations and 20 posts of about 1,200 characters
(bench/sql, the index scenario of bench.py) written on the primary and replayed by the standby. The
shipped jar with the recommended JVM settings runs in two ways, started once per round each and in
alternating order:

- primary: no DATABASE_REPLICA_URL, the baseline;
- the same primary with DATABASE_REPLICA_URL pointing at the standby, measured three ways in turn:
  replica (anonymous index requests, no cookie), replica+cookie (every request carries a signed
  read-position cookie the standby has already replayed: the cost of the read-your-writes check)
  and replica+cookie-ahead (a cookie the standby has not replayed, its replay paused with
  pg_wal_replay_pause(): reads fall back to the primary).

Cookies come from the app: a visitor registers through the form (a write), and the Set-Cookie of
that answer is what wrk sends. The app's tierblog_reads_total counters, read before and after each
measured run, must show every read on the pool the kind means (the replica for replica and
replica+cookie, the primary with reason own-write-not-replayed for replica+cookie-ahead); a run
where they do not fails the benchmark.

For each run: wrk on / (16 connections, 2 threads) for requests/s, p50 and p99; the CPU seconds per
1,000 requests of the app and of PostgreSQL, the primary's and the standby's backends apart (from
/proc, exited backends included); the CPU other processes used meanwhile. Both servers and the app
share this machine's cores: the figures are the cost of a request on each path, not the gain of a
second database machine.

    bench/replica.py [--rounds 3] [--warmup 60] [--rewarm 10] [--duration 20] [--connections 16]
    bench/replica.py --rounds 1 --warmup 5 --rewarm 5 --duration 5      # a quick check

Results go to bench/results/<time>-replica/ (results.json, summary.txt, logs). The load average
counts the benchmark's own threads once it runs, so it is read before anything starts: above 1.5
there, the whole run is marked busy. A measured run during which processes other than the app,
PostgreSQL and wrk used more than 10% of a core is marked busy too. Busy figures are not a result.
Exit status: 0, 1 when a request failed, a server did not start or reads went to the wrong pool,
2 when a tool is missing.
"""
import argparse
import base64
import html
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from benchlib import BENCH, JVM, REPO, SECRET, CpuMeter, log, machine_state, missing_tools, psql, run, wrk
from benchlib import quiet_start as started_quiet

PG_BIN = Path("/usr/lib/postgresql/15/bin")
OS_USER = "postgres"
DATABASE = "tierblog"
POSTS = 20
PASSWORD = "a long enough password for the benchmark"
KINDS = ("primary", "replica", "replica+cookie", "replica+cookie-ahead")


class Failure(Exception):
    """A server that did not start, a request that failed, reads on the wrong pool: exit status 1."""


class Servers:
    """A primary and its pg_basebackup -R standby, as the postgres OS user, in a directory of their own."""

    def __init__(self, primary_port, standby_port):
        self.directory = Path(tempfile.mkdtemp(prefix="tierblog-bench-replica-"))
        os.chmod(self.directory, 0o755)
        (self.directory / "run").mkdir()
        self.ports = {"primary": primary_port, "standby": standby_port}
        run(["chown", "-R", f"{OS_USER}:", str(self.directory)])

    def data(self, name):
        return self.directory / name

    def as_postgres(self, *command, timeout=120):
        full = ["runuser", "-u", OS_USER, "--", "env", "-i", f"HOME={self.directory}",
                f"PATH={PG_BIN}:/usr/bin:/bin", "LANG=C.UTF-8", *command]
        result = subprocess.run(full, cwd=self.directory, text=True, capture_output=True, timeout=timeout)
        if result.returncode != 0:
            raise Failure(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
                          f"\n{self.logs()}")
        return result.stdout

    def start(self, name):
        # The standby needs at least the primary's max_connections; pg_local.sh's 200 for both.
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.ports[name]}"
                   f" -c unix_socket_directories={self.directory / 'run'} -c max_connections=200"
                   " -c wal_level=replica -c max_wal_senders=5 -c hot_standby=on")
        self.as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data(name)), "-o", options,
                         "-l", str(self.directory / f"{name}.log"), "-w", "-t", "60", "start")

    def create(self):
        self.as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data("primary")), "-U", OS_USER, "--auth=trust",
                         "-E", "UTF8", "--locale=C.UTF-8")
        self.start("primary")
        psql(self.ports["primary"], "postgres", f"CREATE DATABASE {DATABASE}")
        self.as_postgres(str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.ports["primary"]),
                         "-U", OS_USER, "-D", str(self.data("standby")), "-R", "-X", "stream", "-c", "fast")
        self.start("standby")

    def postmaster(self, name):
        return int((self.data(name) / "postmaster.pid").read_text().split()[0])

    def url(self, name):
        return f"postgresql://{OS_USER}@127.0.0.1:{self.ports[name]}/{DATABASE}"

    def sql(self, name, statement):
        return psql(self.ports[name], DATABASE, statement)

    def wait_for_replay(self, timeout=60):
        """Until the standby has replayed everything the primary has written so far."""
        position = self.sql("primary", "SELECT pg_current_wal_insert_lsn()")
        self.wait_for_position(position, timeout)
        return position

    def wait_for_position(self, position, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.sql("standby", f"SELECT pg_last_wal_replay_lsn() >= '{position}'::pg_lsn") == "t":
                return
            time.sleep(0.2)
        raise Failure(f"the standby did not replay {position} within {timeout} s\n{self.logs()}")

    def logs(self):
        text = []
        for name in ("primary", "standby"):
            path = self.directory / f"{name}.log"
            if path.exists():
                text.append(f"--- {name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-15:]))
        return "\n".join(text)

    def close(self):
        for name in ("standby", "primary"):
            if (self.data(name) / "postmaster.pid").exists():
                subprocess.run(["runuser", "-u", OS_USER, "--", str(PG_BIN / "pg_ctl"), "-D", str(self.data(name)),
                                "-m", "fast", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.directory, ignore_errors=True)


def seed(servers, jar, results_dir):
    java = shutil.which("java")
    migrate = subprocess.run([java, "-jar", jar, "migrate"], text=True, capture_output=True, timeout=300,
                             env=dict(os.environ, DATABASE_URL=servers.url("primary")))
    (results_dir / "migrate.log").write_text(migrate.stdout + migrate.stderr)
    if migrate.returncode != 0:
        raise Failure(f"migrate failed; see {results_dir / 'migrate.log'}")
    port = str(servers.ports["primary"])
    base = ["psql", "-X", "-q", "-h", "127.0.0.1", "-p", port, "-U", OS_USER, "-d", DATABASE, "-v", "ON_ERROR_STOP=1"]
    run(base + ["-f", str(BENCH / "sql" / "generator.sql")])
    run(base + ["-f", str(BENCH / "sql" / "seed-users.sql")])
    # The generator's every tenth post is the user 'bench''s; nobody logs in as any of them here.
    servers.sql("primary", "INSERT INTO users (username, password) VALUES ('bench', '!')")
    run(base + ["-v", "first=1", "-v", f"last={POSTS}", "-f", str(BENCH / "sql" / "seed-posts.sql")])
    servers.sql("primary", "VACUUM ANALYZE posts")
    servers.sql("primary", "CHECKPOINT")
    position = servers.wait_for_replay()
    on_standby = servers.sql("standby", "SELECT count(*) FROM posts")
    if on_standby != str(POSTS):
        raise Failure(f"the standby has {on_standby} posts after replaying {position}, not {POSTS}")
    return position


def request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, answer.getheaders(), answer.read().decode("utf-8", "replace")
    finally:
        connection.close()


def set_cookies(headers):
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.split(";", 1)[0].partition("=")
            found[key.strip()] = rest
    return found


def register(port, username):
    """Registers a visitor through the form, as a browser does (the CSRF token and cookie of the
    form page), and returns the read-position cookie of the answer: the position of that write."""
    status, headers, body = request(port, "GET", "/auth/register")
    if status != 200:
        raise Failure(f"GET /auth/register answered {status}")
    cookies = set_cookies(headers)
    form = {}
    for tag in re.findall(r"<input\b[^>]*>", body, re.IGNORECASE):
        attributes = {key.lower(): html.unescape(v1 or v2)
                      for key, v1, v2 in re.findall(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')', tag)}
        if attributes.get("type", "").lower() == "hidden" and "name" in attributes:
            form[attributes["name"]] = attributes.get("value", "")
    form.update(username=username, password=PASSWORD)
    status, headers, _ = request(port, "POST", "/auth/register", {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}, urllib.parse.urlencode(form))
    location = dict((k.lower(), v) for k, v in headers).get("location")
    if status != 302 or location != "/auth/login":
        raise Failure(f"registering {username!r} answered {status} {location}, not a redirect to /auth/login")
    value = set_cookies(headers).get("read-position")
    if not value:
        raise Failure(f"registering {username!r} set no read-position cookie")
    return value


def cookie_parts(value):
    """The expiry (epoch seconds) and the position in a read-position cookie (the signature unchecked)."""
    expires, encoded, _ = value.split(".")
    position = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("ascii")
    return int(expires), position


def reads(management_port):
    """tierblog_reads_total by (pool, reason), from the management port's /prometheus."""
    status, _, body = request(management_port, "GET", "/prometheus")
    if status != 200:
        raise Failure(f"/prometheus on the management port answered {status}")
    counts = {}
    for line in body.splitlines():
        if line.startswith("tierblog_reads_total{"):
            labels, value = line.rsplit(" ", 1)
            tags = dict(re.findall(r'(\w+)="([^"]*)"', labels))
            counts[(tags["pool"], tags["reason"])] = float(value)
    return counts


def difference(after, before):
    return {key: after.get(key, 0.0) - before.get(key, 0.0) for key in set(after) | set(before)
            if after.get(key, 0.0) != before.get(key, 0.0)}


def expected_route(kind):
    return {"replica": ("replica", "fresh"), "replica+cookie": ("replica", "fresh"),
            "replica+cookie-ahead": ("primary", "own-write-not-replayed")}.get(kind)


def probe(app_port, management_port, kind, headers, timeout=20):
    """One index request after another until one is routed as the kind means (the monitor checks
    once a second, so right after a write its view predates it)."""
    want = expected_route(kind)
    deadline = time.time() + timeout
    while time.time() < deadline:
        before = reads(management_port)
        status, _, _ = request(app_port, "GET", "/", dict(h.split(": ", 1) for h in headers))
        if status != 200:
            raise Failure(f"the index answered {status} to the {kind} probe")
        if difference(reads(management_port), before) == {want: 1.0}:
            return
        time.sleep(0.3)
    raise Failure(f"index requests of kind {kind} were not routed to {want} within {timeout} s")


def pause_replay(servers):
    servers.sql("standby", "SELECT pg_wal_replay_pause()")


def resume_replay(servers):
    servers.sql("standby", "SELECT pg_wal_replay_resume()")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of each kind (3)")
    parser.add_argument("--warmup", type=int, default=60, help="seconds of load after each start of the app (60)")
    parser.add_argument("--rewarm", type=int, default=10,
                        help="seconds of load of a kind before its measured run on an app already warm (10)")
    parser.add_argument("--duration", type=int, default=20, help="seconds per measured run (20)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--no-ahead", action="store_true", help="leave out replica+cookie-ahead")
    parser.add_argument("--primary-port", type=int, default=25441)
    parser.add_argument("--standby-port", type=int, default=25442)
    parser.add_argument("--app-port", type=int, default=18094)
    parser.add_argument("--management-port", type=int, default=18095)
    parser.add_argument("--jar", default=str(REPO / "app" / "target" / "tierblog.jar"))
    args = parser.parse_args(argv)
    if min(args.rounds, args.duration) < 1 or min(args.warmup, args.rewarm) < 0:
        parser.error("--rounds and --duration must be at least 1, the warm-ups at least 0")
    missing = missing_tools(("wrk", "psql", "java", "runuser"), "wrk, postgresql-client, a JDK 17, util-linux",
                            args.jar)
    if missing:
        return missing
    for program in ("initdb", "pg_ctl", "postgres", "pg_basebackup"):
        if not os.access(PG_BIN / program, os.X_OK):
            print(f"{PG_BIN / program} is missing (Debian package: postgresql-15)", file=sys.stderr)
            return 2
    if os.geteuid() != 0:
        print(f"running PostgreSQL as the {OS_USER} OS user needs root", file=sys.stderr)
        return 2
    if subprocess.run(["id", "-u", OS_USER], capture_output=True).returncode != 0:
        print(f"there is no {OS_USER} OS user (Debian package: postgresql-common)", file=sys.stderr)
        return 2

    at_start, quiet_start = started_quiet()
    results_dir = BENCH / "results" / time.strftime("%Y%m%d-%H%M%S-replica")
    results_dir.mkdir(parents=True)
    # A cookie lives the allowed lag and a few seconds; it must outlive its kind's warm-up and
    # measured run, and a paused standby must stay within the allowed lag over one of them.
    max_lag = min(3600, max(60, args.warmup + args.duration + 60))
    servers = None
    app = None
    def on_term(signum, frame):
        raise KeyboardInterrupt()

    signal.signal(signal.SIGTERM, on_term)
    try:
        servers = Servers(args.primary_port, args.standby_port)
        log(f"primary on 127.0.0.1:{args.primary_port}, standby (pg_basebackup -R) on 127.0.0.1:{args.standby_port}")
        servers.create()
        position = seed(servers, args.jar, results_dir)
        log(f"migrated and seeded {POSTS} posts on the primary; the standby replayed {position}")
        postmasters = {"primary": servers.postmaster("primary"), "standby": servers.postmaster("standby")}
        java = shutil.which("java")
        replica_kinds = ["replica", "replica+cookie"]
        plan = []
        for round_number in range(args.rounds):
            apps = ["primary", "replica"] if round_number % 2 == 0 else ["replica", "primary"]
            for app_kind in apps:
                if app_kind == "primary":
                    plan.append((round_number, "primary", ["primary"]))
                else:
                    kinds = replica_kinds if round_number % 2 == 0 else replica_kinds[::-1]
                    plan.append((round_number, "replica", kinds + ([] if args.no_ahead else ["replica+cookie-ahead"])))
        total = sum(len(kinds) for _, _, kinds in plan)
        runs = []
        visitors = 0
        for round_number, app_kind, kinds in plan:
            env = dict(os.environ, DATABASE_URL=servers.url("primary"), PORT=str(args.app_port),
                       TIERBLOG_MANAGEMENT_PORT=str(args.management_port), SECRET_KEY=SECRET,
                       TIERBLOG_DATA_DIR=str(servers.directory / "var"), MALLOC_ARENA_MAX="2",
                       # no second JVM: the CPU meter reads this process
                       TIERBLOG_CLASS_ARCHIVE="off")
            env.pop("DATABASE_REPLICA_URL", None)
            if app_kind == "replica":
                env.update(DATABASE_REPLICA_URL=servers.url("standby"), DATABASE_REPLICA_MAX_LAG=str(max_lag))
            app_log = results_dir / f"app-{round_number}-{app_kind}.log"
            with open(app_log, "w") as out:
                app = subprocess.Popen([java, *JVM, "-jar", args.jar], env=env, stdout=out, stderr=subprocess.STDOUT)
            deadline = time.time() + 90
            while True:
                if app.poll() is not None:
                    raise Failure(f"the app exited with status {app.returncode} while starting; see {app_log}")
                try:
                    if request(args.app_port, "GET", "/")[0] == 200:
                        break
                except OSError:
                    pass
                if time.time() > deadline:
                    raise Failure(f"the app gave no 200 on / within 90 s; see {app_log}")
                time.sleep(0.2)
            warm = args.warmup
            for kind in kinds:
                headers = []
                cookie = None
                if kind != "primary":
                    if kind == "replica+cookie-ahead":
                        pause_replay(servers)
                    if kind != "replica":
                        visitors += 1
                        cookie = register(args.app_port, f"reader{visitors:03d}")
                        headers = [f"Cookie: read-position={cookie}"]
                        if kind == "replica+cookie":
                            servers.wait_for_position(cookie_parts(cookie)[1])
                    probe(args.app_port, args.management_port, kind, headers)
                index = len(runs) + 1
                name = f"{index}-{kind}"
                log(f"run {index}/{total} ({kind}): {warm} s warm-up")
                if warm:
                    wrk(args.app_port, args.connections, warm, results_dir / f"wrk-{name}-warmup.txt", headers=headers)
                warm = args.rewarm
                before = machine_state()
                routed0 = reads(args.management_port) if app_kind == "replica" else {}
                with CpuMeter(app.pid, postmasters) as cpu:
                    result = wrk(args.app_port, args.connections, args.duration, results_dir / f"wrk-{name}.txt",
                                 headers=headers)
                measured_end = time.time()
                after = machine_state()
                time.sleep(0.5)
                routed = difference(reads(args.management_port), routed0) if app_kind == "replica" else {}
                if kind == "replica+cookie-ahead":
                    resume_replay(servers)
                requests = result["requests"]
                others_share = cpu.others_share
                pg = cpu.pg_by_server
                entry = {
                    "kind": kind, "round": round_number + 1,
                    "requests_per_s": requests / (result["duration_us"] / 1e6),
                    "p50_ms": result["p50_us"] / 1000, "p99_ms": result["p99_us"] / 1000,
                    "errors": result["errors"], "requests": requests, "bytes_per_response": result["bytes"] / requests
                    if requests else 0,
                    "app_cpu_s_per_1000": cpu.app / requests * 1000 if requests else None,
                    "pg_primary_cpu_s_per_1000": pg["primary"] / requests * 1000 if requests else None,
                    "pg_standby_cpu_s_per_1000": pg["standby"] / requests * 1000 if requests else None,
                    "pg_cpu_s_per_1000": cpu.pg / requests * 1000 if requests else None,
                    "reads": {f"{pool}/{reason}": count for (pool, reason), count in sorted(routed.items())},
                    "cookie": cookie, "before": before, "after": after,
                    "other_processes_cpu_share": others_share,
                    "busy": not quiet_start or others_share > 0.10,
                }
                problems = []
                if result["errors"]:
                    problems.append(f"{result['errors']} failed requests")
                if requests == 0:
                    problems.append("no request answered")
                want = expected_route(kind)
                if want is not None:
                    on_wanted = routed.get(want, 0.0)
                    elsewhere = {k: v for k, v in routed.items() if k != want}
                    # wrk counts the answers it read; the app also counts those in flight at the end.
                    if on_wanted < requests or elsewhere:
                        problems.append(f"reads were not all {want[0]}/{want[1]}: {entry['reads']} for {requests} "
                                        "requests")
                if cookie is not None:
                    expires = cookie_parts(cookie)[0]
                    entry["cookie_valid_after_run_s"] = expires - measured_end
                    if expires <= measured_end:
                        problems.append("the read-position cookie expired before the run ended")
                entry["problems"] = problems
                runs.append(entry)
                log(f"  {kind}: {entry['requests_per_s']:.0f} req/s, p50 {entry['p50_ms']:.2f} ms, "
                    f"p99 {entry['p99_ms']:.2f} ms, CPU s/1k: app {entry['app_cpu_s_per_1000']:.3f}, "
                    f"primary {entry['pg_primary_cpu_s_per_1000']:.3f}, standby {entry['pg_standby_cpu_s_per_1000']:.3f}; "
                    f"reads {entry['reads'] or '(no routing)'}, errors {result['errors']}, other processes "
                    f"{others_share * 100:.1f}% of a core{' (busy)' if entry['busy'] else ''}")
                if problems:
                    raise Failure(f"run {index} ({kind}): " + "; ".join(problems))
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=60)
            app = None

        summary = report(runs, args, at_start, max_lag)
        print(summary)
        (results_dir / "summary.txt").write_text(summary + "\n")
        return 0
    except Failure as failure:
        print(f"replica bench: {failure}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as failed:
        print(f"replica bench: {' '.join(failed.cmd)} failed ({failed.returncode}):\n{failed.stdout}{failed.stderr}",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("replica bench: interrupted", file=sys.stderr)
        return 130
    finally:
        if "runs" in locals():
            (results_dir / "results.json").write_text(json.dumps(
                {"settings": vars(args), "max_lag_s": max_lag, "load_average_at_start": at_start, "runs": runs},
                indent=2))
        if app is not None:
            app.kill()
            app.wait()
        if servers is not None:
            servers.close()
        log(f"results in {results_dir}")


def report(runs, args, at_start, max_lag):
    kinds = [kind for kind in KINDS if any(r["kind"] == kind for r in runs)]

    def values(kind, key):
        return [r[key] for r in runs if r["kind"] == kind]

    def median(kind, key):
        return statistics.median(values(kind, key))

    lines = [f"index page, {POSTS} posts, wrk -c{args.connections}, {args.rounds} round(s), {args.warmup} s warm-up "
             f"after each start, {args.rewarm} s before each further kind, {args.duration} s measured; "
             "medians [min-max]"]
    columns = (("requests_per_s", "req/s", 0), ("p50_ms", "p50 ms", 2), ("p99_ms", "p99 ms", 2),
               ("app_cpu_s_per_1000", "app CPU s/1k", 3), ("pg_primary_cpu_s_per_1000", "primary CPU s/1k", 3),
               ("pg_standby_cpu_s_per_1000", "standby CPU s/1k", 3), ("pg_cpu_s_per_1000", "PG total s/1k", 3))
    lines.append(f"  {'':22s}" + "".join(f"{label:>24s}" for _, label, _ in columns))
    for kind in kinds:
        cells = []
        for key, _, digits in columns:
            found = values(kind, key)
            cells.append(f"{median(kind, key):.{digits}f} [{min(found):.{digits}f}-{max(found):.{digits}f}]")
        lines.append(f"  {kind:22s}" + "".join(f"{cell:>24s}" for cell in cells))

    def cpu_per_request(kind):
        return median(kind, "app_cpu_s_per_1000") + median(kind, "pg_cpu_s_per_1000")

    lines.append("  ratios (of medians): by req/s, by app CPU per request, by PostgreSQL CPU per request, "
                 "by app+PostgreSQL CPU per request")
    for numerator, denominator in (("replica", "primary"), ("replica+cookie", "replica"),
                                   ("replica+cookie", "primary"), ("replica+cookie-ahead", "primary")):
        if numerator in kinds and denominator in kinds:
            lines.append(
                f"    {numerator}/{denominator}: {median(numerator, 'requests_per_s') / median(denominator, 'requests_per_s'):.3f}"
                f", {median(numerator, 'app_cpu_s_per_1000') / median(denominator, 'app_cpu_s_per_1000'):.3f}"
                f", {median(numerator, 'pg_cpu_s_per_1000') / median(denominator, 'pg_cpu_s_per_1000'):.3f}"
                f", {cpu_per_request(numerator) / cpu_per_request(denominator):.3f}")
    lines.append("  reads counted by the app (tierblog_reads_total) in each measured run: " + "; ".join(
        f"{r['kind']} {r['reads'] or 'no routing'}" for r in runs))
    lines.append(f"  DATABASE_REPLICA_MAX_LAG={max_lag} (so that a cookie outlives its run; the check does not depend "
                 "on it)")
    lines.append(f"  load average before the benchmark started: {' '.join(at_start['loadavg'])}"
                 + (f"; {at_start['cpu_pressure']}" if "cpu_pressure" in at_start else ""))
    lines.append("  other processes' CPU during each measured run (% of one core): "
                 + ", ".join(f"{r['kind']} {r['other_processes_cpu_share'] * 100:.1f}" for r in runs))
    lines.append(f"  one machine ({os.cpu_count()} cores) holds the app, the primary, the standby and wrk: these are "
                 "the costs per request of each path, not the scale-out gain of a second database machine")
    busy = [i + 1 for i, r in enumerate(runs) if r["busy"]]
    if busy:
        lines.append(f"  BUSY HOST: runs {busy} shared the machine (load average above 1.5 at the start, or other "
                     "processes above 10% of a core); not a result")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
