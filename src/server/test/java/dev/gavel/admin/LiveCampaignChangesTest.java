package dev.gavel.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.config.KafkaConfig;
import dev.gavel.testing.Eventually;
import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.SharedServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two serving nodes on one database and one set of topics: a change made through one node's admin
 * API is in the other's auctions within a second, through the campaigns topic, without a restart.
 */
class LiveCampaignChangesTest {
  /** The promise: a change is live on every node within 1 s. */
  private static final Duration LIVE_WITHIN = Duration.ofSeconds(1);
  private static GavelHarness admin;
  private static GavelHarness other;

  @BeforeAll
  static void start() {
    String database = SharedServices.createDatabase("live");
    KafkaConfig topics = SharedServices.uniqueTopics("live");
    admin = GavelHarness.fromJson("live-a", AdminApiTest.adminConfig().mergeIn(SharedServices.config(database, topics), true));
    JsonObject shared = SharedServices.config(database, topics);
    shared.getJsonObject("kafka").put("spool", new JsonObject().put("dir", SharedServices.tempDir("live-b-spool").toString()));
    other = GavelHarness.fromJson("live-b", shared
        .put("auction", new JsonObject().put("campaignsFile", "src/server/test/resources/campaigns-test.json"))
        .put("admin", new JsonObject().put("enabled", false)));
    // Both nodes follow the seeded topic before the test changes it.
    Eventually.await("both nodes serve the seeded campaigns", () -> winner(admin).equals("twohundred.example")
        && winner(other).equals("twohundred.example"), Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    other.close();
    admin.close();
  }

  /** The winning advertiser of a 300x250 banner auction on {@code node}, or "" for no bid. */
  private static String winner(GavelHarness node) {
    JsonObject request = new JsonObject().put("id", "live").put("imp", new JsonArray().add(new JsonObject().put("id", "1")
        .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 300).put("h", 250))))))
        .put("site", new JsonObject().put("domain", "news.example"));
    HttpResponse<String> response = node.postAuction(request.encode());
    if (response.statusCode() != 200) {
      return "";
    }
    return new JsonObject(response.body()).getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0)
        .getJsonArray("adomain").getString(0);
  }

  private static HttpResponse<String> change(String method, String path, String body, String... headers) {
    return AdminApiTest.call(admin, method, path, AdminApiTest.WRITE_TOKEN, body, headers);
  }

  private static void awaitOnBoth(String what, String expectedWinner) {
    Eventually.await(what + " on the node that took the change", () -> winner(admin).equals(expectedWinner), LIVE_WITHIN);
    Eventually.await(what + " on the other node", () -> winner(other).equals(expectedWinner), LIVE_WITHIN);
  }

  @Test
  void createPauseResumeEditAndDeleteReachTheOtherNodeWithinASecond() {
    assertThat(change("POST", "/admin/campaigns", AdminApiTest.campaign("live-big", "3.00").encode()).statusCode()).isEqualTo(201);
    awaitOnBoth("a new campaign bids", "live-big.example");

    assertThat(change("POST", "/admin/campaigns/live-big/pause", null).statusCode()).isEqualTo(200);
    awaitOnBoth("a paused campaign stops", "twohundred.example");

    assertThat(change("POST", "/admin/campaigns/live-big/resume", null).statusCode()).isEqualTo(200);
    awaitOnBoth("a resumed campaign bids again", "live-big.example");

    // Its bid lowered below house-mrec-200's 2.00: the other campaign wins again.
    HttpResponse<String> lowered = change("PUT", "/admin/campaigns/live-big", AdminApiTest.campaign("live-big", "1.00").encode(),
        "If-Match", "\"3\"");
    assertThat(lowered.statusCode()).isEqualTo(200);
    awaitOnBoth("an edited bid", "twohundred.example");

    assertThat(change("PUT", "/admin/campaigns/live-big", AdminApiTest.campaign("live-big", "4.00").encode(), "If-Match", "\"4\"")
        .statusCode()).isEqualTo(200);
    awaitOnBoth("a raised bid", "live-big.example");
    assertThat(change("DELETE", "/admin/campaigns/live-big", null).statusCode()).isEqualTo(204);
    awaitOnBoth("a deleted campaign", "twohundred.example");
  }
}
