-- wrk script: POST /api/reports with a different link each time (as real reports are).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
local thread_id = 0
local run = os.time() -- so that no two runs share a link

setup = function(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"urls":["https://bench-%d-%d.example/p/%d?utm_source=x"],"category":"CSAM","platform":"WEBSITE",' ..
    '"description":"benchmark","anonymous":true,"language":"en"}', run, tid or 0, counter)
  return wrk.format(nil, "/api/reports", nil, body)
end
