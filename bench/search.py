#!/usr/bin/env python3
"""Search at 1k, 100k and 1M posts: three queries through the app and as SQL, with EXPLAIN.

One PostgreSQL server (Debian's, through ../shared/peers/pg_local.sh), the shipped jar with the
recommended JVM settings, posts from the benchmark's generator (sql/generator.sql) with words added
so that each query has a known number of matches at every size (sql/seed-search-posts.sql):

  rare     quokka               10 posts at every size
  5%       zephyr               5% of the posts (50,000 of 1M)
  phrase   "northern lights"    1% of the posts; each word alone in another 1%

At each size, for each query:
  - EXPLAIN (ANALYZE, BUFFERS) of the adapter's own statement (read from PostgresPostSearch.java),
    with a custom and with a generic plan, kept in explain-<size>-<query>.txt;
  - through the app, GET /search?q=...: one connection for the latency a visitor sees (p50, p99),
    then 8 connections for requests/s and the CPU seconds the app and PostgreSQL's backends use
    per request (from /proc);
  - as SQL, the same statement through pgbench -M prepared with one client: p50 and p99.
Rounds interleave the queries. The answers are checked first (/api/search's total for each query).

    bench/search.py [--sizes 1000,100000,1000000] [--runs 3] [--duration 10] [--warmup 30]

Results go to bench/results/search-<time>/ (summary.txt, results.json, EXPLAIN plans, logs).
Targets at 1M posts: p50 through the app <= 10 ms for the rare term, <= 50 ms for the 5% term.
The load average is read before anything starts (once the benchmark runs, it counts its own
threads): above 1.5 there, every figure is marked busy, and so is any run during which other
processes used more than 10% of a core. Busy figures are not a result.
"""
import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchlib import (BENCH, JVM, PEERS, REPO, SECRET, CpuMeter, log, machine_state, missing_tools, psql, run,
                      wait_for_200, write_report, wrk)
from benchlib import quiet_start as started_quiet

DATABASE = "tierblog"
ADAPTER = REPO / "persistence-postgres" / "src" / "main" / "java" / "io" / "tierblog" / "persistence" / \
    "PostgresPostSearch.java"
CANDIDATES = 1000  # SearchRequest's candidate bound, as the app uses it
PAGE_SIZE = 10
TARGETS_AT_1M = {"rare": 10.0, "5%": 50.0}
QUERIES = {
    "rare": "quokka",
    "5%": "zephyr",
    "phrase": '"northern lights"',
}


