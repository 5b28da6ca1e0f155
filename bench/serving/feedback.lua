-- POST /feedback: a random user likes one of five playlists (requests formatted once in init).
local requests = {}
local n = 10000
local i = 0
function init(args)
  math.randomseed(os.time() + math.random(1, 1000000))
  for k = 1, n do
    local like = math.random(1, 50000)
    requests[k] = wrk.format("POST", "/feedback",
      {["Content-Type"] = "application/json"},
      '{"user_id":' .. math.random(1, 100000) .. ',"like_playlist":' .. like ..
      ',"other_playlists":[' .. (like + 1) .. ',' .. (like + 2) .. ',' .. (like + 3) .. ',' .. (like + 4) .. ']}')
  end
end
function request()
  i = i % n + 1
  return requests[i]
end
