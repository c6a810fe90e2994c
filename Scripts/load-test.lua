-- wrk script for Scripts/load-test: each request posts ENTRIES fresh anonymous donations
-- (unique ids: run tag, thread, counter) with the bearer token; counts acknowledged
-- (200) requests and other statuses per thread, reported by done().
local entries = tonumber(os.getenv("CIVIC_ENTRIES") or "1")
local token = os.getenv("CIVIC_TOKEN")
local tag = os.getenv("CIVIC_TAG") or "run"
local threads = {}
-- Globals, so that thread:set and thread:get reach them in each thread's Lua state.
counter = 0
thread_id = 0
ok = 0
other = 0

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/x-ndjson"
end

local function line(id)
  return '{"kind":"donation","id":"' .. id .. '","date":"2025-03-01","fund":"GEN",' ..
    '"amount":{"value":100,"currency":"CNY"},"donor":{"anonymous":true},"form":"online",' ..
    '"receipt":{"declined":true},"category":"assistance"}\n'
end

function request()
  local parts = {}
  for i = 1, entries do
    counter = counter + 1
    parts[i] = line(tag .. "-" .. thread_id .. "-" .. counter)
  end
  return wrk.format(nil, nil, nil, table.concat(parts))
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local acknowledged, refused = 0, 0
  for _, thread in ipairs(threads) do
    acknowledged = acknowledged + thread:get("ok")
    refused = refused + thread:get("other")
  end
  io.write(string.format("CIVIC acknowledged=%d other=%d seconds=%.3f p50=%.3f p99=%.3f max=%.3f\n",
    acknowledged, refused, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3))
end
