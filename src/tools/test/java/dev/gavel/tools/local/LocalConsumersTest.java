package dev.gavel.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.Gavel;
import dev.gavel.config.GavelConfig;
import dev.gavel.testing.Eventually;
import dev.gavel.testing.SharedServices;
import dev.gavel.testing.TestVertx;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A local run with both roles: the consumers in a process of their own, which persists what this
 * process serves, and stops when this process is gone.
 */
class LocalConsumersTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Vertx vertx;
  private static PrometheusMeterRegistry registry;

  @BeforeAll
  static void setUp() {
    registry = TestVertx.registry();
    vertx = TestVertx.create(registry);
  }

  @AfterAll
  static void tearDown() {
    TestVertx.await(vertx.close());
  }

  @Test
  void theConsumersRunApartPersistWhatIsServedAndStopWithTheirParent() throws Exception {
    String database = SharedServices.createDatabase("apart");
    int consumersPort = TestVertx.freePort();
    // The child reads the config file and environment this JVM has (none here: the defaults, so
    // the default topic names, on the shared broker) with the services and its port handed down.
    GavelConfig config = GavelConfig.from(new JsonObject()
        .put("http", new JsonObject().put("host", "127.0.0.1").put("port", TestVertx.freePort()))
        .put("admin", new JsonObject().put("enabled", false))
        .put("warmUp", new JsonObject().put("enabled", false))
        .put("tracking", new JsonObject().put("keyFile", ""))
        .put("auction", new JsonObject().put("budgetSnapshotFile", "").put("admission", new JsonObject().put("maxLoopLagMs", 10_000)))
        .put("kafka", new JsonObject().put("bootstrapServers", SharedServices.bootstrapServers())
            .put("spool", new JsonObject().put("dir", SharedServices.tempDir("apart-spool").toString())))
        .put("postgres", new JsonObject().put("url", SharedServices.url(database))
            .put("user", SharedServices.postgres().user()).put("password", SharedServices.postgres().password()))
        .put("embedded", new JsonObject().put("dataDir", SharedServices.tempDir("apart").resolve("data").toString())
            .put("consumersPort", consumersPort)));
    LocalGavel local = new LocalGavel();
    GavelConfig serving = TestVertx.await(local.start(vertx, config), 150);
    ConsumerProcess consumers = local.consumers();
    try {
      assertThat(serving.verticles().serve()).isTrue();
      assertThat(serving.verticles().consume()).as("this process leaves the consumers to the child").isFalse();
      assertThat(consumers.isAlive()).isTrue();
      HttpResponse<String> metrics = get(URI.create("http://127.0.0.1:" + consumersPort + "/metrics"));
      assertThat(metrics.body()).contains("gavel_consumer_events_total{group=\"gavel-persistence\"}");

      Gavel gavel = TestVertx.await(Gavel.start(vertx, serving, registry), 120);
      try {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serving.http().port()
                + "/openrtb2/auction")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"apart-1\",\"tmax\":1000,\"site\":{\"domain\":\"news.example\"},"
                + "\"imp\":[{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}]}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 204);
        Eventually.await("the auction persisted by the consumer process", () -> auctionsWithRequestId(database, "apart-1") == 1,
            Duration.ofSeconds(30));
      } finally {
        TestVertx.await(gavel.stop());
      }

      consumers.abandon(); // as this process's death (even kill -9) would
      assertThat(ProcessHandle.of(consumers.pid()).map(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join().isAlive()).orElse(false))
          .as("the consumer process exited once its parent was gone").isFalse();
    } finally {
      TestVertx.await(local.stop(vertx));
    }
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** On the test thread (JDBC blocks). */
  private static int auctionsWithRequestId(String database, String requestId) {
    try (Connection c = DriverManager.getConnection(SharedServices.jdbcUrl(database), SharedServices.postgres().user(),
        SharedServices.postgres().password());
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM auctions WHERE request_id = ?")) {
      s.setString(1, requestId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
