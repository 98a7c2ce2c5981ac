-- Log-in POSTs as a browser sends them. Usage (the harness passes the arguments):
--
--   BENCH_DIR=path/to/bench wrk ... -s login.lua http://127.0.0.1:PORT -- USERNAME PASSWORD [FORM_PATH]
--
-- Each wrk thread first GETs the log-in form (FORM_PATH, default /auth/login) and keeps every
-- hidden field the form carries and the cookie the page sets (an anti-forgery token, for
-- example); each POST then sends username, password, those fields and that cookie. A 403 makes
-- the thread fetch the form again (an expired token). Only a 302 counts as a successful log-in;
-- the run's report adds login_failures (non-302 answers to a POST), which the harness treats as
-- errors. wrk hands Lua only the last Set-Cookie header of a response: a form page that sets
-- several cookies needs this script extended.

dofile((os.getenv("BENCH_DIR") or ".") .. "/wrk/report.lua")

local username, password, form_path

local fields = nil        -- hidden fields of the form, url-encoded; nil until fetched
local cookie = nil        -- "name=value" the form page set, if any
local gets_sent = 0       -- form fetches whose answers have not been seen yet

-- Globals, so that done() can read them from each thread.
form_fetches = 0
posts_ok = 0
answers_not_ok = 0        -- non-302 answers, form fetches included

local function url_encode(text)
   return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function html_unescape(text)
   return (text:gsub("&quot;", '"'):gsub("&#39;", "'"):gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&amp;", "&"))
end

local function attribute(tag, name)
   return tag:match("%s" .. name .. "%s*=%s*\"([^\"]*)\"") or tag:match("%s" .. name .. "%s*=%s*'([^']*)'")
end

local function hidden_fields(body)
   local found = {}
   for tag in body:gmatch("<input[^>]*>") do
      local kind = attribute(tag, "type")
      local name = attribute(tag, "name")
      if kind and kind:lower() == "hidden" and name then
         found[#found + 1] = url_encode(html_unescape(name)) .. "=" .. url_encode(html_unescape(attribute(tag, "value") or ""))
      end
   end
   return table.concat(found, "&")
end

function init(args)
   username, password = args[1], args[2]
   form_path = args[3] or "/auth/login"
   if not (username and password) then
      error("login.lua needs the arguments USERNAME PASSWORD [FORM_PATH]")
   end
end

function request()
   if fields == nil then
      gets_sent = gets_sent + 1
      form_fetches = form_fetches + 1
      return wrk.format("GET", form_path, cookie and { ["Cookie"] = cookie } or {})
   end
   local body = "username=" .. url_encode(username) .. "&password=" .. url_encode(password)
   if fields ~= "" then
      body = body .. "&" .. fields
   end
   local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
   if cookie then
      headers["Cookie"] = cookie
   end
   return wrk.format("POST", form_path, headers, body)
end

function response(status, headers, body)
   if status == 302 then
      posts_ok = posts_ok + 1
      return
   end
   answers_not_ok = answers_not_ok + 1
   if status == 200 and gets_sent > 0 and body and body:find("<form", 1, true) then
      gets_sent = gets_sent - 1
      fields = hidden_fields(body)
      for name, value in pairs(headers) do
         if name:lower() == "set-cookie" then
            cookie = value:match("^([^;]*)")
         end
      end
   elseif status == 403 then
      fields = nil
   end
end

local threads = {}

function setup(thread)
   threads[#threads + 1] = thread
end

function done(summary, latency, requests)
   local fetches, not_ok, ok = 0, 0, 0
   for _, thread in ipairs(threads) do
      fetches = fetches + thread:get("form_fetches")
      not_ok = not_ok + thread:get("answers_not_ok")
      ok = ok + thread:get("posts_ok")
   end
   -- Every form fetch is answered with a 200, so what remains are log-ins that failed.
   local failures = math.max(not_ok - fetches, 0)
   bench_report(summary, latency, string.format(" form_fetches=%d logins_ok=%d login_failures=%d",
                                                fetches, ok, failures))
end
