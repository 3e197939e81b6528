-- wrk script of `make bench`: at the end, one line "BENCH_JSON {…}" with throughput and
-- latency percentiles (wrk measures latency in microseconds). With BENCH_BUST=1 every request
-- puts a value of its own for "__n__" in the path, so that whole-page caches always miss.

local bust = os.getenv("BENCH_BUST") == "1"
local salt = os.getenv("BENCH_SALT") or ""  -- new for every run: no URL comes back
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

if bust then
  function request()
    counter = counter + 1
    local path = string.gsub(wrk.path, "__n__", salt .. "-" .. thread_id .. "-" .. counter)
    return wrk.format("GET", path)
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "seconds": %.3f, "bytes": %d, "rps": %.2f, '
      .. '"p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"mean_us": %.1f, "errors": {"connect": %d, "read": %d, "write": %d, '
      .. '"status": %d, "timeout": %d}}\n',
    summary.requests, seconds, summary.bytes, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout
  ))
end
