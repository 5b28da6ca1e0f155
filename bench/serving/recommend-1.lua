-- POST /api/playlist/recommend/ for one random user of USERS (default 100000).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local users = tonumber(os.getenv("USERS") or "100000")
request = function()
  return wrk.format(nil, "/api/playlist/recommend/", nil,
    '{"user_ids":[' .. math.random(1, users) .. ']}')
end
