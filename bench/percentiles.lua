-- Prints the 95th percentile too (wrk --latency shows 50/75/90/99 only).
done = function(summary, latency, requests)
  io.write(string.format("     95%%   %.2fms\n", latency:percentile(95) / 1000))
end