def matches(name, size):
    """How many posts hold the query at a size (sql/seed-search-posts.sql, sql/rare-term.sql)."""
    return {"rare": 10, "5%": size // 20, "phrase": size // 100}[name]


ORDER = ["config", "query", "window", "language", "limit_plus_one", "limit", "limit", "size", "offset", "config"]
TYPES = {"config": "text", "query": "text", "window": "bigint", "language": "text", "limit_plus_one": "int",
         "limit": "int", "size": "int", "offset": "int"}


def adapter_constant(name):
    return int(re.search(rf"static final int {name} = (\d+);", ADAPTER.read_text()).group(1))


def search_sql():
    """The adapter's statement, its parameters named in the adapter's order (ORDER)."""
    source = ADAPTER.read_text()
    sql = re.search(r'SEARCH_SQL = """\n(.*?)"""', source, re.S).group(1).replace("%1$d", str(adapter_constant("BUCKET")))
    names = iter(ORDER)
    return re.sub(r"\?", lambda _: ":" + next(names), sql).strip()


def parameters(query, window):
    return {"config": "english", "query": query, "window": window, "language": "en",
            "limit_plus_one": CANDIDATES + 1, "limit": CANDIDATES, "size": PAGE_SIZE, "offset": 0}


def literal(value):
    return str(value) if isinstance(value, int) else "'" + str(value).replace("'", "''") + "'"


def with_values(sql, values):
    return re.sub(r"(?<!:):(" + "|".join(sorted(TYPES, key=len, reverse=True)) + r")\b",
                  lambda m: literal(values[m.group(1)]), sql)


def next_window(window, matched):
    """PostgresPostSearch.nextWindow, for the same sequence of statements."""
    if matched == 0:
        return 2 ** 63 - 1
    growth = min(adapter_constant("MAX_GROWTH"), max(adapter_constant("MIN_GROWTH"),
                                                     -(-(CANDIDATES + 1) * 5 // (4 * matched))))
    return min(window * growth, 2 ** 63 - 1)


def windows(port, sql, query):
    """The windows the adapter tries for a query, in order (PostgresPostSearch.search): it widens
    the first one until the window holds more than the limit's matches or every post."""
    window, tried = adapter_constant("FIRST_WINDOW") * CANDIDATES, []
    while True:
        tried.append(window)
        row = psql(port, DATABASE, "SELECT floor, matched FROM (" + with_values(sql, parameters(query, window))
                   + ") AS page LIMIT 1")
        floor, matched = (int(v) for v in row.split("|"))
        if floor == 0 or matched > CANDIDATES:
            return tried
        window = next_window(window, matched)


def explain(port, sql, query, tried, out):
    """EXPLAIN ANALYZE of each statement a search runs, with custom and generic plans; the sums of
    their execution times in ms."""
    prepared = sql
    for position, name in enumerate(ORDER[:-1], start=1):
        prepared = prepared.replace(":" + name, f"${position}")
    types = ", ".join(TYPES[name] for name in ORDER[:-1])
    # As the app's connections run (application.yml: -c jit=off).
    script = ["SET jit = off;", f"PREPARE search({types}) AS {prepared};"]
    for mode in ("force_custom_plan", "force_generic_plan"):
        script.append(f"SET plan_cache_mode = {mode};")
        for window in tried:
            values = parameters(query, window)
            arguments = ", ".join(literal(values[name]) for name in ORDER[:-1])
            # Twice: the first run may read pages from disk into the cache; the second is recorded.
            script += [f"EXPLAIN (ANALYZE, BUFFERS) EXECUTE search({arguments});"] * 2
    result = run(["psql", "-X", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", DATABASE,
                  "-v", "ON_ERROR_STOP=1"], input="\n".join(script) + "\n")
    out.write_text(f"windows tried: {tried}\n\n" + result.stdout)
    times = [float(t) for t in re.findall(r"Execution Time: ([0-9.]+) ms", result.stdout)]
    n = len(tried)
    custom, generic = times[:2 * n], times[2 * n:]
    return {"windows": tried, "custom_ms": sum(custom[1::2]), "generic_ms": sum(generic[1::2]), "file": out.name}


def pgbench_script(sql, tried, path):
    """The statements one search runs, one per window tried, for pgbench."""
    statements = []
    for index, _ in enumerate(tried):
        statements.append(sql.replace(":window", f":window{index}") + ";")
    path.write_text("\n".join(statements) + "\n")
    return path


def pgbench(port, script, query, tried, duration, directory):
    directory.mkdir(parents=True, exist_ok=True)
    values = dict(parameters(query, 0), **{f"window{i}": w for i, w in enumerate(tried)})
    values.pop("window")
    defines = [arg for name, value in values.items() for arg in ("-D", f"{name}={value}")]
    command = ["pgbench", "-n", "-M", "prepared", "-c", "1", "-j", "1", "-T", str(duration), "-l",
               "-f", str(script), *defines, "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", DATABASE]
    result = subprocess.run(command, text=True, capture_output=True, cwd=directory, timeout=duration + 120,
                            env=dict(os.environ, PGOPTIONS="-c jit=off"))
    (directory / "pgbench.txt").write_text(result.stdout + result.stderr)
    if result.returncode != 0:
        raise SystemExit(f"pgbench failed; see {directory / 'pgbench.txt'}")
    latencies = sorted(int(line.split()[2]) / 1000 for file in directory.glob("pgbench_log.*")
                       for line in file.read_text().splitlines())
    for file in directory.glob("pgbench_log.*"):
        file.unlink()
    return {"transactions": len(latencies), "p50_ms": percentile(latencies, 50), "p99_ms": percentile(latencies, 99)}


def percentile(values, p):
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[index]


def api_total(port, query):
    path = "/api/search?" + urllib.parse.urlencode({"q": query, "language": "en"})
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
        body = json.load(answer)
    return body["total"], body["capped"], len(body["search_results"])


def page_path(query):
    return "/search?" + urllib.parse.urlencode({"q": query, "language": "en"})


def human(size):
    return f"{size // 1_000_000}M" if size % 1_000_000 == 0 else f"{size // 1000}k" if size % 1000 == 0 else str(size)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,100000,1000000", help="post counts, growing (1000,100000,1000000)")
    parser.add_argument("--runs", type=int, default=3, help="rounds at each size; medians are reported (3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured run (10)")
    parser.add_argument("--warmup", type=int, default=30,
                        help="seconds of search load per query after each growth step (30; twice that at first)")
    parser.add_argument("--connections", type=int, default=8, help="connections of the throughput runs (8)")
    parser.add_argument("--pg-port", type=int, default=25434)
    parser.add_argument("--app-port", type=int, default=18094)
    parser.add_argument("--management-port", type=int, default=18095)
    parser.add_argument("--jar", default=str(REPO / "app" / "target" / "tierblog.jar"))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if sizes != sorted(set(sizes)) or sizes[0] < 100:
        parser.error("--sizes must grow and start at 100 or more")
    missing = missing_tools(("wrk", "psql", "pgbench"), "wrk, postgresql-client, postgresql-contrib", args.jar)
    if missing:
        return missing

    at_start, quiet_start = started_quiet()
    log(f"load average before starting: {' '.join(at_start['loadavg'])}"
        + ("" if quiet_start else " (BUSY: above 1.5, figures will be marked busy)"))
    results = BENCH / "results" / time.strftime("search-%Y%m%d-%H%M%S")
    results.mkdir(parents=True)
    work = Path("/tmp/tierblog-bench-search")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    os.chmod(work, 0o755)
    datadir = work / "pg"
    env_pg = dict(os.environ, PG_DB=DATABASE)
    log(f"starting PostgreSQL on 127.0.0.1:{args.pg_port}")
    run([str(PEERS / "pg_local.sh"), "start", str(datadir), str(args.pg_port)], env=env_pg)
    app = None
    try:
        url = f"postgresql://postgres@127.0.0.1:{args.pg_port}/{DATABASE}"
        java = shutil.which("java")
        run([java, "-jar", args.jar, "migrate"], env=dict(os.environ, DATABASE_URL=url))
        for file in ("generator.sql", "seed-users.sql"):
            run(["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres", "-d", DATABASE,
                 "-v", "ON_ERROR_STOP=1", "-f", str(BENCH / "sql" / file)])
        psql(args.pg_port, DATABASE, "INSERT INTO users (username, password) VALUES ('bench', '!')")
        postmaster = int((datadir / "postmaster.pid").read_text().split()[0])
        facts = {"postgresql": psql(args.pg_port, DATABASE, "SHOW server_version"),
                 "shared_buffers": psql(args.pg_port, DATABASE, "SHOW shared_buffers"),
                 "jvm": JVM, "at_start": at_start, "sizes": {}}
        env = dict(os.environ, DATABASE_URL=url, PORT=str(args.app_port),
                   TIERBLOG_MANAGEMENT_PORT=str(args.management_port), SECRET_KEY=SECRET,
                   TIERBLOG_DATA_DIR=str(work / "var"), MALLOC_ARENA_MAX="2",
                   # no second JVM: the CPU meter reads this process
                   TIERBLOG_CLASS_ARCHIVE="off")
        env.pop("MICRONAUT_ENVIRONMENTS", None)
        with open(results / "app.log", "w") as out:
            app = subprocess.Popen([java, *JVM, "-jar", args.jar], env=env, stdout=out, stderr=subprocess.STDOUT)
        wait_for_200(args.app_port)
        sql = search_sql()
        (results / "search.sql").write_text(sql + ";\n")

        measured = []
        previous = 0
        for size_index, size in enumerate(sizes):
            label = human(size)
            log(f"seeding posts {previous + 1}..{size}")
            started = time.time()
            run(["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres", "-d", DATABASE,
                 "-v", "ON_ERROR_STOP=1", "-v", f"first={previous + 1}", "-v", f"last={size}",
                 "-f", str(BENCH / "sql" / "seed-search-posts.sql")], timeout=7200)
            run(["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres", "-d", DATABASE,
                 "-v", "ON_ERROR_STOP=1", "-v", f"size={size}", "-f", str(BENCH / "sql" / "rare-term.sql")])
            psql(args.pg_port, DATABASE, "VACUUM ANALYZE posts")
            psql(args.pg_port, DATABASE, "VACUUM ANALYZE search_words")
            seeded = time.time() - started
            previous = size
            info = {"seeding_s": round(seeded, 1),
                    "posts_bytes": int(psql(args.pg_port, DATABASE, "SELECT pg_total_relation_size('posts')")),
                    "search_index_bytes": int(psql(args.pg_port, DATABASE,
                                                   "SELECT pg_relation_size('posts_search_idx')")),
                    "explain": {}}
            facts["sizes"][label] = info
            log(f"  {size} posts in {seeded:.0f} s; posts {info['posts_bytes'] / 2**20:.0f} MiB, "
                f"GIN index {info['search_index_bytes'] / 2**20:.0f} MiB")
            for name, query in QUERIES.items():
                total, capped, shown = api_total(args.app_port, query)
                held = matches(name, size)
                want = min(held, CANDIDATES)
                if total != want or shown != min(want, PAGE_SIZE) or capped != (held > CANDIDATES):
                    raise SystemExit(f"{name} ({query}) at {size}: total {total}, capped {capped}, shown {shown}; "
                                     f"{held} posts hold it")
                tried = windows(args.pg_port, sql, query)
                info["explain"][name] = explain(args.pg_port, sql, query, tried,
                                                results / f"explain-{label}-{name}.txt")
                info.setdefault("scripts", {})[name] = str(pgbench_script(
                    sql, tried, results / f"pgbench-{label}-{name}.sql"))
                log(f"  {name:6s} {query!r}: {total}{'+' if capped else ''} results; {len(tried)} statement(s), "
                    f"windows {tried}; EXPLAIN ANALYZE custom {info['explain'][name]['custom_ms']:.2f} ms, "
                    f"generic {info['explain'][name]['generic_ms']:.2f} ms")
            warm = args.warmup * (2 if size_index == 0 else 1)
            log(f"  warming up: {warm} s of each query")
            for name, query in QUERIES.items():
                wrk(args.app_port, 4, warm, results / f"warm-{label}-{name}.txt", page_path(query))
            for round_number in range(args.runs):
                for name, query in QUERIES.items():
                    before = machine_state()
                    latency = wrk(args.app_port, 1, args.duration, results / f"wrk-{label}-{name}-{round_number}-c1.txt",
                                  page_path(query), threads=1)
                    with CpuMeter(app.pid, postmaster) as cpu:
                        load = wrk(args.app_port, args.connections, args.duration,
                                   results / f"wrk-{label}-{name}-{round_number}-c{args.connections}.txt",
                                   page_path(query))
                    database = pgbench(args.pg_port, Path(info["scripts"][name]), query, info["explain"][name]["windows"],
                                       args.duration, results / f"pgbench-{label}-{name}-{round_number}")
                    after = machine_state()
                    requests = load["requests"]
                    entry = {
                        "size": label, "query": name, "round": round_number,
                        "app_p50_ms": latency["p50_us"] / 1000, "app_p99_ms": latency["p99_us"] / 1000,
                        "app_rps": requests / (load["duration_us"] / 1e6),
                        "app_cpu_ms_per_request": cpu.app / requests * 1000,
                        "pg_cpu_ms_per_request": cpu.pg / requests * 1000,
                        "sql_p50_ms": database["p50_ms"], "sql_p99_ms": database["p99_ms"],
                        "errors": latency["errors"] + load["errors"],
                        "other_processes_cpu_share": cpu.others_share,
                        "busy": not quiet_start or cpu.others_share > 0.10,
                        "before": before, "after": after,
                    }
                    measured.append(entry)
                    log(f"  {label} {name:6s} round {round_number + 1}: app p50 {entry['app_p50_ms']:.2f} ms "
                        f"p99 {entry['app_p99_ms']:.2f} ms; {entry['app_rps']:.0f} req/s at {args.connections} "
                        f"connections, CPU per request app {entry['app_cpu_ms_per_request']:.2f} ms, PostgreSQL "
                        f"{entry['pg_cpu_ms_per_request']:.2f} ms; SQL p50 {entry['sql_p50_ms']:.2f} ms; "
                        f"errors {entry['errors']}; others {cpu.others_share * 100:.1f}% of a core"
                        + (" (busy)" if entry["busy"] else ""))

        def median(size, name, key):
            return statistics.median(e[key] for e in measured if e["size"] == size and e["query"] == name)

        lines = [f"search through the app (GET /search) and as SQL; {args.runs} rounds of {args.duration} s; "
                 f"p50/p99 at 1 connection, req/s and CPU per request at {args.connections}; medians",
                 f"PostgreSQL {facts['postgresql']}, shared_buffers {facts['shared_buffers']}; load average before "
                 f"the start {' '.join(at_start['loadavg'])}"
                 + (f"; {at_start['cpu_pressure']}" if "cpu_pressure" in at_start else ""),
                 "",
                 f"{'size':>5} {'query':7} {'app p50':>8} {'app p99':>8} {'req/s':>7} {'app CPU':>8} {'PG CPU':>7} "
                 f"{'SQL p50':>8} {'EXPLAIN custom/generic':>23}",
                 f"{'':>5} {'':7} {'ms':>8} {'ms':>8} {'':>7} {'ms/req':>8} {'ms/req':>7} {'ms':>8} {'ms':>23}"]
        for size in sizes:
            label = human(size)
            for name in QUERIES:
                plan = facts["sizes"][label]["explain"][name]
                lines.append(f"{label:>5} {name:7} {median(label, name, 'app_p50_ms'):8.2f} "
                             f"{median(label, name, 'app_p99_ms'):8.2f} {median(label, name, 'app_rps'):7.0f} "
                             f"{median(label, name, 'app_cpu_ms_per_request'):8.2f} "
                             f"{median(label, name, 'pg_cpu_ms_per_request'):7.2f} "
                             f"{median(label, name, 'sql_p50_ms'):8.2f} "
                             f"{plan['custom_ms']:>11.2f}/{plan['generic_ms']:<11.2f}")
        if human(sizes[-1]) == "1M":
            lines.append("")
            for name, target in TARGETS_AT_1M.items():
                value = median("1M", name, "app_p50_ms")
                lines.append(f"target at 1M posts, {name} term: p50 through the app {value:.2f} ms <= {target:.0f} ms "
                             f"{'met' if value <= target else 'MISSED'}")
        busy = [f"{e['size']} {e['query']} round {e['round'] + 1}" for e in measured if e["busy"]]
        if busy:
            lines.append(f"BUSY HOST ({len(busy)} runs: load average above 1.5 at the start, or other processes above "
                         f"10% of a core during the run): not a result")
        write_report(results, lines, {"facts": facts, "runs": measured})
        log(f"results: {results}")
        return 1 if any(e["errors"] for e in measured) else 0
    finally:
        if app is not None:
            app.send_signal(signal.SIGTERM)
            try:
                app.wait(timeout=60)
            except subprocess.TimeoutExpired:
                app.kill()
        subprocess.run([str(PEERS / "pg_local.sh"), "stop", str(datadir)], env=env_pg, capture_output=True)


def interrupted(signum, frame):
    raise KeyboardInterrupt()


if __name__ == "__main__":
    # SIGTERM, like Ctrl-C, stops the servers this script started before it exits.
    signal.signal(signal.SIGTERM, interrupted)
    sys.exit(main(sys.argv[1:]))
