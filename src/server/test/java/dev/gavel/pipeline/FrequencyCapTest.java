package dev.gavel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.auction.campaign.CampaignLoader;
import dev.gavel.auction.campaign.InvalidCampaignException;
import dev.gavel.config.KafkaConfig;
import dev.gavel.testing.Eventually;
import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.SharedServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frequency caps per user: counted at once on the node that won, and on every other node when
 * billing reports the impression (the spend feed). Two nodes share one database and the topics.
 */
class FrequencyCapTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static GavelHarness first;
  private static GavelHarness second;

  /** Capped at two impressions a user per hour, the only campaign for 300x600. */
  static JsonObject cappedCampaign(int impressions) {
    return new JsonObject().put("id", "capped").put("advertiserDomain", "capped.example").put("bidCpm", "1.00")
        .put("dailyBudget", "100.00").put("totalBudget", "1000.00")
        .put("frequencyCap", new JsonObject().put("impressions", impressions).put("perSeconds", 3600))
        .put("targeting", new JsonObject().put("sizes", new JsonArray().add("300x600")))
        .put("creative", new JsonObject().put("id", "cr-capped").put("type", "banner").put("size", "300x600")
            .put("clickThroughUrl", "https://capped.example/").put("markup", "<a href=\"${CLICK_URL}\">capped</a>"));
  }

  @BeforeAll
  static void start() throws IOException {
    Path campaigns = SharedServices.tempDir("capped").resolve("campaigns.json");
    Files.writeString(campaigns, new JsonObject().put("campaigns", new JsonArray().add(cappedCampaign(2))).encode());
    String database = SharedServices.createDatabase("capped");
    KafkaConfig topics = SharedServices.uniqueTopics("capped");
    JsonObject auction = new JsonObject().put("campaignsFile", campaigns.toString());
    first = GavelHarness.fromJson("capped-a", SharedServices.config(database, topics).put("auction", auction.copy()));
    JsonObject shared = SharedServices.config(database, topics);
    shared.getJsonObject("kafka").put("spool", new JsonObject().put("dir", SharedServices.tempDir("capped-b-spool").toString()));
    second = GavelHarness.fromJson("capped-b", shared.put("auction", auction.copy()).put("admin", new JsonObject().put("enabled", false)));
  }

  @AfterAll
  static void stop() {
    second.close();
    first.close();
  }

  private static JsonObject request(String id, String userId) {
    JsonObject request = PipelineTest.banner(id, 300, 600);
    if (userId != null) {
      request.put("user", new JsonObject().put("id", userId));
    }
    return request;
  }

  private static int auction(GavelHarness node, JsonObject request) {
    return node.postAuction(request.encode()).statusCode();
  }

  @Test
  void aUserSeesACappedCampaignAtMostItsCapAcrossNodes() {
    // On one node: counted at the win, before any billing.
    assertThat(auction(first, request("u1-a", "user-1"))).isEqualTo(200);
    assertThat(auction(first, request("u1-b", "user-1"))).isEqualTo(200);
    assertThat(auction(first, request("u1-c", "user-1"))).as("third impression within the hour").isEqualTo(204);
    assertThat(auction(first, request("u2-a", "user-2"))).as("another user").isEqualTo(200);
    // buyeruid and device.ifa count as the user too; a request naming none is skipped (uncountableUsers: skip).
    assertThat(auction(first, PipelineTest.banner("nobody", 300, 600))).isEqualTo(204);
    JsonObject byIfa = PipelineTest.banner("ifa", 300, 600).put("device", new JsonObject().put("ifa", "ifa-1"));
    assertThat(auction(first, byIfa)).isEqualTo(200);
    // Under COPPA Gavel's campaigns see no user: the cap cannot be honoured, so no bid.
    JsonObject coppa = request("coppa", "user-3").put("regs", new JsonObject().put("coppa", 1));
    assertThat(auction(first, coppa)).isEqualTo(204);

    // On the other node: user-4 wins twice there, is billed, and the first node learns it from billing.
    for (String id : new String[] {"u4-a", "u4-b"}) {
      JsonObject bid = PipelineTest.winningBid(second.postAuction(request(id, "user-4").encode()));
      assertThat(first.send(HttpRequest.newBuilder(URI.create(bid.getString("burl"))).header("User-Agent", PipelineTest.CHROME)
          .GET().build()).statusCode()).isBetween(200, 299);
    }
    assertThat(auction(second, request("u4-c", "user-4"))).isEqualTo(204);
    Eventually.await("the first node counts user-4's billed impressions", () -> auction(first, request("u4-x", "user-4")) == 204, WAIT);
  }

  @Test
  void aCapIsCheckedWhenTheCampaignIsRead() {
    JsonObject bad = cappedCampaign(0);
    byte[] file = new JsonObject().put("campaigns", new JsonArray().add(bad)).encode().getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new CampaignLoader().parse(file)).isInstanceOf(InvalidCampaignException.class)
        .hasMessageContaining("frequencyCap.impressions");
    bad.getJsonObject("frequencyCap").put("impressions", 1).put("perSeconds", "a day");
    byte[] file2 = new JsonObject().put("campaigns", new JsonArray().add(bad)).encode().getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new CampaignLoader().parse(file2)).hasMessageContaining("frequencyCap.perSeconds");
  }
}
