-- wrk script: each request searches the next query of the file named by the QUERIES environment
-- variable (one query per line), through /api/papers/search?q=, each thread from a random point of the list.
-- With UNIQUE=1 each thread's passes over the list ask for fewer results each time (thread t of n asks
-- for limit 120 - t, then 120 - t - n, ... down to 101), so the API's output cache, which varies by
-- limit, cannot answer a URL seen before until every thread has made 20/n passes: every request
-- measures a search. At the end the answers are counted by the mode the API reports (X-Search-Mode):
-- "keyword" means the query embedding missed its time budget and keywords answered.
local queries = {}
local next_query = 1
local unique = os.getenv("UNIQUE") == "1"
local sent = 0
local thread_count = 2 -- wrk-search.sh runs wrk -t2
local threads = {}
-- Globals, so that setup() and done() can reach them through thread:set and thread:get.
thread_number = 0
modes = {}

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  thread:set("thread_number", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("QUERIES")) do
    if #line > 0 then
      queries[#queries + 1] = "/api/papers/search?q=" .. encode(line)
    end
  end
  next_query = math.random(#queries)
end

function request()
  local path = queries[next_query]
  next_query = next_query % #queries + 1
  if unique then
    local pass = math.floor(sent / #queries)
    path = path .. "&limit=" .. (120 - (pass * thread_count + thread_number) % 20)
    sent = sent + 1
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  local mode = headers["X-Search-Mode"] or ("HTTP " .. status)
  modes[mode] = (modes[mode] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("modes")
    for mode, count in pairs(counted) do
      totals[mode] = (totals[mode] or 0) + count
    end
  end
  local parts = {}
  for mode, count in pairs(totals) do
    parts[#parts + 1] = mode .. " " .. count
  end
  table.sort(parts)
  io.write("answered as: " .. table.concat(parts, ", ") .. "\n")
end
