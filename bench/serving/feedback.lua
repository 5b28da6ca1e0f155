-- POST /feedback: a random user likes one of five playlists.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  local like = math.random(1, 50000)
  return wrk.format(nil, "/feedback", nil,
    '{"user_id":' .. math.random(1, 100000) .. ',"like_playlist":' .. like ..
    ',"other_playlists":[' .. (like + 1) .. ',' .. (like + 2) .. ',' .. (like + 3) .. ',' .. (like + 4) .. ']}')
end
