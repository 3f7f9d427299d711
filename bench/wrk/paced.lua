-- Requests at a chosen pace instead of back to back: after each answer a connection waits a random think time
-- (exponential, mean BENCH_THINK_MS), so 64 connections offer about 64 / think requests a second, spread out in time
-- rather than in bursts. wrk reports each request's latency without the wait. Headers come from wrk's -H.
local think = tonumber(os.getenv("BENCH_THINK_MS") or "0")

function init(args)
  -- each wrk thread has its own Lua state: a table's address tells them apart when they start in the same second
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 1000003)
end

function delay()
  return math.floor(-think * math.log(1 - math.random()))
end
