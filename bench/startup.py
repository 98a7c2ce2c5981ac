#!/usr/bin/env python3
"""Start-up to the first 200 on / against an external, migrated PostgreSQL database.

Starts a jar N times in each mode and reports, per jar and mode, the median and range of the wall
time from the process's start to the first 200 on /, and of the CPU time the JVM had used by then
(utime + stime from /proc/<pid>/stat, all of its threads, and of the JVM it starts when it
relaunches itself with its class archive). CPU time survives a busy shared host
better than wall time; both are given. Modes:

  bare        java -jar JAR
  production  the settings of docs/operations.md and the Dockerfile: MALLOC_ARENA_MAX=2, -Xmx256m
              -Xmn64m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000 and the class-data sharing
              archive, recorded for each jar first with deploy/docker/record-class-archive.sh, as
              the image build does (--archive-kind static or dynamic; both: two production modes)

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/aot_start bench/startup.py [--starts 5]
        [--jar A.jar [--jar B.jar]] [--database-url URL-A --database-url URL-B]
        [--mode bare --mode production] [--archive-kind static --archive-kind dynamic]
        [--java-opt=-Xlog:...]

The database must exist; the script runs the jar's `migrate` once so that every timed start finds
nothing pending, and gives a database without posts the 20 that fill the index (with psql). Starts are interleaved: for each round, each mode, each jar in turn, so that noise
on a shared host hits every kind alike. The load average is read before anything starts (above 1.5:
the whole run is marked busy), and for each start the CPU that processes other than the JVM used
meanwhile (from /proc/stat); a start where it exceeds 25% of one core is marked busy. Busy figures
are not a result. Results go to bench/results/startup-<time>/ (results.json, summary.txt, the
servers' logs).
"""
import argparse
import http.client
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchlib import (BENCH, JVM, REPO, SECRET, TICKS, children, cpu_seconds, log, machine_busy_seconds, machine_state,
                      missing_tools, run, write_report)
from benchlib import quiet_start as started_quiet

RECORD = REPO / "deploy" / "docker" / "record-class-archive.sh"
# The Dockerfile's and `./mvnw -Pserve`'s flags (JDK 17 needs the unlock for the trim interval).
PRODUCTION = ["-Xmx256m", "-Xmn64m", "-XX:+UseSerialGC", "-XX:+UnlockExperimentalVMOptions",
              "-XX:TrimNativeHeapInterval=1000"]
BUSY_SHARE = 0.25
assert set(JVM) <= set(PRODUCTION)


