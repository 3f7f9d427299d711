-- GET from many clients at once: each request carries one of BENCH_CLIENTS client addresses in X-Forwarded-For (the
-- server trusts 127.0.0.1 as its proxy), so the server keeps BENCH_CLIENTS rate-limit buckets instead of one hot one.
-- The requests are formatted once per thread; each costs wrk a table lookup. BENCH_TOKEN: bearer token, optional.
local token = os.getenv("BENCH_TOKEN")
local clients = tonumber(os.getenv("BENCH_CLIENTS") or "1000")
local requests, next_request = {}, 0

function init(args)
  for i = 1, clients do
    local headers = { ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(i / 65536) % 256, math.floor(i / 256) % 256, i % 256) }
    if token and token ~= "" then
      headers["Authorization"] = "Bearer " .. token
    end
    requests[i] = wrk.format("GET", nil, headers)
  end
end

function request()
  next_request = next_request % clients + 1
  return requests[next_request]
end
