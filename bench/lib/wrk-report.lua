-- Prints wrk's summary as one JSON line (status = non-2xx/3xx responses).
-- BENCH_METHOD, BENCH_BODY (JSON) and BENCH_AUTHORIZATION, when set, shape
-- every request: the authenticated cases.
local method = os.getenv('BENCH_METHOD')
if method then wrk.method = method end
local body = os.getenv('BENCH_BODY')
if body then
  wrk.body = body
  wrk.headers['Content-Type'] = 'application/json'
end
local authorization = os.getenv('BENCH_AUTHORIZATION')
if authorization then wrk.headers['Authorization'] = authorization end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.timeout, e.status))
end
