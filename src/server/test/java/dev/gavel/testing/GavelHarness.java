package dev.gavel.testing;

import dev.gavel.Gavel;
import dev.gavel.config.ConfigLoader;
import dev.gavel.config.GavelConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A Gavel started in-process exactly as Main starts it, on a free port, with an HTTP client to talk to it. */
public final class GavelHarness implements AutoCloseable {
  /** A start includes the warm-up when a test turns it on (bounded by its own warmUp.maxSeconds). */
  private static final int START_SECONDS = 120;
  public final Vertx vertx;
  public final PrometheusMeterRegistry registry;
  public final Gavel gavel;
  public final int port;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private GavelHarness(Vertx vertx, PrometheusMeterRegistry registry, Gavel gavel, int port) {
    this.vertx = vertx;
    this.registry = registry;
    this.gavel = gavel;
    this.port = port;
  }

  /**
   * What functional tests run with unless they say otherwise: no start-up warm-up, and admission
   * control that never sheds for loop lag, so a busy CI machine cannot turn an expected bid into a
   * no-bid. Tests of warming and shedding set these themselves.
   */
  static JsonObject functionalDefaults() {
    // Nothing kept in data/ of the working folder, which every test shares: a test that keeps a
    // tracking key or budget snapshot names its own file.
    return new JsonObject()
        .put("warmUp", new JsonObject().put("enabled", false))
        .put("tracking", new JsonObject().put("keyFile", ""))
        .put("auction", new JsonObject().put("admission", new JsonObject().put("maxLoopLagMs", 10_000)).put("budgetSnapshotFile", ""));
  }

  /**
   * Starts Gavel from {@code conf/gavel.yaml} with these environment overrides, a free port, and
   * the shared test Kafka and PostgreSQL (its own database and topics) in place of the embedded ones.
   */
  public static GavelHarness fromConfFile(String prefix, Map<String, String> overrides) {
    PrometheusMeterRegistry registry = TestVertx.registry();
    Vertx vertx = TestVertx.create(registry);
    int port = TestVertx.freePort();
    Map<String, String> env = new java.util.HashMap<>();
    env.put("GAVEL_WARM_UP_ENABLED", "false");
    env.put("GAVEL_AUCTION_ADMISSION_MAX_LOOP_LAG_MS", "10000");
    env.put("GAVEL_TRACKING_KEY_FILE", SharedServices.tempDir(prefix + "-key").resolve("tracking-key").toString());
    env.put("GAVEL_AUCTION_BUDGET_SNAPSHOT_FILE", SharedServices.tempDir(prefix + "-budgets").resolve("budget-snapshot.json").toString());
    env.putAll(overrides);
    env.put("GAVEL_HTTP_PORT", String.valueOf(port));
    env.put("GAVEL_HTTP_HOST", "127.0.0.1");
    env.putIfAbsent("GAVEL_ADMIN_PORT", String.valueOf(TestVertx.freePort()));
    env.putAll(sharedServicesEnv(prefix));
    GavelConfig config = TestVertx.await(ConfigLoader.load(vertx, java.nio.file.Path.of(ConfigLoader.DEFAULT_FILE), env));
    return new GavelHarness(vertx, registry, TestVertx.await(Gavel.start(vertx, config, registry), START_SECONDS), port);
  }

  /**
   * Starts Gavel from a config tree (defaults fill the rest), on a free port, with the shared test
   * Kafka and PostgreSQL unless the tree names its own.
   */
  public static GavelHarness fromJson(String prefix, JsonObject config) {
    return fromJson(prefix, config, io.vertx.core.Promise.<Void>promise().future());
  }

  /** As {@link #fromJson(String, JsonObject)}, with the signal Main gives on a SIGTERM during start-up. */
  public static GavelHarness fromJson(String prefix, JsonObject config, io.vertx.core.Future<Void> stopRequested) {
    PrometheusMeterRegistry registry = TestVertx.registry();
    Vertx vertx = TestVertx.create(registry);
    int port = TestVertx.freePort();
    JsonObject withPort = functionalDefaults().mergeIn(config, true);
    if (!withPort.containsKey("kafka")) {
      withPort.mergeIn(SharedServices.config(SharedServices.createDatabase(prefix), SharedServices.uniqueTopics(prefix)));
    }
    JsonObject httpSection = withPort.getJsonObject("http", new JsonObject()).put("port", port).put("host", "127.0.0.1");
    withPort.put("http", httpSection);
    JsonObject admin = withPort.getJsonObject("admin", new JsonObject());
    if (!admin.containsKey("port")) {
      withPort.put("admin", admin.put("port", TestVertx.freePort()));
    }
    GavelConfig parsed = ConfigLoader.fromJson(withPort, Map.of());
    return new GavelHarness(vertx, registry, TestVertx.await(Gavel.start(vertx, parsed, registry, stopRequested), START_SECONDS),
        port);
  }

  /** GAVEL_ variables that point Gavel at the shared test Kafka and PostgreSQL, with its own database and topics. */
  public static Map<String, String> sharedServicesEnv(String prefix) {
    JsonObject c = SharedServices.config(SharedServices.createDatabase(prefix), SharedServices.uniqueTopics(prefix));
    JsonObject k = c.getJsonObject("kafka");
    JsonObject t = k.getJsonObject("topics");
    JsonObject p = c.getJsonObject("postgres");
    return Map.ofEntries(
        Map.entry("GAVEL_KAFKA_BOOTSTRAP_SERVERS", k.getString("bootstrapServers")),
        Map.entry("GAVEL_KAFKA_GROUP_PREFIX", k.getString("groupPrefix")),
        Map.entry("GAVEL_KAFKA_TOPICS_AUCTIONS", t.getString("auctions")),
        Map.entry("GAVEL_KAFKA_TOPICS_TRACKING", t.getString("tracking")),
        Map.entry("GAVEL_KAFKA_TOPICS_VERDICTS", t.getString("verdicts")),
        Map.entry("GAVEL_KAFKA_TOPICS_DEAD_LETTER", t.getString("deadLetter")),
        Map.entry("GAVEL_KAFKA_TOPICS_CAMPAIGNS", t.getString("campaigns")),
        Map.entry("GAVEL_KAFKA_TOPICS_SPEND", t.getString("spend")),
        Map.entry("GAVEL_KAFKA_SPOOL_DIR", k.getJsonObject("spool").getString("dir")),
        Map.entry("GAVEL_POSTGRES_URL", p.getString("url")),
        Map.entry("GAVEL_POSTGRES_USER", p.getString("user")),
        Map.entry("GAVEL_POSTGRES_PASSWORD", p.getString("password")));
  }

  public HttpResponse<String> postAuction(String body) {
    return send(HttpRequest.newBuilder(uri("/openrtb2/auction"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  /** A path on the admin API's port. */
  public URI adminUri(String path) {
    return URI.create("http://127.0.0.1:" + gavel.config().admin().port() + path);
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() {
    TestVertx.await(gavel.stop());
    TestVertx.await(vertx.close());
  }
}
