-- wrk script for the intake throughput phase: POST /v1/reports, each request with its own
-- Idempotency-Key (a per-thread random prefix and a counter), spread over grids and categories.
-- Environment: BENCH_TOKEN (a grid worker's bearer token), BENCH_GRIDS and BENCH_CATEGORIES
-- (comma-separated). done() prints one JSON line the benchmark reads.
local token = os.getenv("BENCH_TOKEN") or ""
local function split(text)
  local out = {}
  for item in string.gmatch(text or "", "[^,]+") do out[#out + 1] = item end
  return out
end
local grids = split(os.getenv("BENCH_GRIDS"))
local categories = split(os.getenv("BENCH_CATEGORIES"))
local counter = 0
local prefix = ""

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  prefix = string.format("%08x%08x", math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
end

function request()
  counter = counter + 1
  local grid = grids[(counter % #grids) + 1]
  local category = categories[(counter % #categories) + 1]
  local body = string.format(
    '{"category":"%s","grid":"%s","severity":"minor","description":"楼道堆放杂物严重，影响消防通道通行，请尽快清理 #%s-%d",'
      .. '"place":{"building":"%d号楼","unit":"%d单元","lat":39.91,"lon":116.36},'
      .. '"photos":["https://photos.example/bench/%s-%d.jpg"]}',
    category, grid, prefix, counter, counter % 40 + 1, counter % 6 + 1, prefix, counter)
  return wrk.format("POST", "/v1/reports", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = prefix .. "-" .. counter,
  }, body)
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"non_2xx":%d,"connect_errors":%d,"read_errors":%d,'
      .. '"write_errors":%d,"timeouts":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, latency:percentile(50), latency:percentile(99)))
end
