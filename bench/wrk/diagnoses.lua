-- wrk script for bench/serve-wrk.sh: POSTs the incidents of BODIES (one JSON object per line) to /v1/diagnoses in
-- turn, each thread from its own offset, and counts every answer that is not 200 as an error.
local bodies = {}
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("BODIES")) do
    if #line > 0 then table.insert(bodies, line) end
  end
  next_body = (id * 997) % #bodies + 1
  not_ok = 0
  first_bad = ""
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format(nil, "/v1/diagnoses", nil, body)
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
    if first_bad == "" then first_bad = status .. " " .. string.sub(body, 1, 200) end
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("not_ok")
    local fb = t:get("first_bad")
    if fb ~= nil and fb ~= "" then io.stderr:write("first non-200: " .. fb .. "\n") end
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + bad
  io.write(string.format("RESULT requests=%d seconds=%.3f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non200=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors, bad))
end
