package dev.gavel.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientWarmUpTest {
  @Test
  void opensTheConnectionsTheRunWillReuseAndSendsNoAuction() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicInteger connections = new AtomicInteger();
      Set<String> paths = ConcurrentHashMap.newKeySet();
      HttpServer server = vertx.createHttpServer()
          .connectionHandler(c -> connections.incrementAndGet())
          .requestHandler(request -> {
            paths.add(request.method() + " " + request.path());
            request.response().end();
          })
          .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      int answered = ClientWarmUp.run(http, URI.create("http://127.0.0.1:" + server.actualPort()));

      assertThat(answered).isEqualTo(ClientWarmUp.CONNECTIONS);
      assertThat(paths).containsExactly("GET /ready");
      // Three rounds of 64 concurrent calls: the later rounds reuse the first round's connections.
      assertThat(connections.get()).isBetween(ClientWarmUp.CONNECTIONS / 2, 2 * ClientWarmUp.CONNECTIONS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
