package dev.gavel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.Eventually;
import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.SharedServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The budget's feedback on the event path: a win holds its price against the budget until billing,
 * as it commits, says the impression is billed (the spend topic); the hold then goes at once, not
 * when it expires. The holds here outlive the test, so only the spend feed can let them go.
 */
class BudgetFeedbackTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static GavelHarness gavel;

  @BeforeAll
  static void start() throws IOException {
    Path campaigns = SharedServices.tempDir("feedback").resolve("campaigns.json");
    // 2.00 CPM, a daily budget of two impressions, the only campaign for 120x600.
    Files.writeString(campaigns, new JsonObject().put("campaigns", new JsonArray().add(new JsonObject()
        .put("id", "two-left").put("advertiserDomain", "twoleft.example").put("bidCpm", "2.00")
        .put("dailyBudget", "0.004").put("totalBudget", "1.00")
        .put("targeting", new JsonObject().put("sizes", new JsonArray().add("120x600")))
        .put("creative", new JsonObject().put("id", "cr-two").put("type", "banner").put("size", "120x600")
            .put("clickThroughUrl", "https://twoleft.example/").put("markup", "<a href=\"${CLICK_URL}\">two</a>")))).encode());
    gavel = GavelHarness.fromJson("feedback", new JsonObject()
        .put("auction", new JsonObject().put("campaignsFile", campaigns.toString()).put("budgetHoldSeconds", 3600)));
  }

  @AfterAll
  static void stop() {
    gavel.close();
  }

  private static int auction(String id) {
    return gavel.postAuction(PipelineTest.banner(id, 120, 600).put("at", 1).encode()).statusCode();
  }

  private static String remainingToday() {
    JsonArray rows = new JsonObject(gavel.get("/api/reports/campaigns").body()).getJsonArray("campaigns");
    for (int i = 0; i < rows.size(); i++) {
      if (rows.getJsonObject(i).getString("campaignId").equals("two-left")) {
        return rows.getJsonObject(i).getString("dailyBudgetRemaining");
      }
    }
    return "";
  }

  @Test
  void aBilledWinLetsGoOfItsHoldSoTheBudgetIsDeliveredToTheEnd() {
    // First price: each impression costs 0.002, half the daily budget.
    JsonObject first = PipelineTest.winningBid(gavel.postAuction(PipelineTest.banner("first", 120, 600).put("at", 1).encode()));
    assertThat(gavel.send(HttpRequest.newBuilder(URI.create(first.getString("burl"))).header("User-Agent", PipelineTest.CHROME)
        .GET().build()).statusCode()).isBetween(200, 299);
    Eventually.await("billing has the first impression", () -> remainingToday().equals("0.002000"), WAIT);
    // Only the spend feed lets go of the first win's hold: it would stay an hour otherwise.
    Eventually.await("the hold let go", () -> gavel.registry.find("gavel.budget.pending.wins").gauge().value() == 0, WAIT);

    // Billed 0.002, nothing held: the campaign bids for its last impression.
    assertThat(auction("again")).isEqualTo(200);
    // That win holds the rest of the budget: no more bids, before any billing of it.
    assertThat(auction("over")).isEqualTo(204);
  }
}
