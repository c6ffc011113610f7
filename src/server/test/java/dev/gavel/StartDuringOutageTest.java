package dev.gavel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.Eventually;
import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.SharedServices;
import dev.gavel.testing.TcpGate;
import dev.gavel.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node started while PostgreSQL and Kafka are both unreachable (issue 8, item 3): it serves at
 * once, spools its events, keeps house campaigns out until budgets are known, says so in
 * {@code /ready}, and catches up when they come back: schema, topics, consumers, the spooled
 * auction stored. A restart during a second outage starts from the budget snapshot kept on disk.
 */
class StartDuringOutageTest {
  private static final Duration RECOVERY = Duration.ofSeconds(90);
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static Vertx gates;
  private static TcpGate postgres;
  private static TcpGate kafka;

  @BeforeAll
  static void shutGates() {
    gates = Vertx.vertx();
    postgres = new TcpGate(gates, "127.0.0.1", SharedServices.postgres().port());
    String[] broker = SharedServices.bootstrapServers().split(":");
    kafka = new TcpGate(gates, broker[0], Integer.parseInt(broker[1]));
  }

  @AfterAll
  static void closeGates() {
    postgres.close();
    kafka.close();
    TestVertx.await(gates.close());
  }

  @Test
  void aNodeStartsServesAndCatchesUpWithoutPostgresOrKafka() throws IOException {
    Path dir = SharedServices.tempDir("outage-start");
    Path snapshot = dir.resolve("budget-snapshot.json");
    JsonObject config = config(dir, snapshot);

    GavelHarness first = GavelHarness.fromJson("outage-start", config);
    try {
      JsonObject degraded = ready(first).getJsonObject("degraded");
      assertThat(degraded.fieldNames()).as(degraded.encode()).contains("startup", "budgets");
      assertThat(first.postAuction(banner("during-outage-debug", 1).encode()).body())
          .as("house campaigns wait for budgets").contains("spend is not known yet");
      assertThat(first.postAuction(banner("during-outage", 0).encode()).statusCode()).as("no house bid yet").isEqualTo(204);
      assertThat(ready(first).getJsonObject("degraded").fieldNames()).as("events spool").contains("kafka");

      postgres.open();
      kafka.open();
      Eventually.await("every degradation cleared", () -> ready(first).getJsonObject("degraded").isEmpty(), RECOVERY);
      Eventually.await("the auction spooled in the outage is stored",
          () -> first.get("/api/auctions/during-outage").statusCode() == 200, RECOVERY);

      JsonObject tinyWin = winningBid(first.postAuction(banner("after-outage", 0).encode()));
      assertThat(tinyWin.getString("cid")).isEqualTo("tiny");
      assertThat(fire(first, tinyWin.getString("burl"))).isEqualTo(204);
      Eventually.await("the tiny campaign's spend is billed and kept on disk", () -> kept(snapshot).containsKey("tiny"), RECOVERY);
    } finally {
      first.close();
    }

    postgres.shut();
    kafka.shut();
    GavelHarness second = GavelHarness.fromJson("outage-restart", config);
    try {
      assertThat(ready(second).getJsonObject("degraded").getJsonObject("budgets").getString("how"))
          .contains(snapshot.toString());
      JsonObject bid = winningBid(second.postAuction(banner("restart-outage", 0).encode()));
      assertThat(bid.getString("cid")).as("the spent campaign stays out; the other bids").isEqualTo("roomy");
    } finally {
      second.close();
    }
  }

  /** A Kafka name that does not resolve (yet): the Kafka client refuses to be built at all. */
  @Test
  void aNodeStartsWhenKafkasNameDoesNotResolve() throws IOException {
    Path dir = SharedServices.tempDir("outage-dns");
    JsonObject config = config(dir, dir.resolve("budget-snapshot.json"));
    config.getJsonObject("kafka").put("bootstrapServers", "kafka.invalid:9092");
    postgres.open();
    GavelHarness gavel = GavelHarness.fromJson("outage-dns", config);
    try {
      assertThat(gavel.postAuction(banner("dns-outage", 0).encode()).statusCode()).isIn(200, 204);
      JsonObject degraded = ready(gavel).getJsonObject("degraded");
      assertThat(degraded.fieldNames()).as(degraded.encode()).contains("kafka", "startup");
      Eventually.await("the auction's event is spooled",
          () -> gavel.registry.find("gavel.publisher.spooled").counter().count() >= 1, RECOVERY);
    } finally {
      gavel.close();
      postgres.shut();
    }
  }

  private static JsonObject config(Path dir, Path snapshot) throws IOException {
    Path campaigns = dir.resolve("campaigns.json");
    Files.writeString(campaigns, new JsonObject().put("campaigns", new JsonArray()
        .add(campaign("tiny", "3.00", "0.001"))
        .add(campaign("roomy", "1.00", "100.00"))).encode());
    String base = "outage." + dir.getFileName();
    return new JsonObject()
        .put("auction", new JsonObject().put("campaignsFile", campaigns.toString()).put("budgetSnapshotFile", snapshot.toString()))
        .put("fraud", new JsonObject().put("ipMaxEvents", 1_000_000))
        .put("kafka", new JsonObject()
            .put("bootstrapServers", "127.0.0.1:" + kafka.port())
            .put("groupPrefix", base)
            .put("partitions", 2)
            .put("topics", SharedServices.topics(base))
            .put("spool", new JsonObject().put("dir", dir.resolve("spool").toString())))
        .put("postgres", new JsonObject()
            .put("url", "postgresql://127.0.0.1:" + postgres.port() + "/" + SharedServices.createDatabase("outage"))
            .put("user", SharedServices.postgres().user())
            .put("password", SharedServices.postgres().password()));
  }

  private static JsonObject campaign(String id, String bidCpm, String dailyBudget) {
    return new JsonObject().put("id", id).put("advertiserDomain", id + ".example").put("bidCpm", bidCpm)
        .put("dailyBudget", dailyBudget).put("totalBudget", "1000.00")
        .put("targeting", new JsonObject().put("mediaTypes", new JsonArray().add("banner")))
        .put("creative", new JsonObject().put("id", "cr-" + id).put("type", "banner").put("size", "300x250")
            .put("clickThroughUrl", "https://" + id + ".example/").put("markup", "<a href=\"${CLICK_URL}\">" + id + "</a>"));
  }

  private static JsonObject banner(String id, int test) {
    return new JsonObject().put("id", id).put("test", test)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("w", 300).put("h", 250))))
        .put("site", new JsonObject().put("domain", "news.example"));
  }

  private static JsonObject ready(GavelHarness gavel) {
    HttpResponse<String> response = gavel.get("/ready");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static JsonObject winningBid(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);
  }

  private static int fire(GavelHarness gavel, String url) {
    return gavel.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", CHROME).GET().build()).statusCode();
  }

  private static JsonObject kept(Path snapshot) {
    try {
      return Files.exists(snapshot) ? new JsonObject(Files.readString(snapshot)).getJsonObject("spend") : new JsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
