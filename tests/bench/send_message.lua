-- wrk script for tests/bench/send_message_bench.sh: POST /messages/{room_id} with a JSON body and a
-- Bearer token, cycling through the (token, room) lines of the file given as the first script arg.
local senders = {}
local next_sender = 1
local sent = 0

function init(args)
  for line in io.lines(args[1]) do
    local token, room = line:match("^(%S+)%s+(%d+)$")
    if token then senders[#senders + 1] = {token = token, room = room} end
  end
  assert(#senders > 0, "no senders in " .. tostring(args[1]))
  next_sender = math.random(#senders)
end

function request()
  local sender = senders[next_sender]
  next_sender = next_sender % #senders + 1
  sent = sent + 1
  local body = '{"content":"benchmark message ' .. sent .. '","message_type":"text"}'
  return wrk.format("POST", "/messages/" .. sender.room, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. sender.token,
    ["Connection"] = "keep-alive",
  }, body)
end
