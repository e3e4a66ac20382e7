-- wrk script: each request searches the next query of the file named by the QUERIES environment
-- variable (one query per line), through /api/papers/search?q=, each thread from a random point of the list.
local queries = {}
local next_query = 1

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
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
  return wrk.format("GET", path)
end
