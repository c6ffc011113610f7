package dev.gavel.tools.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ceiling for scenario 1: the least a Vert.x HTTP server can do for a bid request on this
 * machine. It reads the whole body, as Gavel must, and answers a fixed BidResponse of about the
 * size of Gavel's. Run: {@code java -cp target/gavel-tools.jar dev.gavel.tools.bench.BaselineServer
 * --port 18081 --instances 2}.
 */
public final class BaselineServer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(BaselineServer.class);

  private final int port;
  private final Buffer answer;
  private io.vertx.core.http.HttpServer server;

  BaselineServer(int port, Buffer answer) {
    this.port = port;
    this.answer = answer;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .requestHandler(request -> request.body().onSuccess(body -> request.response()
            .putHeader("content-type", "application/json")
            .end(answer)));
    return server.listen();
  }

  /** The port it listens on (the one asked for, or the one chosen for port 0). */
  int actualPort() {
    return server.actualPort();
  }

  /** A baseline on a free loopback port, for the load client to warm its own JIT against. */
  static BaselineServer local() {
    return new BaselineServer(0, fixedResponse().toBuffer());
  }

  public static void main(String[] args) {
    Args a = Args.parse(args);
    int port = a.integer("port", 18081);
    int instances = a.integer("instances", 2);
    Buffer answer = fixedResponse().toBuffer();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new BaselineServer(port, answer), new io.vertx.core.DeploymentOptions().setInstances(instances))
        .onSuccess(id -> LOG.info("baseline server on http://127.0.0.1:{}/ ({} instances, {}-byte answer)",
            port, instances, answer.length()))
        .onFailure(e -> {
          LOG.error("baseline server failed to start: {}", e.getMessage());
          vertx.close().onComplete(v -> System.exit(1));
        });
  }

  /** A one-bid response shaped like Gavel's, with token-sized nurl and burl. */
  static JsonObject fixedResponse() {
    String token = "x".repeat(150);
    JsonObject bid = new JsonObject()
        .put("id", "bench-0001-cr").put("impid", "1").put("price", 2.51)
        .put("nurl", "http://127.0.0.1:18080/event?t=" + token)
        .put("burl", "http://127.0.0.1:18080/event?t=" + token)
        .put("adm", "<a href=\"http://127.0.0.1:18080/event?t=" + token + "\"><img src=\"https://cdn.advertiser-1.example/"
            + "bench-0001.png\" width=\"300\" height=\"250\"></a>")
        .put("adomain", new JsonArray().add("advertiser-1.example"))
        .put("cid", "bench-0001").put("crid", "bench-0001-cr").put("w", 300).put("h", 250).put("mtype", 1);
    return new JsonObject().put("id", "bench-1").put("bidid", "00000000-0000-4000-8000-000000000000").put("cur", "USD")
        .put("seatbid", new JsonArray().add(new JsonObject().put("seat", "gavel").put("bid", new JsonArray().add(bid))));
  }
}
