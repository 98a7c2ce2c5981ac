#!/usr/bin/env python3
"""Where the CPU time goes in a JFR recording: the hottest methods by execution samples.

    bench/jfr-hot.py RECORDING.jfr [--top 30] [--thread SUBSTRING] [--under METHOD_SUBSTRING]
                                   [--callers METHOD_SUBSTRING [--depth 6]] [--alloc]

Prints the methods most often on top of the stack ("self"), the methods most often anywhere on
the stack ("total", each counted once per sample), and the same by package. --thread keeps the
samples of threads whose name contains the text (for example "io-executor" for the blocking
pool); --under keeps the samples whose stack contains a method matching the text; --callers
shows the call paths (--depth frames) that lead to the method matching the text. Needs the JDK's
`jfr` tool. --alloc weighs allocation samples (bytes allocated) instead of execution samples.
"""
import argparse
import collections
import json
import subprocess
import sys


def frames_of(event):
    trace = event.get("values", {}).get("stackTrace") or {}
    for frame in trace.get("frames", []):
        method = frame.get("method", {})
        owner = (method.get("type") or {}).get("name", "?")
        yield f"{owner}.{method.get('name', '?')}"


def package_of(method):
    owner = method.rsplit(".", 1)[0]
    parts = owner.split(".")
    return ".".join(parts[:3]) if len(parts) > 3 else ".".join(parts[:-1]) or owner


def short(method):
    owner, _, name = method.rpartition(".")
    return owner.rsplit("/", 1)[-1] + "." + name


def thread_of(event):
    thread = event.get("values", {}).get("sampledThread") or {}
    return thread.get("javaName") or thread.get("osName") or ""


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--thread")
    parser.add_argument("--under")
    parser.add_argument("--callers")
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--alloc", action="store_true")
    args = parser.parse_args(argv)
    event_type = "jdk.ObjectAllocationSample" if args.alloc else "jdk.ExecutionSample"
    printed = subprocess.run(["jfr", "print", "--json", "--stack-depth", "128", "--events", event_type,
                              args.recording], capture_output=True, text=True)
    if printed.returncode != 0:
        print(printed.stderr, file=sys.stderr)
        return 1
    events = json.loads(printed.stdout)["recording"]["events"]
    self_counts, total_counts, package_self = collections.Counter(), collections.Counter(), collections.Counter()
    threads = collections.Counter()
    paths = collections.Counter()
    kept = 0
    for event in events:
        if args.thread and args.thread not in thread_of(event):
            continue
        frames = list(frames_of(event))
        if not frames or (args.under and not any(args.under in frame for frame in frames)):
            continue
        weight = int(event.get("values", {}).get("weight", 1)) if args.alloc else 1
        if args.alloc:
            allocated = (event["values"].get("objectClass") or {}).get("name", "?")
            frames = [f"new {allocated}"] + frames
        kept += weight
        threads[thread_of(event).rstrip("0123456789-")] += weight
        self_counts[frames[0]] += weight
        package_self[package_of(frames[0])] += weight
        for frame in set(frames):
            total_counts[frame] += weight
        if args.callers:
            for index, frame in enumerate(frames):
                if args.callers in frame:
                    paths[" <- ".join(short(f) for f in frames[index:index + args.depth])] += weight
                    break
    print(f"{kept} {'bytes allocated (sampled weight)' if args.alloc else 'execution samples'} "
          f"in {len(events)} events")

    def show(title, counter):
        print(f"\n{title}")
        for name, count in counter.most_common(args.top):
            print(f"  {100.0 * count / max(kept, 1):5.1f}%  {name}")

    show("threads", threads)
    show("self, by package", package_self)
    show("self, by method", self_counts)
    show("total (on the stack), by method", total_counts)
    if args.callers:
        show(f"paths to {args.callers}", paths)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
