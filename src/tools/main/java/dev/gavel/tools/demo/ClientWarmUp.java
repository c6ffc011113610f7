package dev.gavel.tools.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens the demo client's connections to Gavel before it measures: a cold client charges Gavel
 * for what is its own cost, the TCP connections it opens as the rate ramps up (an exchange keeps
 * its connections warm). No auction is sent: {@code GET /ready}, whose connections the JDK client
 * then keeps alive for the run. The client's code is warmed by {@link ClientSelfCheck}.
 */
final class ClientWarmUp {
  /** About what is in flight at the demo's default rate and a slow bidder's share of tmax. */
  static final int CONNECTIONS = 64;
  private static final int ROUNDS = 3;
  private static final long ROUND_TIMEOUT_MS = 5_000;

  private ClientWarmUp() {}

  /** The number of requests that reached /ready with a 200 (the last round's). */
  static int run(HttpClient http, URI base) throws InterruptedException {
    HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/ready")).timeout(Duration.ofSeconds(2)).GET().build();
    int answered = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
      for (int i = 0; i < CONNECTIONS; i++) {
        calls.add(http.sendAsync(ready, HttpResponse.BodyHandlers.discarding()));
      }
      answered = 0;
      try {
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(ROUND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // Counted below: a warm-up that could not open every connection still warms what it did.
      }
      for (CompletableFuture<HttpResponse<Void>> call : calls) {
        if (call.isDone() && !call.isCompletedExceptionally() && call.join().statusCode() == 200) {
          answered++;
        }
      }
    }
    return answered;
  }
}
