-- One wrk script for every scenario of bench/bench.py, configured through environment variables:
--   BENCH_MODE     static (default): the URL as given, optional bearer token; no Lua per request, so wrk stays fast
--                  login: POST {"email","password"} cycling through BENCH_EMAILS (space-separated), BENCH_PASSWORD
--                  refresh: POST {"refreshToken"} from a pool (BENCH_TOKENS, space-separated); every 200 answer puts
--                  the rotated token back, so each token is used exactly once (reuse would revoke its family)
--   BENCH_TOKEN    bearer token for static mode
-- done() prints one line "BENCH_RESULT {json}" that bench.py parses.

local mode = os.getenv("BENCH_MODE") or "static"
local token = os.getenv("BENCH_TOKEN")
local threads = {}

wrk.headers["Content-Type"] = "application/json"
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local function words(text)
  local list = {}
  for word in string.gmatch(text or "", "%S+") do
    list[#list + 1] = word
  end
  return list
end

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("index", #threads)
  if mode == "refresh" then
    -- Deal the pool out so no two threads ever hold the same token.
    local mine = {}
    for i, t in ipairs(words(os.getenv("BENCH_TOKENS"))) do
      if i % 2 == #threads % 2 then mine[#mine + 1] = t end
    end
    thread:set("pool", table.concat(mine, " "))
  end
end

if mode ~= "static" then
  local emails = words(os.getenv("BENCH_EMAILS"))
  local password = os.getenv("BENCH_PASSWORD") or ""
  local queue, next_email

  function init(args)
    statuses, starved = {}, 0
    queue = words(pool)
    next_email = (index or 1) * 7
  end

  function request()
    if mode == "login" then
      next_email = next_email % #emails + 1
      return wrk.format("POST", nil, nil,
        '{"email":"' .. emails[next_email] .. '","password":"' .. password .. '"}')
    end
    local refresh = table.remove(queue)
    if refresh == nil then
      starved = starved + 1
      refresh = "pool-empty"
    end
    return wrk.format("POST", nil, nil, '{"refreshToken":"' .. refresh .. '"}')
  end

  function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    if mode == "refresh" and status == 200 then
      local rotated = string.match(body, '"refreshToken":"([^"]+)"')
      if rotated then queue[#queue + 1] = rotated end
    end
  end
end

function done(summary, latency, requests)
  local totals, starving = {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses") or {}) do
      totals[status] = (totals[status] or 0) + n
    end
    starving = starving + (thread:get("starved") or 0)
  end
  local counts = {}
  for status, n in pairs(totals) do
    counts[#counts + 1] = string.format('"%d":%d', status, n)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"non2xx":%d,"socket_errors":%d,"timeouts":%d,'
      .. '"p50_us":%d,"p99_us":%d,"max_us":%d,"starved":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, starving, table.concat(counts, ",")))
end
