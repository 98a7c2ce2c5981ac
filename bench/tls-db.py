#!/usr/bin/env python3
"""The index page with the database reached over TLS against the same database reached in plain.

One PostgreSQL server (Debian's, through ../shared/peers/pg_local.sh) with ssl=on and both kinds of
connection allowed, 20 posts of about 1,200 characters, the shipped jar with the recommended JVM
settings started once per run: DATABASE_URL with sslmode=disable, then with
sslmode=verify-full&sslrootcert=<the test CA>. Runs of the two kinds alternate (plain, tls, tls,
plain, ...), each after its own warm-up. For each run: wrk's requests/s, p50 and p99, the CPU
seconds the app and PostgreSQL's backends used per 1,000 requests (from /proc), the CPU that every
other process on the machine used meanwhile, and the load average and CPU pressure before and
after; pg_stat_ssl confirms what each run's connections were.

    bench/tls-db.py [--rounds 3] [--warmup 60] [--duration 20] [--connections 16]

Results go to bench/results/tls-<time>/ (results.json, summary.txt, logs). The load average counts
the benchmark's own threads once it runs, so it is read before anything starts: above 1.5 there,
the whole run is marked busy. During each measured run, the CPU used by processes other than the
app, PostgreSQL and wrk is measured from /proc/stat; a run where it exceeds 10% of one core is
marked busy. Busy figures are not a result.
"""
import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchlib import (BENCH, JVM, PEERS, REPO, SECRET, CpuMeter, log, machine_state, missing_tools, psql, run,
                      wait_for_200, write_report, wrk)
from benchlib import quiet_start as started_quiet


