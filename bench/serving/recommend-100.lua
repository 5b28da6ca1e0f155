-- POST /api/playlist/recommend/ for 100 random users of USERS (default 100000).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local users = tonumber(os.getenv("USERS") or "100000")
local ids = {}
request = function()
  for i = 1, 100 do ids[i] = math.random(1, users) end
  return wrk.format(nil, "/api/playlist/recommend/", nil,
    '{"user_ids":[' .. table.concat(ids, ",") .. ']}')
end
