-- The mixed workload: requests go round the paths in the file WRK_PATHS (one a line), and the
-- X-Varnish-Cache of each answer is counted. Prints one JSON line, like wrk_report.lua.
local counts = {}
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  paths = {}
  for line in io.lines(os.getenv("WRK_PATHS")) do
    if line ~= "" then table.insert(paths, line) end
  end
  counter = 0
  hits, misses, passes = 0, 0, 0
end

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

response = function(status, headers, body)
  local cache = headers["X-Varnish-Cache"]
  if cache == "HIT" then hits = hits + 1 elseif cache == "MISS" then misses = misses + 1 else passes = passes + 1 end
end

done = function(summary, latency, requests)
  local total = {hits = 0, misses = 0, passes = 0}
  for _, thread in ipairs(threads) do
    total.hits = total.hits + thread:get("hits")
    total.misses = total.misses + thread:get("misses")
    total.passes = total.passes + thread:get("passes")
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "non_2xx": %d, "socket_errors": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "hits": %d, "misses": %d, "passes": %d}\n',
    summary.requests, summary.duration, errors.status, errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), total.hits, total.misses, total.passes))
end
