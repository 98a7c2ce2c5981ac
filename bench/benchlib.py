"""What the stand-alone benchmark scripts share: the machine's state, CPU time from /proc, psql,
wrk with the harness's report, and waiting for the app's first 200."""
import json
import os
import resource
import subprocess
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PEERS = REPO.parent / "shared" / "peers"
TICKS = os.sysconf("SC_CLK_TCK")
# The JVM settings docs/operations.md recommends, as bench/run.sh starts the app.
JVM = ["-Xmx256m", "-Xmn64m", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=1000"]
SECRET = "a benchmark secret key that is long enough for HS256"
QUIET_LOAD = 1.5


def missing_tools(tools, packages, jar):
    """Exit status 2 with a message when a tool or the jar is missing, else None."""
    import shutil
    import sys
    for tool in tools:
        if shutil.which(tool) is None:
            print(f"{tool} is missing (Debian packages: {packages})", file=sys.stderr)
            return 2
    if not Path(jar).exists():
        print(f"{jar} is missing: build it with ./mvnw -DskipTests package", file=sys.stderr)
        return 2
    return None


def quiet_start():
    """The machine's state before a benchmark starts anything, and whether it was quiet then."""
    state = machine_state()
    return state, float(state["loadavg"][0]) <= QUIET_LOAD


def log(message):
    print(time.strftime("%H:%M:%S"), message, flush=True)


def run(command, **kwargs):
    return subprocess.run(command, check=True, text=True, capture_output=True, **kwargs)


def machine_state():
    state = {"loadavg": Path("/proc/loadavg").read_text().split()[:3]}
    pressure = Path("/proc/pressure/cpu")
    if pressure.exists():
        state["cpu_pressure"] = pressure.read_text().splitlines()[0]
    return state


def machine_busy_seconds():
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / TICKS


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _stat_fields(pid):
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid):
    """User and system CPU seconds of one process so far (0 once it has gone)."""
    try:
        fields = _stat_fields(pid)
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, IndexError):
        return 0.0


def reaped_children_cpu(pid):
    """CPU seconds of a process's children that have exited and been waited for."""
    try:
        fields = _stat_fields(pid)
        return (int(fields[13]) + int(fields[14])) / TICKS
    except (OSError, IndexError):
        return 0.0


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if Path(entry, "stat").read_text().rsplit(")", 1)[1].split()[1] == str(pid):
                    found.append(int(entry.name))
            except (OSError, IndexError):
                pass
    return found


def server_cpu(postmaster):
    """PostgreSQL's CPU so far, as two parts that difference well over a run: the postmaster and
    its live backends, and the backends that have exited (a client that connects per request
    starts and ends backends during a run)."""
    live = {pid: cpu_seconds(pid) for pid in children(postmaster)}
    return cpu_seconds(postmaster) + reaped_children_cpu(postmaster), live


class CpuMeter:
    """CPU seconds over one run: of the program measured (one process or several), of PostgreSQL
    (postmaster None: not measured), of this script's own tools (wrk, pgbench), and the share of
    a core everything else on the machine used. The postmaster may also be a dict of several
    servers by name (a primary and its standby): pg is then their sum and pg_by_server each one's."""

    def __init__(self, program_pids, postmaster, other_ours=()):
        self.pids = [program_pids] if isinstance(program_pids, int) else list(program_pids)
        # The benchmark's other servers (a peer idle while the app is measured, say): theirs is
        # neither the program's CPU nor another process's.
        self.ours = [pid for pid in other_ours if pid not in self.pids]
        self.postmaster = postmaster
        if isinstance(postmaster, dict):
            self.postmasters = dict(postmaster)
        else:
            self.postmasters = {"postgresql": postmaster} if postmaster else {}

    def _program(self):
        return sum(cpu_seconds(pid) for pid in self.pids)

    def _ours(self):
        return sum(cpu_seconds(pid) for pid in self.ours)

    def __enter__(self):
        self.program0 = self._program()
        self.ours0 = self._ours()
        self.pg0 = {name: server_cpu(pid) for name, pid in self.postmasters.items()}
        self.machine0, self.children0, self.start = machine_busy_seconds(), children_cpu(), time.time()
        return self

    def __exit__(self, *exc):
        self.elapsed = time.time() - self.start
        machine, self.tools = machine_busy_seconds() - self.machine0, children_cpu() - self.children0
        self.app = self._program() - self.program0
        self.idle_ours = self._ours() - self.ours0
        self.pg_by_server = {}
        for name, pid in self.postmasters.items():
            (fixed1, live1), (fixed0, live0) = server_cpu(pid), self.pg0[name]
            # A backend alive at the start and gone at the end is counted whole in the reaped part;
            # subtracting what it had used at the start leaves what it used during the run.
            self.pg_by_server[name] = (fixed1 - fixed0) + sum(live1.values()) - sum(live0.values())
        self.pg = sum(self.pg_by_server.values()) if self.postmasters else 0.0
        self.others_share = max(0.0, machine - self.app - self.pg - self.tools - self.idle_ours) / self.elapsed
        return False


def write_report(directory, lines, data):
    """Prints the summary's lines and keeps them as summary.txt, and data as results.json, in directory."""
    summary = "\n".join(lines)
    print(summary)
    (directory / "summary.txt").write_text(summary + "\n")
    (directory / "results.json").write_text(json.dumps(data, indent=2))
    return summary


def psql(port, database, sql):
    return run(["psql", "-X", "-q", "-t", "-A", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
                "-d", database, "-v", "ON_ERROR_STOP=1", "-c", sql]).stdout.strip()


def wait_for_200(port, timeout=90, path="/"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the app on port {port} did not answer 200 within {timeout} s")


def wrk(port, connections, duration, out, path="/", threads=2, headers=()):
    """wrk's report of one run; headers are extra request headers ("Cookie: …"), none by default."""
    command = ["wrk", "-t", str(min(threads, connections)), "-c", str(connections), "-d", f"{duration}s",
               "--latency", "-s", str(BENCH / "wrk" / "report.lua")]
    for header in headers:
        command += ["-H", header]
    command.append(f"http://127.0.0.1:{port}{path}")
    result = subprocess.run(command, text=True, capture_output=True, timeout=duration + 60)
    out.write_text(result.stdout + result.stderr)
    line = next((l for l in result.stdout.splitlines() if l.startswith("BENCH-RESULT")), None)
    if line is None:
        raise SystemExit(f"wrk printed no result; see {out}")
    values = dict(item.split("=") for item in line.split()[1:])
    result = {key: int(value) for key, value in values.items()}
    result["errors"] = sum(result[k] for k in ("status_errors", "connect_errors", "read_errors", "write_errors",
                                               "timeouts"))
    return result