def process_cpu(pid):
    """CPU seconds of a process and of its live children: a bare start of a jar with its class
    archive beside it is served by a second JVM that the first one starts and waits for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS + sum(cpu_seconds(child) for child in children(pid))


def first_200(process, port, timeout):
    """(wall seconds, CPU seconds of the process) at its first 200 on /."""
    started = time.monotonic()
    deadline = started + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with status {process.returncode} while starting")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/")
            answer = connection.getresponse()
            answer.read()
            if answer.status == 200:
                return time.monotonic() - started, process_cpu(process.pid)
        except (OSError, http.client.HTTPException):
            pass
        finally:
            connection.close()
        time.sleep(0.005)
    raise SystemExit(f"no 200 on / within {timeout} s")


def seed(url):
    """A full first page, as bench/bench.py's start-up measurement has: 20 posts of about 1,200
    characters by one user, added only to a database without posts."""
    def psql(sql):
        return run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]).stdout.strip()
    if psql("SELECT count(*) FROM posts") != "0":
        return
    psql("INSERT INTO users (username, password) VALUES ('startup', '!') ON CONFLICT DO NOTHING")
    psql("""INSERT INTO posts (author_id, created, title, body)
            SELECT u.id, now() - (n || ' minutes')::interval, 'Post ' || n || ' of the start-up check',
                   repeat('A line of text with <markup> & "quotes" to escape. ', 24)
            FROM users u, generate_series(1, 20) AS n WHERE u.username = 'startup'""")


def summary_line(label, values, unit="s"):
    return (f"{label}: median {statistics.median(values):.3f} {unit}, "
            f"range {min(values):.3f}-{max(values):.3f} ({len(values)})")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jar", action="append", help="a jar to start (repeat for two builds); "
                        "default app/target/tierblog.jar")
    parser.add_argument("--database-url", action="append",
                        help="the database of each jar, in the order of --jar (two builds whose migrations "
                        "differ need one each); default DATABASE_URL for all")
    parser.add_argument("--mode", action="append", choices=("bare", "production"),
                        help="repeatable; default both")
    parser.add_argument("--archive-kind", action="append", choices=("static", "dynamic"),
                        help="how the production mode's class archive is recorded (CLASS_ARCHIVE_KIND of "
                        "record-class-archive.sh); repeat to compare both; default the script's own (static)")
    parser.add_argument("--starts", type=int, default=5, help="starts per jar and mode (5)")
    parser.add_argument("--port", type=int, default=18110)
    parser.add_argument("--management-port", type=int, default=18111)
    parser.add_argument("--java-opt", action="append", default=[], help="an extra JVM option for every start")
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args(argv)
    jars = [Path(j).resolve() for j in (args.jar or [REPO / "app" / "target" / "tierblog.jar"])]
    kinds = args.archive_kind or ["static"]
    modes = []
    for mode in args.mode or ["bare", "production"]:
        modes += [mode] if mode == "bare" else [f"production-{kind}" if len(kinds) > 1 else mode for kind in kinds]
    urls = args.database_url or [os.environ.get("DATABASE_URL")] * len(jars)
    if not all(urls):
        parser.error("set DATABASE_URL to an existing PostgreSQL database (it is migrated once)")
    if len(urls) != len(jars):
        parser.error("give one --database-url per --jar")
    for jar in jars:
        missing = missing_tools(("java", "psql"), "openjdk-17-jre-headless, postgresql-client", jar)
        if missing:
            return missing
    java = shutil.which("java")

    at_start, quiet = started_quiet()
    results = BENCH / "results" / time.strftime("startup-%Y%m%d-%H%M%S")
    results.mkdir(parents=True)
    work = results / "work"
    work.mkdir()
    base_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "SECRET_KEY": SECRET,
                "PORT": str(args.port), "TIERBLOG_MANAGEMENT_PORT": str(args.management_port)}
    log(f"load average {' '.join(at_start['loadavg'])}")
    for jar, url in zip(jars, urls):
        log(f"migrating {url} with {jar.name}; 20 posts on the index if it has none")
        run([java, "-jar", str(jar), "migrate"], env=dict(base_env, DATABASE_URL=url, TIERBLOG_DATA_DIR=str(work / "var")))
        seed(url)

    archives = {}
    for mode in modes:
        if mode == "bare":
            continue
        kind = mode.split("-")[1] if "-" in mode else kinds[0]
        for index, jar in enumerate(jars):
            archive = work / f"jar{index}-{kind}.jsa"
            log(f"recording the {kind} class archive of {jar}")
            run(["bash", str(RECORD), str(jar), str(archive), *PRODUCTION],
                env=dict(os.environ, RECORD_PORT=str(args.port), RECORD_MANAGEMENT_PORT=str(args.management_port),
                         CLASS_ARCHIVE_KIND=kind))
            archives[(mode, jar)] = archive

    starts = []
    for round_number in range(args.starts):
        order = [(mode, index) for mode in modes for index in range(len(jars))]
        if round_number % 2:
            order.reverse()
        for mode, index in order:
            jar = jars[index]
            env = dict(base_env, DATABASE_URL=urls[index], TIERBLOG_DATA_DIR=str(work / "var"))
            command = [java]
            if mode != "bare":
                env["MALLOC_ARENA_MAX"] = "2"
                command += [*PRODUCTION, f"-XX:SharedArchiveFile={archives[(mode, jar)]}"]
            command += [*args.java_opt, "-jar", str(jar), "serve"]
            before = machine_state()
            server_log = results / f"server-{round_number}-{mode}-jar{index}.log"
            machine0 = machine_busy_seconds()
            wall0 = time.monotonic()
            with open(server_log, "w") as out:
                process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
            try:
                wall, cpu = first_200(process, args.port, args.timeout)
                elapsed = time.monotonic() - wall0
                machine = machine_busy_seconds() - machine0
            finally:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            # Everything the machine did meanwhile, less the JVM (this script's polling included).
            others = max(0.0, machine - cpu) / elapsed
            entry = {"round": round_number, "mode": mode, "jar": str(jar), "wall_s": wall, "cpu_s": cpu,
                     "others_share": others, "before": before, "busy": not quiet or others > BUSY_SHARE}
            starts.append(entry)
            log(f"{mode:18s} jar{index}: first 200 after {wall:.3f} s, CPU {cpu:.2f} s, "
                f"others {others * 100:.0f}% of a core, load {' '.join(before['loadavg'])}"
                f"{' (busy)' if entry['busy'] else ''}")
            time.sleep(1)

    lines = [f"start-up to the first 200 on /, {args.starts} starts per jar and mode, interleaved; "
             f"JDK {subprocess.run([java, '-version'], capture_output=True, text=True).stderr.splitlines()[0]}"]
    for index, jar in enumerate(jars):
        lines.append(f"jar{index}: {jar} ({jar.stat().st_size} bytes)")
    for mode in modes:
        for index in range(len(jars)):
            kind = [s for s in starts if s["mode"] == mode and s["jar"] == str(jars[index])]
            lines.append(f"  {mode:18s} jar{index}  " + summary_line("wall", [s["wall_s"] for s in kind])
                         + "; " + summary_line("CPU", [s["cpu_s"] for s in kind]))
    lines.append(f"  load average before the run: {' '.join(at_start['loadavg'])}"
                 + (f"; {at_start['cpu_pressure']}" if "cpu_pressure" in at_start else "")
                 + f"; after: {' '.join(machine_state()['loadavg'])}")
    busy = [i + 1 for i, s in enumerate(starts) if s["busy"]]
    if busy:
        lines.append(f"  BUSY HOST: starts {busy} shared the machine (load average above 1.5 at the start, or "
                     f"other processes above {BUSY_SHARE * 100:.0f}% of a core); not a result")
    write_report(results, lines, {"machine_at_start": at_start, "starts": starts})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
