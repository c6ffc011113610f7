package dev.gavel.tools.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Fires each tracking URL of a file exactly once, on a fixed schedule (open model), as a browser
 * would, and writes one line per URL: {@code intendedEpochMs status latencyMs url} (status -1: no
 * answer). Latency counts from the intended send time. First, {@code --warmup-s} of GET /health at
 * the same rate on the same connections: a cold client invents a second of latency on its own.
 * What scripts/chaos audits against the store.
 */
final class ChaosPixels {
  private static final long TICK_MS = 2;

  private ChaosPixels() {}

  static JsonObject fire(Args a) throws Exception {
    int port = a.integer("port", 18080);
    double rate = a.decimal("rate", 300);
    List<String> urls = Files.readAllLines(Path.of(a.required("urls"))).stream().filter(s -> !s.isBlank()).toList();
    long timeoutMs = a.longValue("timeout-ms", 5_000);
    int warmup = (int) (rate * a.decimal("warmup-s", 3));
    Vertx vertx = Vertx.vertx();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2_000),
        new PoolOptions().setHttp1MaxSize(128).setMaxWaitQueueSize(-1));
    IntFunction<RequestOptions> health = i -> request(port, "/health", timeoutMs);
    IntFunction<RequestOptions> pixel = i -> {
      URI uri = URI.create(urls.get(i));
      return request(port, uri.getRawPath() + "?" + uri.getRawQuery(), timeoutMs);
    };
    String[] lines = new String[urls.size()];
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> schedule(vertx, client, warmup, rate, health, (i, epochMs, status, latencyMs) -> {})
        .compose(x -> schedule(vertx, client, urls.size(), rate, pixel,
            (i, epochMs, status, latencyMs) -> lines[i] = epochMs + " " + status + " " + latencyMs + " " + urls.get(i)))
        .onComplete(done));
    done.future().await((long) ((warmup + urls.size()) / rate + timeoutMs / 1000.0 + 60), TimeUnit.SECONDS);
    Files.write(Path.of(a.required("answered")), List.of(lines));
    vertx.close().await();
    long ok = Arrays.stream(lines).filter(l -> l.split(" ")[1].startsWith("2")).count();
    long[] latencies = Arrays.stream(lines).mapToLong(l -> Long.parseLong(l.split(" ")[2])).sorted().toArray();
    return new JsonObject().put("fired", urls.size()).put("answered2xx", ok)
        .put("p50Ms", latencies[latencies.length / 2])
        .put("p99Ms", latencies[(int) Math.ceil(latencies.length * 0.99) - 1]);
  }

  private static RequestOptions request(int port, String uri, long timeoutMs) {
    return new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI(uri)
        .setTimeout(timeoutMs).putHeader("User-Agent", Lane.USER_AGENT);
  }

  /** What became of request {@code i}: its intended send time, its status (-1: no answer) and its latency. */
  private interface Outcome {
    void of(int i, long intendedEpochMs, int status, long latencyMs);
  }

  /** Sends {@code count} requests at {@code rate}; completes once every one has an outcome. */
  private static Future<Void> schedule(Vertx vertx, HttpClient client, int count, double rate,
                                       IntFunction<RequestOptions> requests, Outcome outcome) {
    Promise<Void> done = Promise.promise();
    if (count == 0) {
      return Future.succeededFuture();
    }
    long startNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long startEpochMs = System.currentTimeMillis() + 20;
    double intervalNanos = 1e9 / rate;
    int[] issued = {0};
    int[] finished = {0};
    vertx.setPeriodic(TICK_MS, timer -> {
      long now = System.nanoTime();
      while (issued[0] < count) {
        int i = issued[0];
        long intended = startNanos + (long) (i * intervalNanos);
        if (intended > now) {
          break;
        }
        issued[0]++;
        long intendedEpochMs = startEpochMs + TimeUnit.NANOSECONDS.toMillis(intended - startNanos);
        client.request(requests.apply(i)).compose(req -> req.send()).compose(resp -> resp.end().map(x -> resp.statusCode()))
            .onComplete(ar -> {
              outcome.of(i, intendedEpochMs, ar.succeeded() ? ar.result() : -1,
                  TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - intended));
              if (++finished[0] == count) {
                done.complete();
              }
            });
      }
      if (issued[0] >= count) {
        vertx.cancelTimer(timer);
      }
    });
    return done.future();
  }
}
