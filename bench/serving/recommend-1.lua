-- POST /api/playlist/recommend/ for one random user of USERS (default 100000). The requests are
-- formatted once in init and cycled, so wrk spends its (shared) CPU on sending, not on Lua.
local users = tonumber(os.getenv("USERS") or "100000")
local requests = {}
local n = 10000
local i = 0
-- TOKEN set: sent as "Authorization: Bearer <token>" (the server with credentials).
local headers = {["Content-Type"] = "application/json"}
if os.getenv("TOKEN") then headers["Authorization"] = "Bearer " .. os.getenv("TOKEN") end
function init(args)
  math.randomseed(os.time() + math.random(1, 1000000))
  for k = 1, n do
    requests[k] = wrk.format("POST", "/api/playlist/recommend/",
      headers,
      '{"user_ids":[' .. math.random(1, users) .. ']}')
  end
end
function request()
  i = i % n + 1
  return requests[i]
end
