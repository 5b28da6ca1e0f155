-- POST /feedback: a random user likes one of five playlists, with the request_id of the answer it
-- follows (unique per request, as a real client's are), so that every row goes through the
-- idempotency key's unique index.
local n = 0
local prefix
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end
function init(args)
  math.randomseed(os.time() * 100 + thread_id)
  prefix = string.format("b%d-%d-", os.time(), thread_id)
end
local headers = {["Content-Type"] = "application/json"}
function request()
  n = n + 1
  local like = math.random(1, 50000)
  return wrk.format("POST", "/feedback", headers,
    '{"user_id":' .. math.random(1, 100000) .. ',"like_playlist":' .. like ..
    ',"other_playlists":[' .. (like + 1) .. ',' .. (like + 2) .. ',' .. (like + 3) .. ',' .. (like + 4) ..
    '],"request_id":"' .. prefix .. n .. '"}')
end
