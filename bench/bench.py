#!/usr/bin/env python3
"""Tierblog benchmark harness. Run it through bench/run.sh; bench/README.md explains what it does.

Standard library only. Exit status: 0 when every request was answered as expected (whether or
not a target was met), 1 on errors (a status outside 2xx/3xx, socket errors, failed log-ins, a
server that did not start, a page that did not look right), 2 when a tool is missing.
"""
import argparse
import datetime
import http.client
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
from benchlib import QUIET_LOAD, CpuMeter, machine_state  # noqa: E402

# The JVM flags and environment every measured run uses: the ones docs/operations.md recommends
# (docs/performance.md says why).
JVM_FLAGS = ["-Xmx256m", "-Xmn64m", "-XX:+UseSerialGC", "-XX:+UnlockExperimentalVMOptions",
             "-XX:TrimNativeHeapInterval=1000"]
JVM_ENV = {"MALLOC_ARENA_MAX": "2"}

BENCH_USER = "bench"
BENCH_PASSWORD = "bench-password-0123456789"
SECRET_KEY = "benchmark-secret-key-not-for-production-use-0123456789"
APP_DB = "tierblog_bench"
PEER_DB = "flaskr_bench"
POSTS_ON_INDEX = 20
# A post on an index page, Tierblog's (which carries the post's language) or the peer's.
MARKER = re.compile(r'<article class="post"[ >]')

# Targets from issue 5: reported, never a reason to fail.
TARGET_PEER_RATIO = 25.0
TARGET_P99_MS = 25.0
STRETCH_PGBENCH_SHARE = 0.35
TARGET_SCALING = 1.3
TARGET_RSS_MB = 300
TARGET_STARTUP_MS = 2000


class HarnessError(Exception):
    """Something went wrong that makes the figures meaningless: exit status 1."""


class MissingTools(Exception):
    """Exit status 2, with the packages to install."""


def log(message):
    stamp = datetime.datetime.now().strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", flush=True)


# --------------------------------------------------------------------------------------------
# Tools
# --------------------------------------------------------------------------------------------

def check_tools(args):
    """Finds every program the run needs; installs the missing ones with --install (Debian)."""
    needed = []  # (what, apt package, check)

    def have(command):
        return shutil.which(command) is not None

    def runs(command):
        try:
            return subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            return False

    needed.append(("java 17 or newer", "openjdk-17-jre-headless", lambda: java_major() >= 17))
    needed.append(("wrk", "wrk", lambda: have("wrk")))
    needed.append(("psql", "postgresql-client", lambda: have("psql")))
    needed.append(("curl", "curl", lambda: have("curl")))
    if not args.no_pgbench:
        # Debian's /usr/bin/pgbench is a wrapper; the program comes with the server package.
        needed.append(("pgbench", "postgresql", lambda: runs(["pgbench", "--version"])))
    if not os.environ.get("DATABASE_URL"):
        needed.append(("PostgreSQL server binaries (pg_ctl)", "postgresql", lambda: pg_server_binaries()))
    if not args.no_peer:
        python = args.peer_python
        needed.append(("python3 with flask", "python3-flask", lambda: runs([python, "-c", "import flask"])))
        needed.append(("python3 with psycopg2", "python3-psycopg2",
                       lambda: runs([python, "-c", "import psycopg2"])))
        needed.append(("gunicorn", "gunicorn", lambda: runs([python, "-m", "gunicorn", "--version"])))
    if args.profile:
        needed.append(("jcmd and jfr (a JDK)", "openjdk-17-jdk-headless", lambda: have("jcmd") and have("jfr")))

    missing = [(what, package) for what, package, check in needed if not check()]
    if missing and args.install:
        packages = sorted({package for _, package in missing})
        log("installing " + " ".join(packages))
        prefix = [] if os.geteuid() == 0 else ["sudo"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(prefix + ["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(prefix + ["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + packages,
                       check=True, env=env)
        missing = [(what, package) for what, package, check in needed if not check()]
    if missing:
        lines = [f"  {what}: Debian package {package}" for what, package in missing]
        packages = " ".join(sorted({package for _, package in missing}))
        raise MissingTools("missing:\n" + "\n".join(lines)
                           + f"\ninstall them with:  apt-get install {packages}"
                           + "\n(or run bench/run.sh --install)")


def java_major():
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired):
        return 0
    match = re.search(r'version "(\d+)', out)
    return int(match.group(1)) if match else 0


def pg_server_binaries():
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"], "pg_ctl").exists()
    if shutil.which("pg_config"):
        bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        if Path(bindir, "pg_ctl").exists():
            return True
    return any(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))


# --------------------------------------------------------------------------------------------
# Processes
# --------------------------------------------------------------------------------------------

