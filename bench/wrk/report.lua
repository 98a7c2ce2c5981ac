-- Reporting for every wrk scenario of the benchmark: when the run ends, one line the harness
-- parses. wrk counts a response with a status outside 2xx/3xx as a status error; socket errors
-- are connect, read and write failures and time-outs.

function bench_report(summary, latency, extra)
   local errors = summary.errors
   io.write(string.format(
      "BENCH-RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
         .. "status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d%s\n",
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      errors.status, errors.connect, errors.read, errors.write, errors.timeout, extra or ""))
end

function done(summary, latency, requests)
   bench_report(summary, latency)
end
