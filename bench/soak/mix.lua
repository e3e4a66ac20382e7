-- wrk script for the soak: a mix of what visitors do, through nginx.
--   72% reads: the front page, a day page, paper pages, the daily_papers API
--   20% searches: a query from bench/search/latency-topics.txt with a varying limit, so most reach
--       a node's search rather than the 10 s output cache
--    7% votes: POST then DELETE /api/papers/{id}/upvote with a member's access token
--    1% subscriptions: the subscribe form posted with a token and its cookie, a new address each time
-- Settings come from soak.sh in the environment (SOAK_*). At the end it prints one line:
-- latency percentiles and answers by status class, which soak.sh collects per minute.
local papers, queries = {}, {}
local counter = 0
threads = {}
statuses = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  for id in string.gmatch(os.getenv("SOAK_PAPERS"), "[^,]+") do papers[#papers + 1] = id end
  for line in io.lines(os.getenv("SOAK_QUERIES")) do
    if #line > 0 then queries[#queries + 1] = line:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end) end
  end
  statuses = {}
  math.randomseed(os.time() + id * 7919)
end

local function pick(list) return list[math.random(#list)] end

-- SOAK_READS_ONLY=1 turns the 8% of writes into front-page reads, to tell what the writes cost over time.
local reads_only = os.getenv("SOAK_READS_ONLY") == "1"

function request()
  counter = counter + 1
  local roll = math.random(100)
  if reads_only and roll > 92 then roll = 1 end
  local paper = pick(papers)
  if roll <= 20 then
    return wrk.format("GET", "/")
  elseif roll <= 35 then
    return wrk.format("GET", "/papers/date/" .. os.getenv("SOAK_DAY"))
  elseif roll <= 62 then
    return wrk.format("GET", "/papers/" .. paper)
  elseif roll <= 72 then
    return wrk.format("GET", "/api/daily_papers?date=" .. os.getenv("SOAK_DAY") .. "&limit=20")
  elseif roll <= 92 then
    return wrk.format("GET", "/api/papers/search?q=" .. pick(queries) .. "&limit=" .. (21 + math.random(99)))
  elseif roll <= 99 then
    local method = (counter % 2 == 0) and "POST" or "DELETE"
    return wrk.format(method, "/api/papers/" .. paper .. "/upvote", { ["Authorization"] = "Bearer " .. os.getenv("SOAK_TOKEN") }, "")
  else
    local body = os.getenv("SOAK_FORM_FIELD") .. "=" .. os.getenv("SOAK_FORM_TOKEN") .. "&email=soak-" .. id .. "-" .. counter .. "-" .. math.random(1e9) .. "%40example.org"
    return wrk.format("POST", "/subscribe", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = os.getenv("SOAK_COOKIE"),
    }, body)
  end
end

function response(status, headers, body)
  local class = (status == 429) and "429" or (math.floor(status / 100) .. "xx")
  statuses[class] = (statuses[class] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for class, n in pairs(counts) do total[class] = (total[class] or 0) + n end
  end
  local parts = {}
  for _, class in ipairs({ "2xx", "3xx", "4xx", "429", "5xx" }) do parts[#parts + 1] = class .. "=" .. (total[class] or 0) end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("SOAK requests=%d p50_ms=%.1f p99_ms=%.1f %s socket_errors=%d\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(parts, " "), errors))
end
