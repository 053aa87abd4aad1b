-- wrk script for scripts/bench-serve: GETs the request paths of a file (one a line, already
-- URL-encoded, e.g. /search?q=oil%20prices&limit=10) in turn, cycling, each thread starting at
-- its own place in the list.
--
--     wrk -t2 -c8 -d20s --latency -s scripts/bench-serve.lua http://127.0.0.1:7700 -- paths.txt

local threads = 0

-- Runs in wrk's main state once per thread, before `init`: gives each thread its starting place.
function setup(thread)
  thread:set("first", threads * 997)
  threads = threads + 1
end

local paths = {}
local next_path = 0

-- Runs in each thread's own state: reads the paths file named after `--`.
function init(args)
  local file = args[1]
  if file == nil then error("usage: wrk ... -s bench-serve.lua URL -- PATHS_FILE") end
  for line in io.lines(file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  if #paths == 0 then error("no request paths in " .. file) end
  next_path = (first or 0) % #paths
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end