def make_certificates(directory):
    directory.mkdir(parents=True, exist_ok=True)
    ca_key, ca_crt = directory / "ca.key", directory / "ca.crt"
    key, csr, crt = directory / "server.key", directory / "server.csr", directory / "server.crt"
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-days", "2", "-subj", "/CN=bench CA", "-keyout", str(ca_key), "-out", str(ca_crt)])
    run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(csr)])
    extensions = directory / "ext.cnf"
    extensions.write_text("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    run(["openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca_crt), "-CAkey", str(ca_key),
         "-CAcreateserial", "-days", "2", "-extfile", str(extensions), "-out", str(crt)])
    return ca_crt, crt, key


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of each kind (3)")
    parser.add_argument("--warmup", type=int, default=60, help="seconds of load before each measured run (60)")
    parser.add_argument("--duration", type=int, default=20, help="seconds per measured run (20)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--pg-port", type=int, default=25433)
    parser.add_argument("--app-port", type=int, default=18090)
    parser.add_argument("--management-port", type=int, default=18091)
    parser.add_argument("--jar", default=str(REPO / "app" / "target" / "tierblog.jar"))
    args = parser.parse_args(argv)
    missing = missing_tools(("wrk", "psql", "openssl"), "wrk, postgresql-client, openssl", args.jar)
    if missing:
        return missing

    at_start, quiet_start = started_quiet()
    results_dir = BENCH / "results" / time.strftime("tls-%Y%m%d-%H%M%S")
    results_dir.mkdir(parents=True)
    work = Path("/tmp/tierblog-bench-tls")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    os.chmod(work, 0o755)
    datadir = work / "pg"
    database = "tierblog"
    env_pg = dict(os.environ, PG_DB=database)
    log(f"starting PostgreSQL on 127.0.0.1:{args.pg_port}")
    run([str(PEERS / "pg_local.sh"), "start", str(datadir), str(args.pg_port)], env=env_pg)
    jar = None
    try:
        ca_crt, crt, key = make_certificates(work / "tls")
        for file in (crt, key):
            shutil.copy(file, datadir / file.name)
            shutil.chown(datadir / file.name, "pgpeer", "pgpeer")
        os.chmod(datadir / "server.key", 0o600)
        psql(args.pg_port, database, "ALTER SYSTEM SET ssl = on")
        psql(args.pg_port, database, "SELECT pg_reload_conf()")
        time.sleep(1)
        plain_url = f"postgresql://postgres@127.0.0.1:{args.pg_port}/{database}?sslmode=disable"
        tls_url = (f"postgresql://postgres@127.0.0.1:{args.pg_port}/{database}"
                   f"?sslmode=verify-full&sslrootcert={ca_crt}")
        java = shutil.which("java")
        run([java, "-jar", args.jar, "migrate"], env=dict(os.environ, DATABASE_URL=plain_url))
        psql(args.pg_port, database, "INSERT INTO users (username, password) VALUES ('bench', 'not a hash')")
        psql(args.pg_port, database, """
            INSERT INTO posts (author_id, created, title, body)
            SELECT u.id, now() - (n || ' minutes')::interval, 'Post ' || n || ' <on> "TLS" & plain',
                   repeat('A line of text with <markup> & "quotes" to escape. ', 24)
            FROM users u, generate_series(1, 20) AS n WHERE u.username = 'bench'""")
        postmaster = int((datadir / "postmaster.pid").read_text().split()[0])

        runs = []
        order = []
        for round_number in range(args.rounds):
            order += ["plain", "tls"] if round_number % 2 == 0 else ["tls", "plain"]
        for index, kind in enumerate(order):
            env = dict(os.environ, DATABASE_URL=plain_url if kind == "plain" else tls_url,
                       PORT=str(args.app_port), TIERBLOG_MANAGEMENT_PORT=str(args.management_port),
                       SECRET_KEY=SECRET, TIERBLOG_DATA_DIR=str(work / "var"), MALLOC_ARENA_MAX="2",
                   # no second JVM: the CPU meter reads this process
                   TIERBLOG_CLASS_ARCHIVE="off")
            app_log = results_dir / f"app-{index}-{kind}.log"
            with open(app_log, "w") as out:
                jar = subprocess.Popen([java, *JVM, "-jar", args.jar], env=env, stdout=out,
                                       stderr=subprocess.STDOUT)
            wait_for_200(args.app_port)
            log(f"run {index + 1}/{len(order)} ({kind}): {args.warmup} s warm-up")
            wrk(args.app_port, args.connections, args.warmup, results_dir / f"wrk-{index}-{kind}-warmup.txt")
            before = machine_state()
            with CpuMeter(jar.pid, postmaster) as cpu:
                result = wrk(args.app_port, args.connections, args.duration, results_dir / f"wrk-{index}-{kind}.txt")
            after = machine_state()
            ssl = psql(args.pg_port, database, "SELECT string_agg(DISTINCT s.ssl::text, ',') FROM pg_stat_ssl s "
                       "JOIN pg_stat_activity a USING (pid) WHERE a.datname = current_database() "
                       "AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'")
            jar.send_signal(signal.SIGTERM)
            jar.wait(timeout=60)
            jar = None
            requests = result["requests"]
            errors = result["errors"]
            others_share = cpu.others_share
            entry = {
                "kind": kind, "requests_per_s": requests / (result["duration_us"] / 1e6),
                "p50_ms": result["p50_us"] / 1000, "p99_ms": result["p99_us"] / 1000, "errors": errors,
                "app_cpu_s_per_1000": cpu.app / requests * 1000,
                "pg_cpu_s_per_1000": cpu.pg / requests * 1000,
                "connections_ssl": ssl, "before": before, "after": after,
                "other_processes_cpu_share": others_share,
                "busy": not quiet_start or others_share > 0.10,
            }
            runs.append(entry)
            log(f"  {kind}: {entry['requests_per_s']:.0f} req/s, p50 {entry['p50_ms']:.1f} ms, "
                f"p99 {entry['p99_ms']:.1f} ms, app CPU {entry['app_cpu_s_per_1000']:.3f} s/1k, "
                f"PostgreSQL CPU {entry['pg_cpu_s_per_1000']:.3f} s/1k, ssl={ssl}, errors {errors}, "
                f"other processes {others_share * 100:.1f}% of a core{' (busy)' if entry['busy'] else ''}")

        def median(kind, key):
            return statistics.median(r[key] for r in runs if r["kind"] == kind)

        lines = [f"index page, 20 posts, wrk -c{args.connections}, {args.rounds} runs of each kind, "
                 f"{args.warmup} s warm-up, {args.duration} s measured (medians)"]
        for key, label in (("requests_per_s", "req/s"), ("p50_ms", "p50 ms"), ("p99_ms", "p99 ms"),
                           ("app_cpu_s_per_1000", "app CPU s per 1,000 requests"),
                           ("pg_cpu_s_per_1000", "PostgreSQL CPU s per 1,000 requests")):
            plain, tls = median("plain", key), median("tls", key)
            lines.append(f"  {label:38s} plain {plain:9.3f}   tls {tls:9.3f}   tls/plain {tls / plain:.3f}")
        busy = [i + 1 for i, r in enumerate(runs) if r["busy"]]
        lines.append(f"  load average before the benchmark started: {' '.join(at_start['loadavg'])}"
                     + (f"; {at_start['cpu_pressure']}" if "cpu_pressure" in at_start else ""))
        lines.append("  other processes' CPU during each measured run (% of one core): "
                     + ", ".join(f"{r['kind']} {r['other_processes_cpu_share'] * 100:.1f}" for r in runs))
        if busy:
            lines.append(f"  BUSY HOST: runs {busy} shared the machine (load average above 1.5 at the start, or"
                         " other processes above 10% of a core); not a result")
        write_report(results_dir, lines, runs)
        if any(r["errors"] for r in runs) or any(
                r["connections_ssl"] != ("true" if r["kind"] == "tls" else "false") for r in runs):
            print("a run had errors, or its connections were not of its kind", file=sys.stderr)
            return 1
        return 0
    finally:
        if jar is not None:
            jar.kill()
        subprocess.run([str(PEERS / "pg_local.sh"), "stop", str(datadir)], env=env_pg, capture_output=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
