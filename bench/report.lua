-- wrk script: POST /api/reports with a different link each time (as real reports are).
-- The request is put together from fixed parts, which costs wrk less than wrk.format per request.
local counter = 0
local run = os.time() -- so that no two runs share a link
local thread_id = 0
local head, body_start, body_end

setup = function(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
end

init = function(args)
  local host = wrk.host .. ":" .. wrk.port
  head = "POST /api/reports HTTP/1.1\r\nHost: " .. host .. "\r\nContent-Type: application/json\r\nContent-Length: "
  body_start = string.format('{"urls":["https://bench-%d-%d.example/p/', run, tid or 0)
  body_end = '?utm_source=x"],"category":"CSAM","platform":"WEBSITE","description":"benchmark","anonymous":true,"language":"en"}'
end

request = function()
  counter = counter + 1
  local body = body_start .. counter .. body_end
  return head .. #body .. "\r\n\r\n" .. body
end
