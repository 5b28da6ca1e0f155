-- POST /api/playlist/recommend/ for 100 random users of USERS (default 100000), from requests
-- formatted once in init and cycled (generating 100 ids per request would load wrk, not the server).
local users = tonumber(os.getenv("USERS") or "100000")
local requests = {}
local n = 2000
local i = 0
-- TOKEN set: sent as "Authorization: Bearer <token>" (the server with credentials).
local headers = {["Content-Type"] = "application/json"}
if os.getenv("TOKEN") then headers["Authorization"] = "Bearer " .. os.getenv("TOKEN") end
function init(args)
  math.randomseed(os.time() + math.random(1, 1000000))
  local ids = {}
  for k = 1, n do
    for j = 1, 100 do ids[j] = math.random(1, users) end
    requests[k] = wrk.format("POST", "/api/playlist/recommend/",
      headers,
      '{"user_ids":[' .. table.concat(ids, ",") .. ']}')
  end
end
function request()
  i = i % n + 1
  return requests[i]
end