class Service:
    """A server process (and its children) started by the harness, stopped by process group."""

    def __init__(self, name, command, env, log_path, cwd=None):
        self.name = name
        self.log_path = log_path
        self.log_file = open(log_path, "ab")
        self.started = time.monotonic()
        self.process = subprocess.Popen(command, env=env, cwd=cwd, stdout=self.log_file,
                                        stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        if self.alive():
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log_file.close()

    def pids(self):
        """This process and its descendants (gunicorn's workers)."""
        found = [self.process.pid]
        index = 0
        while index < len(found):
            try:
                children = Path(f"/proc/{found[index]}/task/{found[index]}/children").read_text().split()
            except OSError:
                children = []
            found.extend(int(child) for child in children)
            index += 1
        return found

    def rss_kib(self):
        total = 0
        for pid in self.pids():
            total += proc_status(pid).get("VmRSS", 0)
        return total


def proc_status(pid):
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if rest.strip().endswith("kB"):
                values[key] = int(rest.split()[0])
    except OSError:
        pass
    return values


def http_request(port, method, path, headers=None, body=None, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read().decode("utf-8", "replace")
        return response.status, response.getheaders(), data
    finally:
        connection.close()


def wait_for_200(service, port, path="/", timeout=90):
    """Milliseconds from the process start to the first 200 on path."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not service.alive():
            raise HarnessError(f"{service.name} exited with status {service.process.returncode} while starting; "
                               f"see {service.log_path}")
        try:
            status, _, _ = http_request(port, "GET", path, timeout=2)
            if status == 200:
                return (time.monotonic() - service.started) * 1000.0
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.01)
    raise HarnessError(f"{service.name} gave no 200 on {path} within {timeout} s; see {service.log_path}")


class RssSampler:
    """Samples a service's RSS twice a second; keeps the largest value seen in each load phase."""

    def __init__(self):
        self.service = None
        self.phase = None  # None: not under load
        self.max_kib = {}
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stopping.wait(0.5):
            service, phase = self.service, self.phase
            if service is not None and phase is not None and service.alive():
                rss = service.rss_kib()
                self.max_kib[phase] = max(self.max_kib.get(phase, 0), rss)

    def stop(self):
        self.stopping.set()


# --------------------------------------------------------------------------------------------
# PostgreSQL
# --------------------------------------------------------------------------------------------

class Database:
    """The server both applications and pgbench use: pg_local.sh's, or the one DATABASE_URL names."""

    def __init__(self, args, results):
        self.args = args
        self.started_here = False
        external = os.environ.get("DATABASE_URL")
        if external:
            parsed = urllib.parse.urlsplit(external)
            if parsed.scheme not in ("postgresql", "postgres"):
                raise HarnessError("DATABASE_URL must look like postgresql://user:pass@host:port/db")
            self.base = parsed
            log(f"PostgreSQL: the server DATABASE_URL names ({parsed.hostname}:{parsed.port or 5432}); "
                f"the harness creates the databases {APP_DB} and {PEER_DB} there")
        else:
            script = peers_dir(args) / "pg_local.sh"
            if not script.exists():
                raise HarnessError(f"{script} not found: set TIERBLOG_PEERS_DIR or DATABASE_URL")
            log(f"PostgreSQL: {script} start {args.pg_datadir} {args.pg_port}")
            env = dict(os.environ, PG_DB="postgres")
            result = subprocess.run([str(script), "start", str(args.pg_datadir), str(args.pg_port)], env=env,
                                    capture_output=True, text=True, timeout=180)
            (results / "pg_local.log").write_text(result.stdout + result.stderr)
            if result.returncode != 0:
                raise HarnessError(f"pg_local.sh failed:\n{result.stdout}{result.stderr}")
            self.started_here = True
            self.script = script
            self.base = urllib.parse.urlsplit(f"postgresql://postgres@127.0.0.1:{args.pg_port}/postgres")

    def url(self, database):
        return urllib.parse.urlunsplit(self.base._replace(path="/" + database))

    @property
    def admin_url(self):
        return urllib.parse.urlunsplit(self.base)

    def psql(self, database_url, sql=None, file=None, variables=None, capture=False, script=None, timeout=1800):
        """Runs one statement (sql), a file, or a script of several statements whose results all count."""
        command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database_url]
        for name, value in (variables or {}).items():
            command += ["-v", f"{name}={value}"]
        if capture:
            command += ["-A", "-t"]
        if sql is not None:
            command += ["-c", sql]
        if file is not None:
            command += ["-f", str(file)]
        if script is not None:
            command += ["-f", "-"]
        result = subprocess.run(command, input=script, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise HarnessError(f"psql failed: {' '.join(command[:6])} ...\n{result.stderr}")
        return result.stdout.strip()

    def recreate(self, database):
        self.psql(self.admin_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        self.psql(self.admin_url, f'CREATE DATABASE "{database}"')

    def version(self):
        return self.psql(self.admin_url, "SHOW server_version", capture=True)

    def stop(self):
        if self.started_here and not self.args.keep_db:
            subprocess.run([str(self.script), "stop", str(self.args.pg_datadir)], capture_output=True,
                           timeout=120)


def peers_dir(args):
    return Path(os.environ.get("TIERBLOG_PEERS_DIR", REPO.parent / "shared" / "peers")).resolve()


# --------------------------------------------------------------------------------------------
# Load generators
# --------------------------------------------------------------------------------------------

class Measurement:
    def __init__(self, name, rps, p50_ms, p99_ms, errors, detail):
        self.name = name
        self.rps = rps
        self.p50_ms = p50_ms
        self.p99_ms = p99_ms
        self.errors = errors
        self.detail = detail

    def as_dict(self):
        return {"name": self.name, "rps": self.rps, "p50_ms": self.p50_ms, "p99_ms": self.p99_ms,
                "errors": self.errors, **self.detail}


class Load:
    def __init__(self, args, results):
        self.args = args
        self.dir = results / "load"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.counter = 0
        self.error_notes = []

    def _file(self, name, suffix=""):
        self.counter += 1
        return self.dir / (f"{self.counter:03d}-" + re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") + suffix)

    def wrk_command(self, port, path, connections, duration, cookie=None, login=False):
        command = ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration}s",
                   "--timeout", "10s", "--latency"]
        if login:
            command += ["-s", str(BENCH / "wrk" / "login.lua"), f"http://127.0.0.1:{port}", "--",
                        BENCH_USER, BENCH_PASSWORD, path]
        else:
            command += ["-s", str(BENCH / "wrk" / "report.lua")]
            if cookie:
                command += ["-H", f"Cookie: {cookie}"]
            command += [f"http://127.0.0.1:{port}{path}"]
        return command

    def start_wrk(self, name, port, path, connections, duration, cookie=None, login=False):
        command = self.wrk_command(port, path, connections, duration, cookie, login)
        out = self._file(name, ".txt")
        handle = open(out, "w")
        handle.write("$ " + shlex.join(command) + "\n")
        handle.flush()
        env = dict(os.environ, BENCH_DIR=str(BENCH))
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env)
        return (name, process, handle, out, duration)

    def finish_wrk(self, started, count_errors=True):
        name, process, handle, out, duration = started
        try:
            process.wait(timeout=duration + 60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise HarnessError(f"wrk {name} did not finish; see {out}")
        handle.close()
        text = out.read_text()
        match = re.search(r"^BENCH-RESULT (.*)$", text, re.MULTILINE)
        if process.returncode != 0 or not match:
            raise HarnessError(f"wrk {name} failed (status {process.returncode}); see {out}")
        values = {key: int(value) for key, value in (pair.split("=") for pair in match.group(1).split())}
        seconds = values["duration_us"] / 1e6
        socket_errors = (values["connect_errors"] + values["read_errors"] + values["write_errors"]
                         + values["timeouts"])
        errors = values["status_errors"] + socket_errors + values.get("login_failures", 0)
        if errors and count_errors:
            self.error_notes.append(f"{name}: {values['status_errors']} non-2xx/3xx, {socket_errors} socket "
                                    f"errors, {values.get('login_failures', 0)} failed log-ins (see {out})")
        return Measurement(name, values["requests"] / seconds, values["p50_us"] / 1000.0, values["p99_us"] / 1000.0,
                           errors, {"tool": "wrk", "file": str(out), "p90_ms": values["p90_us"] / 1000.0,
                                    "max_ms": values["max_us"] / 1000.0, "requests": values["requests"],
                                    "seconds": seconds, "bytes": values["bytes"],
                                    **{key: value for key, value in values.items()
                                       if key in ("logins_ok", "login_failures", "form_fetches")}})

    def wrk(self, name, port, path, connections, duration, cookie=None, login=False, count_errors=True):
        return self.finish_wrk(self.start_wrk(name, port, path, connections, duration, cookie, login),
                               count_errors)

    def pgbench(self, name, database_url, script, connections, duration, variables=None):
        prefix = self._file(name)
        command = ["pgbench", "-n", "-M", "prepared", "-c", str(connections), "-j", str(min(2, connections)),
                   "-T", str(duration), "-f", str(script), "--log", "--sampling-rate", "0.05",
                   "--log-prefix", str(prefix)]
        for key, value in (variables or {}).items():
            command += ["-D", f"{key}={value}"]
        command.append(database_url)
        result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
        Path(str(prefix) + ".txt").write_text("$ " + shlex.join(command) + "\n" + result.stdout + result.stderr)
        tps = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", result.stdout)
        failed = re.search(r"number of failed transactions: (\d+)", result.stdout)
        if result.returncode != 0 or not tps:
            raise HarnessError(f"pgbench {name} failed:\n{result.stdout}{result.stderr}")
        latencies = []
        for log_file in self.dir.glob(prefix.name + ".*"):
            if log_file.suffix == ".txt":
                continue
            for line in log_file.read_text().splitlines():
                fields = line.split()
                if len(fields) >= 3:
                    latencies.append(int(fields[2]) / 1000.0)
            log_file.unlink()
        latencies.sort()
        errors = int(failed.group(1)) if failed else 0
        if errors:
            self.error_notes.append(f"{name}: {errors} failed pgbench transactions")
        processed = re.search(r"number of transactions actually processed: (\d+)", result.stdout)
        return Measurement(name, float(tps.group(1)), percentile(latencies, 50), percentile(latencies, 99), errors,
                           {"tool": "pgbench", "sampled_latencies": len(latencies),
                            "requests": int(processed.group(1)) if processed else None})


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------

class Bench:
    def __init__(self, args):
        self.args = args
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        self.results = Path(args.results or BENCH / "results" / stamp).resolve()
        self.results.mkdir(parents=True, exist_ok=True)
        self.load = Load(args, self.results)
        self.rss = RssSampler()
        self.services = []
        self.db = None
        self.app = None
        self.peer = None
        self.measurements = {}  # name -> [Measurement]
        self.facts = {}
        self.startups_ms = []
        self.jar = Path(args.jar).resolve()
        self.archive = self.results / "tierblog.jsa"
        self.archive_ready = False
        # Read before anything starts: once the benchmark runs, the load average counts its own threads.
        self.at_start = machine_state()
        self.quiet_start = float(self.at_start["loadavg"][0]) <= QUIET_LOAD

    # ---- helpers

    def record(self, measurement):
        self.measurements.setdefault(measurement.name, []).append(measurement)
        log(f"  {measurement.name:<28} {measurement.rps:>9.0f} req/s  p50 {measurement.p50_ms:7.2f} ms  "
            f"p99 {measurement.p99_ms:7.2f} ms  errors {measurement.errors}")
        return measurement

    def postmaster(self):
        """The PostgreSQL server's postmaster, when the harness started it (its CPU is measured)."""
        if self.db is None or not self.db.started_here:
            return None
        try:
            return int((Path(self.args.pg_datadir) / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def metered(self, program, load):
        """Runs one measured load (a thunk returning a Measurement) and adds to it the machine's
        state before and after, and CPU seconds per 1,000 requests: of the program measured (the
        app's JVM; the peer's gunicorn master and workers; pgbench itself) and of PostgreSQL. The
        run is busy if the machine was loaded when the benchmark started (load average above 1.5)
        or if other processes used more than 10% of a core during it."""
        pids = {"tierblog": lambda: self.app.pids(), "flaskr peer": lambda: self.peer.pids(),
                "pgbench": lambda: []}[program]()
        ours = [pid for service in (self.app, self.peer) if service is not None for pid in service.pids()]
        before = machine_state()
        with CpuMeter(pids, self.postmaster(), ours) as cpu:
            measurement = load()
        requests = measurement.detail.get("requests") or 1
        program_cpu = cpu.tools if program == "pgbench" else cpu.app
        measurement.detail.update({
            "program": program, "before": before, "after": machine_state(),
            "cpu_program_s_per_1000": program_cpu / requests * 1000,
            "cpu_postgres_s_per_1000": cpu.pg / requests * 1000 if self.postmaster() else None,
            "other_processes_cpu_share": cpu.others_share,
            "benchmark_servers_idle_cpu_share": cpu.idle_ours / cpu.elapsed,
            "busy": not self.quiet_start or cpu.others_share > 0.10,
        })
        return measurement

    def loaded(self, phase):
        """Names the load now running ("pages", "log-ins"), or None, for the RSS figures."""
        self.rss.phase = phase

    def java_command(self, extra=(), archive=True):
        cds = [f"-XX:SharedArchiveFile={self.archive}"] if archive and self.archive_ready else []
        return ["java"] + JVM_FLAGS + cds + list(self.args.java_opt) + list(extra) + ["-jar", str(self.jar)]

    def app_env(self):
        env = dict(os.environ)
        env.update({
            "DATABASE_URL": self.db.url(APP_DB),
            "PORT": str(self.args.app_port),
            "SECRET_KEY": SECRET_KEY,
            "TIERBLOG_DATA_DIR": str(self.results / "app-data"),
            # The harness names its own class archive (or none): the jar must not start itself
            # again with the build's, which would also leave the measured process a waiting one.
            "TIERBLOG_CLASS_ARCHIVE": "off",
            **JVM_ENV,
        })
        env.pop("MICRONAUT_ENVIRONMENTS", None)
        return env

    def start_app(self, extra=(), archive=True):
        service = Service("tierblog", self.java_command(extra, archive), self.app_env(), self.results / "app.log")
        self.services.append(service)
        startup = wait_for_200(service, self.args.app_port)
        return service, startup

    def stop_service(self, service):
        service.stop()
        if service in self.services:
            self.services.remove(service)

    def expect_page(self, port, path, what, cookie=None, posts=None, contains=None):
        headers = {"Cookie": cookie} if cookie else {}
        status, _, body = http_request(port, "GET", path, headers)
        if status != 200:
            raise HarnessError(f"{what}: GET {path} answered {status}")
        shown = len(MARKER.findall(body))
        if posts is not None and shown != posts:
            raise HarnessError(f"{what}: GET {path} shows {shown} posts, expected {posts}")
        if contains is not None and contains not in body:
            raise HarnessError(f"{what}: GET {path} does not contain {contains!r}")
        return body

    # ---- steps

    def build(self):
        if self.jar.exists() and not self.args.build:
            return
        log("building the application jar: ./mvnw -B -q -pl app -am package -DskipTests")
        maven_args = shlex.split(os.environ.get("MAVEN_ARGS", ""))
        result = subprocess.run([str(REPO / "mvnw"), "-B", "-q", *maven_args, "-pl", "app", "-am", "package",
                                 "-DskipTests"], cwd=REPO)
        if result.returncode != 0 or not self.jar.exists():
            raise HarnessError("the build failed")

    def describe_machine(self):
        cpu = "unknown"
        try:
            for line in Path("/proc/cpuinfo").read_text().splitlines():
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        except OSError:
            pass
        memory_kib = 0
        try:
            memory_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        except (OSError, AttributeError):
            pass
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
        wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
        self.facts["machine"] = {
            "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory_kib / 1024 / 1024, 1),
            "kernel": platform.release(), "java": java[1] if len(java) > 1 else " ".join(java),
            "postgresql": self.db.version(), "wrk": (wrk.stdout + wrk.stderr).splitlines()[0],
            # Read when the harness started, before it built or started anything.
            "load_average_at_start": [float(x) for x in self.at_start["loadavg"]],
            "cpu_pressure_at_start": self.at_start.get("cpu_pressure"),
        }
        self.facts["jvm_flags"] = [f"{key}={value}" for key, value in JVM_ENV.items()] + JVM_FLAGS + list(
            self.args.java_opt)
        self.facts["settings"] = {key: (str(value) if isinstance(value, Path) else value)
                                  for key, value in vars(self.args).items()}

    def prepare_databases(self):
        db = self.db
        log(f"creating {APP_DB}; applying the migrations with the application's own 'migrate'")
        db.recreate(APP_DB)
        env = self.app_env()
        result = subprocess.run(["java"] + JVM_FLAGS + ["-jar", str(self.jar), "migrate"], env=env,
                                capture_output=True, text=True, timeout=300)
        (self.results / "migrate.log").write_text(result.stdout + result.stderr)
        if result.returncode != 0:
            raise HarnessError(f"migrate failed:\n{result.stdout}{result.stderr}")
        db.psql(db.url(APP_DB), file=BENCH / "sql" / "generator.sql")
        if not self.args.no_peer:
            schema = peers_dir(self.args) / "flaskr_pg" / "flaskr_pg" / "schema.sql"
            log(f"creating {PEER_DB} with the peer's own {schema}")
            db.recreate(PEER_DB)
            db.psql(db.url(PEER_DB), file=schema)
            db.psql(db.url(PEER_DB), file=BENCH / "sql" / "generator.sql")

    def register_bench_user(self):
        """Registers through the application's form, so the password is hashed as the app hashes it."""
        client = FormClient(self.args.app_port)
        status, headers = client.submit("/auth/register", {"username": BENCH_USER, "password": BENCH_PASSWORD})
        if status != 302:
            raise HarnessError(f"registering {BENCH_USER!r} answered {status}, not a redirect")

    def visit_pages_for_the_archive(self):
        """Requests the kinds of pages the benchmark loads, so their classes are in the archive."""
        cookie = self.log_in()
        for path, headers in (("/", {}), ("/?after=1-1", {}), ("/auth/login", {}), ("/auth/register", {}),
                              ("/", {"Cookie": cookie}), ("/create", {"Cookie": cookie}),
                              ("/1/update", {"Cookie": cookie}), ("/no-such-page", {})):
            http_request(self.args.app_port, "GET", path, headers)

    def log_in(self):
        client = FormClient(self.args.app_port)
        status, headers = client.submit("/auth/login", {"username": BENCH_USER, "password": BENCH_PASSWORD})
        if status != 302:
            raise HarnessError(f"logging in as {BENCH_USER!r} answered {status}, not a redirect")
        cookie = client.cookies.get("JWT")
        if not cookie:
            raise HarnessError("logging in set no JWT cookie")
        return "JWT=" + cookie

    def seed_posts(self, first, last):
        db = self.db
        log(f"seeding posts {first}..{last} (generate_series)")
        started = time.monotonic()
        targets = [APP_DB] + ([] if self.args.no_peer or last > POSTS_ON_INDEX else [PEER_DB])
        for database in targets:
            db.psql(db.url(database), file=BENCH / "sql" / "seed-posts.sql", variables={"first": first, "last": last})
            db.psql(db.url(database), "VACUUM ANALYZE posts")
        seconds = time.monotonic() - started
        self.facts.setdefault("seeding_seconds", {})[str(last)] = round(seconds, 1)
        log(f"  seeded in {seconds:.1f} s")

    def seed_users(self):
        db = self.db
        db.psql(db.url(APP_DB), file=BENCH / "sql" / "seed-users.sql")
        if not self.args.no_peer:
            db.psql(db.url(PEER_DB), f"INSERT INTO users (username, password) VALUES ('{BENCH_USER}', '!')")
            db.psql(db.url(PEER_DB), file=BENCH / "sql" / "seed-users.sql")

    def cursor(self, rank):
        """The index cursor after post number rank, as the application formats it."""
        sql = ("SELECT (floor(extract(epoch FROM created) * 1000000))::bigint || '-' || id FROM posts "
               f"WHERE created = bench.created({int(rank)})")
        value = self.db.psql(self.db.url(APP_DB), sql, capture=True)
        if not re.fullmatch(r"-?\d+-\d+", value):
            raise HarnessError(f"no post number {rank}: {value!r}")
        return value

    def cursor_parts(self, rank):
        sql = f"SELECT bench.created({int(rank)})::text, id FROM posts WHERE created = bench.created({int(rank)})"
        created, post_id = self.db.psql(self.db.url(APP_DB), sql, capture=True).split("|")
        return created, post_id

    def bench_post_id(self):
        sql = ("SELECT p.id FROM posts p JOIN users u ON u.id = p.author_id "
               f"WHERE u.username = '{BENCH_USER}' ORDER BY p.created DESC, p.id DESC LIMIT 1")
        return self.db.psql(self.db.url(APP_DB), sql, capture=True)

    def explain(self, size, deep_rank):
        """EXPLAIN ANALYZE of both index queries, custom and generic plans; True if all are index scans."""
        created, post_id = self.cursor_parts(deep_rank)
        first = (BENCH / "pgbench" / "first-page.sql").read_text()
        after = (BENCH / "pgbench" / "page-after.sql").read_text()
        after_prepared = strip_comments(after).replace(":created", "$1").replace(":id", "$2").rstrip().rstrip(";")
        script = f"""
SET plan_cache_mode = force_custom_plan;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {strip_comments(first).rstrip().rstrip(';')};
PREPARE after_page(timestamptz, bigint) AS {after_prepared};
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE after_page('{created}', {post_id});
SET plan_cache_mode = force_generic_plan;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE after_page('{created}', {post_id});
"""
        out = self.db.psql(self.db.url(APP_DB), script=script, capture=True)
        (self.results / f"explain-{size}.txt").write_text(out + "\n")
        plans = [plan for plan in out.split("Execution Time") if "Index" in plan or "Scan" in plan]
        scans = (len(plans) == 3 and all("Index Scan using posts_created_id_idx" in plan for plan in plans)
                 and "Seq Scan on posts" not in out and "Sort" not in out)
        times = [float(value) for value in re.findall(r"Execution Time: ([0-9.]+) ms", out)]
        return {"index_scans_only": scans, "execution_ms": times, "file": str(self.results / f"explain-{size}.txt")}

    def warm_up(self, seconds, paths, cookie, login=True):
        """Mixed load for `seconds`: the JIT compiles what the measured runs will execute."""
        log(f"warming up for {seconds} s (index, keyset page, edit page{', log-in' if login else ''})")
        deadline = time.monotonic() + seconds
        cycle = [("warm-index", paths["index"], None, self.args.connections, 8, False),
                 ("warm-after", paths["after"], None, self.args.connections, 4, False),
                 ("warm-edit", paths["edit"], cookie, self.args.connections, 4, False)]
        if login:
            cycle.append(("warm-login", "/auth/login", None, self.args.login_connections, 4, True))
        while True:
            for name, path, cookie_value, connections, slice_seconds, is_login in cycle:
                remaining = deadline - time.monotonic()
                self.loaded("log-ins" if is_login else "pages")
                if remaining < 1:
                    self.loaded(None)
                    return
                measurement = self.load.wrk(name, self.args.app_port, path, connections,
                                            max(1, min(slice_seconds, int(remaining))), cookie_value, is_login)
                if measurement.errors:
                    raise HarnessError(f"errors while warming up: {self.load.error_notes[-1]}")

    def run(self):
        args = self.args
        log(f"results go to {self.results}")
        self.build()
        self.db = Database(args, self.results)
        self.describe_machine()
        self.prepare_databases()

        # 1. The bench user registers through the application; then users and the 20 newest posts.
        # Unless --no-cds, this first run also records the classes it loads into a class-data
        # sharing archive (AppCDS) that the measured runs map at start-up.
        training = () if args.no_cds else (f"-XX:ArchiveClassesAtExit={self.archive}",)
        app, startup = self.start_app(training)
        self.facts["first_startup_ms"] = round(startup)
        log(f"application up in {startup:.0f} ms (first start, migrated but empty database"
            f"{'' if args.no_cds else ', recording the class archive'})")
        self.register_bench_user()
        self.visit_pages_for_the_archive()
        self.stop_service(app)
        self.archive_ready = not args.no_cds and self.archive.exists()
        if not args.no_cds and not self.archive_ready:
            log("WARNING: no class archive was written; the runs start without one (see app.log)")
        self.facts["class_archive"] = str(self.archive) if self.archive_ready else None
        self.seed_users()
        self.seed_posts(1, POSTS_ON_INDEX)

        # 2. Start-up to the first 200 on the seeded database: once without the archive, for
        # comparison, then the measured starts; the last one stays up.
        if self.archive_ready:
            reference, startup = self.start_app(archive=False)
            self.facts["startup_without_archive_ms"] = round(startup)
            log(f"application up in {startup:.0f} ms (without the class archive)")
            self.stop_service(reference)
        for attempt in range(args.startups):
            app, startup = self.start_app(self.profile_flags() if attempt == args.startups - 1 else ())
            self.startups_ms.append(startup)
            log(f"application up in {startup:.0f} ms")
            if attempt < args.startups - 1:
                self.stop_service(app)
        self.app = app
        self.rss.service = app

        cookie = self.log_in()
        edit_path = f"/{self.bench_post_id()}/update"
        paths = {"index": "/", "after": "/?after=" + self.cursor(10), "edit": edit_path}
        self.expect_page(args.app_port, "/", "index", posts=POSTS_ON_INDEX)
        self.expect_page(args.app_port, paths["after"], "keyset page", posts=POSTS_ON_INDEX - 10)
        self.expect_page(args.app_port, edit_path, "edit page", cookie=cookie, contains="<textarea")

        if not args.no_peer:
            self.start_peer()

        self.warm_up(args.warmup, paths, cookie)

        # 3. Side by side, 20 posts on the index: Tierblog, the flaskr peer, pgbench; interleaved rounds.
        log(f"index with {POSTS_ON_INDEX} posts, {args.connections} connections, {args.duration} s, "
            f"{args.runs} rounds: Tierblog, flaskr peer, pgbench")
        profile_from = time.time()
        for _ in range(args.runs):
            self.loaded("pages")
            self.record(self.metered("tierblog", lambda: self.load.wrk(
                "tierblog index", args.app_port, "/", args.connections, args.duration)))
            self.loaded(None)
            if not args.no_peer:
                self.record(self.metered("flaskr peer", lambda: self.load.wrk(
                    "flaskr index", args.peer_port, "/", args.connections, args.duration)))
            if not args.no_pgbench:
                self.record(self.metered("pgbench", lambda: self.load.pgbench(
                    "pgbench index query", self.db.url(APP_DB), BENCH / "pgbench" / "first-page.sql",
                    args.connections, args.duration)))
        self.profile_dump("index", profile_from)
        if args.only == "index":
            self.finish()
            return

        # 4. The edit page (logged in), log-ins, and the index while log-ins run.
        log("edit page, log-in POST, index while log-ins run")
        for _ in range(args.runs):
            self.loaded("pages")
            self.record(self.load.wrk("tierblog edit page", args.app_port, edit_path, args.connections, args.duration,
                                      cookie))
            self.loaded("log-ins")
            self.record(self.load.wrk("tierblog log-in POST", args.app_port, "/auth/login", args.login_connections,
                                      args.duration, login=True))
            index = self.load.start_wrk("tierblog index during log-ins", args.app_port, "/", args.connections,
                                        args.duration)
            logins = self.load.start_wrk("tierblog log-ins beside index", args.app_port, "/auth/login",
                                         args.login_connections, args.duration, login=True)
            self.record(self.load.finish_wrk(index))
            self.record(self.load.finish_wrk(logins))
            self.loaded(None)

        # 5. Growth: the same pages at 1k, 100k, 1M posts.
        self.scaling(paths)
        self.finish()

    def finish(self):
        self.facts["rss_max_mib"] = {phase: round(kib / 1024, 1) for phase, kib in self.rss.max_kib.items()}
        self.facts["rss_peak_vmhwm_mib"] = round(proc_status(self.app.pid).get("VmHWM", 0) / 1024, 1)
        self.facts["load_average_at_end"] = os.getloadavg()
        self.profile_dump("end", None)

    def start_peer(self):
        peer_dir = peers_dir(self.args) / "flaskr_pg"
        env = dict(os.environ, DATABASE_URL=self.db.url(PEER_DB), PORT=str(self.args.peer_port),
                   WORKERS=str(self.args.peer_workers), INIT_DB="0", PYTHON=self.args.peer_python)
        log(f"starting the flaskr peer: {peer_dir}/run.sh (gunicorn, {self.args.peer_workers} sync workers)")
        self.peer = Service("flaskr peer", [str(peer_dir / "run.sh")], env, self.results / "peer.log")
        self.services.append(self.peer)
        wait_for_200(self.peer, self.args.peer_port)
        self.expect_page(self.args.peer_port, "/", "flaskr peer index", posts=POSTS_ON_INDEX)

    def scaling(self, paths):
        args = self.args
        previous = POSTS_ON_INDEX
        self.facts["explain"] = {}
        self.facts["deep_rank"] = {}
        for size in args.sizes:
            if size <= previous:
                raise HarnessError("--sizes must grow and start above 20")
            self.seed_posts(previous + 1, size)
            previous = size
            deep_rank = deep_rank_for(size)
            deep_path = "/?after=" + self.cursor(deep_rank)
            self.facts["deep_rank"][str(size)] = deep_rank
            plan = self.explain(size, deep_rank)
            self.facts["explain"][str(size)] = plan
            log(f"  EXPLAIN at {size} posts: {'index scans' if plan['index_scans_only'] else 'NOT index scans only'}, "
                f"execution {', '.join(f'{t:.2f}' for t in plan['execution_ms'])} ms")
            self.expect_page(args.app_port, "/", f"index at {size}", posts=POSTS_ON_INDEX)
            self.expect_page(args.app_port, deep_path, f"deep page at {size}", posts=POSTS_ON_INDEX,
                             contains="Older posts")
            label = human(size)
            self.loaded("pages")
            for name, path in (("rewarm index", "/"), ("rewarm deep", deep_path)):
                self.load.wrk(name, args.app_port, path, args.connections, args.rewarm)
            log(f"index page 1 and the page after post {deep_rank} at {label} posts")
            for _ in range(args.runs):
                self.record(self.load.wrk(f"page 1 @ {label}", args.app_port, "/", args.connections, args.duration))
                self.record(self.load.wrk(f"deep page @ {label}", args.app_port, deep_path, args.connections,
                                          args.duration))
            self.loaded(None)
            if not args.no_pgbench:
                created, post_id = self.cursor_parts(deep_rank)
                self.record(self.load.pgbench(f"pgbench page 1 @ {label}", self.db.url(APP_DB),
                                              BENCH / "pgbench" / "first-page.sql", args.connections, args.duration))
                self.record(self.load.pgbench(f"pgbench deep @ {label}", self.db.url(APP_DB),
                                              BENCH / "pgbench" / "page-after.sql", args.connections, args.duration,
                                              {"created": created, "id": post_id}))

    # ---- profiling (--profile)

    def profile_flags(self):
        if not self.args.profile:
            return ()
        return ("-XX:StartFlightRecording=name=bench,settings=profile,disk=true,maxsize=512m",)

    def profile_dump(self, label, since_epoch):
        if not self.args.profile or self.app is None:
            return
        target = self.results / f"profile-{label}.jfr"
        command = ["jcmd", str(self.app.pid), "JFR.dump", "name=bench", f"filename={target}"]
        if since_epoch is not None:
            command.append("begin=" + datetime.datetime.fromtimestamp(since_epoch).strftime("%H:%M:%S"))
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        log(f"JFR recording: {target}" if result.returncode == 0 else f"JFR.dump failed: {result.stdout}")

    # ---- the report

    def report(self):
        args = self.args
        m = self.measurements
        lines = []
        add = lines.append

        def med(name, attribute):
            values = [getattr(x, attribute) for x in m.get(name, [])]
            return statistics.median(values) if values else None

        def spread(name):
            values = [x.rps for x in m.get(name, [])]
            if len(values) < 2:
                return ""
            return f"{min(values):.0f}-{max(values):.0f}"

        machine = self.facts["machine"]
        add(f"Tierblog benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}")
        add(f"machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB; "
            f"{machine['java']}; PostgreSQL {machine['postgresql']}; {machine['wrk']}")
        add(f"JVM flags: {' '.join(self.facts['jvm_flags'])}; warm-up {args.warmup} s; "
            f"{args.runs} runs of {args.duration} s; {args.connections} connections "
            f"({args.login_connections} for log-ins); load average at start "
            f"{' '.join(f'{x:.2f}' for x in machine['load_average_at_start'])}, at end "
            f"{' '.join(f'{x:.2f}' for x in self.facts.get('load_average_at_end', (0, 0, 0)))}")
        add("")
        header = f"{'scenario':<30} {'req/s':>9} {'range':>13} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
        add(header)
        add("-" * len(header))
        for name in m:
            add(f"{name:<30} {med(name, 'rps'):>9.0f} {spread(name):>13} {med(name, 'p50_ms'):>8.2f} "
                f"{med(name, 'p99_ms'):>8.2f} {sum(x.errors for x in m[name]):>7}")
        add("")
        add(f"start-up to first 200 (median of {len(self.startups_ms)}): {statistics.median(self.startups_ms):.0f} ms "
            f"[{', '.join(f'{x:.0f}' for x in self.startups_ms)}]"
            + (f"; without the class archive {self.facts['startup_without_archive_ms']} ms"
               if "startup_without_archive_ms" in self.facts else "")
            + f"; first start {self.facts.get('first_startup_ms', 0)} ms")
        rss = self.facts.get("rss_max_mib", {})
        add("Tierblog RSS, largest sample: " + ", ".join(f"{value:.0f} MiB under {phase}" for phase, value in rss.items())
            + f"; peak (VmHWM) {self.facts.get('rss_peak_vmhwm_mib', 0):.0f} MiB")
        add("")
        add("ratios (median over rounds of the ratio measured in the same round) and targets:")
        verdicts = {}

        def per_round_ratio(numerator, denominator):
            a, b = m.get(numerator, []), m.get(denominator, [])
            pairs = [x.rps / y.rps for x, y in zip(a, b) if y.rps > 0]
            return statistics.median(pairs) if pairs else None

        peer_ratio = per_round_ratio("tierblog index", "flaskr index")
        if peer_ratio is not None:
            verdicts["peer"] = peer_ratio >= TARGET_PEER_RATIO
            add(f"  Tierblog / flaskr peer, index req/s:   {peer_ratio:7.1f}x   target >= {TARGET_PEER_RATIO:.0f}x "
                f"{'met' if verdicts['peer'] else 'MISSED'}")
        pg_ratio = per_round_ratio("tierblog index", "pgbench index query")
        if pg_ratio is not None:
            add(f"  Tierblog / pgbench, index:             {pg_ratio * 100:7.1f}%   stretch >= "
                f"{STRETCH_PGBENCH_SHARE * 100:.0f}% {'met' if pg_ratio >= STRETCH_PGBENCH_SHARE else 'missed'}")
        def cpu(name, key):
            values = [x.detail.get(key) for x in m.get(name, []) if x.detail.get(key) is not None]
            return statistics.median(values) if values else None

        programs = (("tierblog index", "Tierblog (JVM)"), ("flaskr index", "flaskr peer (gunicorn)"),
                    ("pgbench index query", "pgbench (client)"))
        totals = {}
        for name, label in programs:
            own, pg = cpu(name, "cpu_program_s_per_1000"), cpu(name, "cpu_postgres_s_per_1000")
            if own is None:
                continue
            totals[name] = own + (pg or 0)
            add(f"  CPU s per 1,000 index requests, {label + ':':<24} {own:7.3f} + PostgreSQL "
                + (f"{pg:.3f} = {own + pg:.3f}" if pg is not None else "not measured (external server)"))
        if "tierblog index" in totals and "flaskr index" in totals:
            add(f"  flaskr peer / Tierblog, CPU per request:  {totals['flaskr index'] / totals['tierblog index']:7.1f}x"
                f"   (the peer ratio stated by CPU; target >= {TARGET_PEER_RATIO:.0f}x)")
        if "tierblog index" in totals and "pgbench index query" in totals:
            add(f"  pgbench / Tierblog, CPU per request:      "
                f"{totals['pgbench index query'] / totals['tierblog index'] * 100:7.1f}%   (the pgbench share stated by CPU)")
        busy = [f"{x.name} #{i + 1}" for name in m for i, x in enumerate(m[name]) if x.detail.get("busy")]
        at_start = self.facts["machine"]["load_average_at_start"]
        if busy:
            add(f"  BUSY HOST: {len(busy)} measured runs shared the machine (load average at the start "
                f"{at_start[0]:.2f}, above {QUIET_LOAD}, or other processes above 10% of a core during the run): "
                f"these figures are not a result")
        elif totals:
            add(f"  quiet host: load average {at_start[0]:.2f} at the start; other processes under 10% of a core "
                f"in every metered run")
        p99 = med("tierblog index", "p99_ms")
        if p99 is not None:
            verdicts["p99"] = p99 <= TARGET_P99_MS
            add(f"  index p99 at {args.connections} connections:          {p99:7.2f} ms  target <= {TARGET_P99_MS:.0f} ms "
                f"{'met' if verdicts['p99'] else 'MISSED'}")
        during = med("tierblog index during log-ins", "p99_ms")
        if during is not None:
            add(f"  index p99 while log-ins run:           {during:7.2f} ms  (req/s "
                f"{med('tierblog index during log-ins', 'rps'):.0f}, log-ins/s "
                f"{med('tierblog log-ins beside index', 'rps'):.1f})")
        if args.sizes:
            base = human(args.sizes[0])
            for size in args.sizes[1:]:
                label = human(size)
                for page in ("page 1", "deep page"):
                    a, b = med(f"{page} @ {label}", "p50_ms"), med(f"{page} @ {base}", "p50_ms")
                    if a is not None and b:
                        ok = a / b <= TARGET_SCALING
                        verdicts[f"{page}@{label}"] = ok
                        add(f"  {page} p50 at {label} / at {base}:{' ' * (18 - len(page) - len(label))}"
                            f"{a / b:7.2f}x   target <= {TARGET_SCALING}x {'met' if ok else 'MISSED'}")
            for size, plan in self.facts.get("explain", {}).items():
                add(f"  EXPLAIN at {human(int(size))} posts: "
                    f"{'index scans, no sort' if plan['index_scans_only'] else 'NOT only index scans'} "
                    f"({plan['file']})")
        for phase, value in self.facts.get("rss_max_mib", {}).items():
            add(f"  RSS under {phase}: {value:.0f} MiB   target <= {TARGET_RSS_MB} MiB "
                f"{'met' if value <= TARGET_RSS_MB else 'MISSED'}")
        startup = statistics.median(self.startups_ms)
        add(f"  start-up to first 200: {startup:.0f} ms   target <= {TARGET_STARTUP_MS} ms "
            f"{'met' if startup <= TARGET_STARTUP_MS else 'MISSED'}")
        if self.load.error_notes:
            add("")
            add("ERRORS:")
            lines.extend("  " + note for note in self.load.error_notes)
        text = "\n".join(lines)
        print("\n" + text, flush=True)
        (self.results / "summary.txt").write_text(text + "\n")
        (self.results / "results.json").write_text(json.dumps({
            "facts": self.facts, "startups_ms": self.startups_ms,
            "measurements": {name: [x.as_dict() for x in values] for name, values in m.items()},
            "errors": self.load.error_notes}, indent=2, default=str))
        log(f"summary: {self.results / 'summary.txt'}; raw figures: {self.results / 'results.json'}")

    def close(self):
        self.rss.stop()
        for service in list(self.services):
            service.stop()
        if self.db is not None:
            self.db.stop()


def deep_rank_for(size):
    """The post after which the deep page starts: near the end of the table, and always the same
    number modulo 1,000. A post's title, body and author depend only on its number modulo 1,000
    (sql/generator.sql), so the deep page shows the same text at every size and its cost can be
    compared across sizes; page 1 always shows posts 1-20."""
    if size >= 1000:
        return size - size % 1000 - 100
    return int(size * 0.9)


def strip_comments(sql):
    return "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))


def human(size):
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    if size >= 1000 and size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


class FormClient:
    """Submits a form as a browser would: GET the page, keep its cookies and hidden fields, POST."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def _remember(self, headers):
        for name, value in headers:
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie_value = pair.partition("=")
                if cookie_value:
                    self.cookies[key.strip()] = cookie_value
                else:
                    self.cookies.pop(key.strip(), None)

    def _cookie_header(self):
        return "; ".join(f"{key}={value}" for key, value in self.cookies.items())

    def submit(self, path, fields):
        headers = {"Cookie": self._cookie_header()} if self.cookies else {}
        status, response_headers, body = http_request(self.port, "GET", path, headers)
        if status != 200:
            raise HarnessError(f"GET {path} answered {status}")
        self._remember(response_headers)
        form = dict(hidden_inputs(body))
        form.update(fields)
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if self.cookies:
            headers["Cookie"] = self._cookie_header()
        status, response_headers, _ = http_request(self.port, "POST", path, headers, urllib.parse.urlencode(form))
        self._remember(response_headers)
        return status, response_headers


def hidden_inputs(html):
    import html as html_module
    found = []
    for tag in re.findall(r"<input\b[^>]*>", html, re.IGNORECASE):
        attributes = dict((key.lower(), html_module.unescape(value1 or value2))
                          for key, value1, value2 in re.findall(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')', tag))
        if attributes.get("type", "").lower() == "hidden" and "name" in attributes:
            found.append((attributes["name"], attributes.get("value", "")))
    return found


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="bench/run.sh", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true",
                        help="check the harness quickly: 10 s warm-up, 1 run of 5 s, sizes 1000 and 10000")
    parser.add_argument("--warmup", type=int, default=120, help="seconds of mixed load before measuring (120)")
    parser.add_argument("--duration", type=int, default=20, help="seconds per measured run (20)")
    parser.add_argument("--runs", type=int, default=3, help="measured runs per scenario; medians are reported (3)")
    parser.add_argument("--rewarm", type=int, default=10, help="seconds of load after each growth step (10)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections and pgbench clients (16)")
    parser.add_argument("--login-connections", type=int, default=2, help="connections posting log-ins (2)")
    parser.add_argument("--sizes", default="1000,100000,1000000",
                        help="post counts the index is measured at, growing (1000,100000,1000000)")
    parser.add_argument("--startups", type=int, default=3, help="start-ups timed on the seeded database (3)")
    parser.add_argument("--only", choices=["index"],
                        help="index: stop after the side-by-side index rounds (for quick comparisons)")
    parser.add_argument("--no-peer", action="store_true", help="leave out the flaskr peer")
    parser.add_argument("--no-pgbench", action="store_true", help="leave out pgbench")
    parser.add_argument("--no-cds", action="store_true",
                        help="start without the class-data sharing archive the first run records")
    parser.add_argument("--profile", action="store_true",
                        help="record with JFR from launch; dump the index rounds and the whole run")
    parser.add_argument("--java-opt", action="append", default=[],
                        help="an extra JVM option for experiments (repeatable); reported with the results")
    parser.add_argument("--jar", default=str(REPO / "app" / "target" / "tierblog.jar"))
    parser.add_argument("--build", action="store_true", help="rebuild the jar even if it exists")
    parser.add_argument("--install", action="store_true", help="apt-get install missing tools")
    parser.add_argument("--app-port", type=int, default=18080)
    parser.add_argument("--peer-port", type=int, default=18081)
    parser.add_argument("--peer-workers", type=int, default=2, help="gunicorn sync workers for the peer (2)")
    parser.add_argument("--peer-python", default="/usr/bin/python3")
    parser.add_argument("--pg-port", type=int, default=55432)
    parser.add_argument("--pg-datadir", default="/tmp/tierblog-bench/pg")
    parser.add_argument("--keep-db", action="store_true", help="leave pg_local.sh's server running")
    parser.add_argument("--results", help="directory for the results (bench/results/<time>)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.warmup, args.duration, args.runs, args.rewarm, args.startups = 10, 5, 1, 2, 1
        if args.sizes == parser.get_default("sizes"):
            args.sizes = "1000,10000"
    args.sizes = [int(size) for size in args.sizes.split(",") if size.strip()] if args.sizes else []
    if args.startups < 1 or args.runs < 1 or args.duration < 1:
        parser.error("--startups, --runs and --duration must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    try:
        check_tools(args)
    except MissingTools as missing:
        print(f"bench: {missing}", file=sys.stderr)
        return 2
    bench = Bench(args)

    def interrupted(signum, frame):
        raise KeyboardInterrupt()

    signal.signal(signal.SIGTERM, interrupted)
    status = 0
    try:
        bench.run()
    except HarnessError as error:
        print(f"bench: ERROR: {error}", file=sys.stderr)
        status = 1
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        status = 130
    finally:
        bench.close()
    if bench.measurements and bench.facts.get("machine"):
        bench.report()
    if status == 0 and bench.load.error_notes:
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
