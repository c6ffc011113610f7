package dev.gavel.tools.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ceilings for scenario 1: the least a Vert.x HTTP server can do for a bid request on this
 * machine. It reads the whole body, as Gavel must, and answers a fixed BidResponse of about the
 * size of Gavel's; or, with {@code --forward URL}, it posts the body to that bidder and answers
 * with the bidder's answer (a plain forwarder: the floor of any fan-out). Run:
 * {@code java -cp target/gavel-tools.jar dev.gavel.tools.bench.BaselineServer --port 18081
 * --instances 2 [--forward http://127.0.0.1:18091/bid]}.
 */
public final class BaselineServer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(BaselineServer.class);

  private final int port;
  private final Buffer answer;
  private final String forward;
  private io.vertx.core.http.HttpServer server;

  BaselineServer(int port, Buffer answer) {
    this(port, answer, null);
  }

  /** @param forward the bidder URL to forward each request to, or null to answer {@code answer} */
  BaselineServer(int port, Buffer answer, String forward) {
    this.port = port;
    this.answer = answer;
    this.forward = forward;
  }

  @Override
  public Future<?> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port));
    if (forward == null) {
      server.requestHandler(request -> request.body().onSuccess(body -> request.response()
          .putHeader("content-type", "application/json")
          .end(answer)));
    } else {
      HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
      RequestOptions upstream = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(forward)
          .putHeader("content-type", "application/json");
      server.requestHandler(request -> request.body()
          .compose(body -> client.request(upstream).compose(req -> req.send(body)).compose(HttpClientResponse::body))
          .onComplete(done -> {
            if (done.succeeded()) {
              request.response().putHeader("content-type", "application/json").end(done.result());
            } else {
              request.response().setStatusCode(502).end();
            }
          }));
    }
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
    String forward = a.string("forward", null);
    Buffer answer = fixedResponse().toBuffer();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new BaselineServer(port, answer, forward), new io.vertx.core.DeploymentOptions().setInstances(instances))
        .onSuccess(id -> LOG.info("baseline server on http://127.0.0.1:{}/ ({} instances, {})", port, instances,
            forward == null ? answer.length() + "-byte answer" : "forwarding to " + forward))
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
