-- wrk script: POSTs the sample OpenRTB request to the auction endpoint.
--   wrk -t1 -c32 -d15s -s scripts/wrk-auction.lua http://127.0.0.1:8080/openrtb2/auction
local f = assert(io.open("scripts/sample-request.json", "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, non-2xx %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    summary.errors.status))
end
