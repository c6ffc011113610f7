package dev.gavel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.db.PgPools;
import dev.gavel.testing.Eventually;
import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.TestVertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole loop with the real broker and database: bid, win, bill, click; then the rows, the
 * spend, the report and the trace are right, duplicates are billed once and flagged, bots are
 * credited back, and a campaign whose budget is spent stops bidding.
 */
class PipelineTest {
  static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static GavelHarness gavel;
  private static Pool db;

  @BeforeAll
  static void start() {
    gavel = GavelHarness.fromJson("pipeline", new JsonObject()
        .put("verticles", new JsonObject().put("http", new JsonObject().put("instances", 1)))
        .put("auction", new JsonObject().put("campaignsFile", "src/server/test/resources/campaigns-test.json")));
    db = PgPools.create(gavel.vertx, gavel.gavel.postgres(), 2);
  }

  @AfterAll
  static void stop() {
    TestVertx.await(db.close());
    gavel.close();
  }

  static JsonObject banner(String id, int w, int h) {
    return new JsonObject().put("id", id).put("at", 2)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", w).put("h", h))))))
        .put("site", new JsonObject().put("domain", "news.example"));
  }

  static JsonObject winningBid(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body()).getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);
  }

  static String clickUrl(JsonObject bid) {
    String adm = bid.getString("adm");
    int start = adm.indexOf("href=\"") + 6;
    return adm.substring(start, adm.indexOf('"', start));
  }

  private HttpResponse<String> fire(String url, String userAgent) {
    return gavel.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent).GET().build());
  }

  private long count(String sql, Object... params) {
    Row row = TestVertx.await(db.preparedQuery(sql).execute(Tuple.wrap(params))).iterator().next();
    return row.getLong(0);
  }

  @Test
  void bidWinBillClickEndToEnd() {
    HttpResponse<String> response = gavel.postAuction(banner("p-1", 300, 250).encode());
    JsonObject bid = winningBid(response);
    String auctionId = new JsonObject(response.body()).getString("bidid");

    assertThat(fire(bid.getString("nurl"), CHROME).statusCode()).isEqualTo(204);
    assertThat(fire(bid.getString("burl"), CHROME).statusCode()).isEqualTo(204);
    HttpResponse<String> click = fire(clickUrl(bid), CHROME);
    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("location")).contains("https://twohundred.example/landing");

    Eventually.await("auction, tracking and ledger rows", () ->
        count("SELECT count(*) FROM auctions WHERE auction_id = $1", auctionId) == 1
            && count("SELECT count(*) FROM tracking_events WHERE auction_id = $1", auctionId) == 3
            && count("SELECT count(*) FROM spend_ledger WHERE auction_id = $1", auctionId) == 1, WAIT);
    assertThat(count("SELECT count(*) FROM bids WHERE auction_id = $1 AND status = 'won'", auctionId)).isEqualTo(1);
    // Second price: 1.50 + 0.01 = 1.51 CPM, so the impression cost 0.00151.
    assertThat(count("SELECT cpm_micros FROM spend_ledger WHERE auction_id = $1 AND kind = 'charge'", auctionId)).isEqualTo(1_510_000);

    JsonObject trace = new JsonObject(gavel.get("/api/auctions/" + auctionId).body());
    assertThat(trace.getJsonObject("auction").getString("requestId")).isEqualTo("p-1");
    assertThat(trace.getJsonArray("trackingEvents")).hasSize(3);
    assertThat(trace.getJsonArray("billing")).hasSize(1);

    Eventually.await("the report shows the spend", () -> {
      JsonObject row = campaignRow("house-mrec-200");
      return row.getLong("impressions") >= 1 && row.getLong("clicks") >= 1;
    }, WAIT);
    assertThat(campaignRow("house-mrec-200").getLong("wins")).isBetween(1L, 10L);
  }

  @Test
  void stringsPostgresRefusesAreStoredCleanNotDeadLettered() {
    // JSON escapes for a NUL and for lone surrogates, and the six characters backslash-u-0000.
    String body = banner("p-text", 300, 250).put("site", new JsonObject().put("domain", "news.example")
            .put("publisher", new JsonObject().put("id", "PUBLISHER").put("name", "NAME"))).encode()
        .replace("\"p-text\"", "\"p-text\\u0000\"")
        .replace("\"PUBLISHER\"", "\"pub\\u0000lic\\\\u0000-\\ud800\"")
        .replace("\"NAME\"", "\"\\udc00\"");
    HttpResponse<String> response = gavel.postAuction(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    String auctionId = new JsonObject(response.body()).getString("bidid");

    Eventually.await("the auction is stored", () -> count("SELECT count(*) FROM auctions WHERE auction_id = $1", auctionId) == 1, WAIT);
    JsonObject trace = new JsonObject(gavel.get("/api/auctions/" + auctionId).body()).getJsonObject("auction");
    assertThat(trace.getString("requestId")).isEqualTo("p-text\uFFFD");
    assertThat(count("SELECT count(*) FROM auctions WHERE auction_id = $1 AND publisher_id = $2", auctionId,
        "pub\uFFFDlic\\u0000-\uFFFD")).isEqualTo(1);
  }

  @Test
  void anAuctionIsFoundByItsBidIdOrTheRequestIdToo() {
    HttpResponse<String> first = gavel.postAuction(banner("p-find", 300, 250).encode());
    HttpResponse<String> second = gavel.postAuction(banner("p-find", 300, 250).encode()); // request ids repeat
    String older = new JsonObject(first.body()).getString("bidid");
    String newer = new JsonObject(second.body()).getString("bidid");
    String bidId = winningBid(first).getString("id");
    Eventually.await("both stored", () -> count("SELECT count(*) FROM auctions WHERE request_id = 'p-find'") == 2, WAIT);

    JsonObject byBid = new JsonObject(gavel.get("/api/auctions/" + bidId).body());
    assertThat(byBid.getString("matchedBy")).isEqualTo("bidId");
    assertThat(byBid.getJsonObject("auction").getString("auctionId")).isEqualTo(older);

    JsonObject byRequest = new JsonObject(gavel.get("/api/auctions/p-find").body());
    assertThat(byRequest.getString("matchedBy")).isEqualTo("requestId");
    assertThat(byRequest.getJsonObject("auction").getString("auctionId")).as("the newest").isEqualTo(newer);
    assertThat(byRequest.getJsonArray("alsoMatching")).containsExactly(older);

    assertThat(new JsonObject(gavel.get("/api/auctions/" + older).body()).getString("matchedBy")).isEqualTo("auctionId");
    assertThat(gavel.get("/api/auctions/no-such-thing").statusCode()).isEqualTo(404);
  }

  @Test
  void aTestAuctionsImpressionIsKeptButNeverBilledOrJudged() {
    double fraudBefore = processed("-fraud");
    double billingBefore = processed("-billing");
    HttpResponse<String> response = gavel.postAuction(banner("p-test", 300, 250).put("test", 1).encode());
    JsonObject bid = winningBid(response);
    String auctionId = new JsonObject(response.body()).getString("bidid");
    // A bot, twice: on a live auction that would be a charge, a duplicate and a bot verdict, and a credit.
    fire(bid.getString("burl"), "curl/8.5.0");
    fire(bid.getString("burl"), "curl/8.5.0");
    HttpResponse<String> live = gavel.postAuction(banner("p-after-test", 300, 250).encode());
    String liveAuction = new JsonObject(live.body()).getString("bidid");
    fire(winningBid(live).getString("burl"), CHROME);

    // Billing has read the three hits (they may sit on different partitions: counted, not ordered).
    Eventually.await("both test hits kept, billing read all three, and the live impression billed", () ->
        count("SELECT count(*) FROM tracking_events WHERE auction_id = $1 AND test", auctionId) == 2
            && processed("-billing") >= billingBefore + 3
            && count("SELECT count(*) FROM spend_ledger WHERE auction_id = $1", liveAuction) == 1, WAIT);
    assertThat(count("SELECT count(*) FROM spend_ledger WHERE auction_id = $1", auctionId)).isZero();
    // Fraud has read the two auctions and three hits (it reads both topics): and judged none of the test ones.
    Eventually.await("fraud read this test's events", () -> processed("-fraud") >= fraudBefore + 5, WAIT);
    assertThat(count("SELECT count(*) FROM fraud_verdicts WHERE auction_id = $1", auctionId)).isZero();
  }

  /** Events the consumer group whose name ends so has processed. */
  private static double processed(String groupSuffix) {
    return gavel.registry.find("gavel.consumer.events").counters().stream()
        .filter(c -> c.getId().getTag("group").endsWith(groupSuffix)).mapToDouble(c -> c.count()).sum();
  }

  @Test
  void aDuplicateBillingPixelIsBilledOnceAndFlagged() {
    HttpResponse<String> response = gavel.postAuction(banner("p-dup", 300, 250).encode());
    JsonObject bid = winningBid(response);
    String auctionId = new JsonObject(response.body()).getString("bidid");
    fire(bid.getString("burl"), CHROME);
    fire(bid.getString("burl"), CHROME);

    Eventually.await("both hits recorded and the duplicate flagged", () ->
        count("SELECT count(*) FROM tracking_events WHERE auction_id = $1", auctionId) == 2
            && count("SELECT count(*) FROM fraud_verdicts WHERE auction_id = $1 AND rule_id = 'ivt.duplicate_token'", auctionId) == 1
            && count("SELECT count(*) FROM spend_ledger WHERE auction_id = $1", auctionId) >= 1
            // billing has seen the verdict too, so a wrong credit would be there by now
            && count("SELECT count(*) FROM billing_verdicts b JOIN fraud_verdicts f USING (verdict_id) WHERE f.auction_id = $1",
                auctionId) == 1,
        WAIT);
    assertThat(count("SELECT count(*) FROM spend_ledger WHERE auction_id = $1 AND kind = 'charge'", auctionId)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM spend_ledger WHERE auction_id = $1 AND kind = 'credit'", auctionId)).isZero();
  }

  @Test
  void aBotImpressionIsChargedThenCreditedBack() {
    HttpResponse<String> response = gavel.postAuction(banner("p-bot", 300, 250).encode());
    JsonObject bid = winningBid(response);
    String auctionId = new JsonObject(response.body()).getString("bidid");
    fire(bid.getString("burl"), "curl/8.5.0");

    // Billing writes the credit and persistence the verdict, each from its own consumer: wait for both.
    Eventually.await("the credit and the stored verdict", () ->
        count("SELECT count(*) FROM spend_ledger WHERE auction_id = $1 AND kind = 'credit'", auctionId) == 1
            && count("SELECT count(*) FROM fraud_verdicts WHERE auction_id = $1", auctionId) >= 1, WAIT);
    assertThat(count("SELECT coalesce(sum(cpm_micros), 0)::bigint FROM spend_ledger WHERE auction_id = $1", auctionId)).isZero();
    assertThat(count("SELECT count(*) FROM fraud_verdicts WHERE auction_id = $1 AND rule_id = 'ivt.bot_user_agent'", auctionId))
        .isEqualTo(1);
    // The hourly aggregate (what reports and budgets read) adds up to the ledger, credits included:
    // each comparison in one statement, so one snapshot, whatever billing commits meanwhile.
    assertThat(count("SELECT count(*) FROM spend_ledger WHERE kind = 'credit'")).isPositive();
    assertThat(count("""
        SELECT count(*) FROM (
          SELECT (SELECT coalesce(sum(invalid_impressions), 0) FROM spend_hourly)
                   - (SELECT count(*) FROM spend_ledger WHERE kind = 'credit') AS invalid,
                 (SELECT coalesce(sum(credit_cpm_usd_micros), 0) FROM spend_hourly)
                   + (SELECT coalesce(sum(cpm_usd_micros), 0) FROM spend_ledger WHERE kind = 'credit') AS credited,
                 (SELECT coalesce(sum(impressions), 0) FROM spend_hourly)
                   - (SELECT count(*) FROM spend_ledger WHERE kind = 'charge') AS impressions,
                 (SELECT coalesce(sum(gross_cpm_usd_micros), 0) FROM spend_hourly)
                   - (SELECT coalesce(sum(cpm_usd_micros), 0) FROM spend_ledger WHERE kind = 'charge') AS gross) d
         WHERE invalid <> 0 OR credited <> 0 OR impressions <> 0 OR gross <> 0""")).as("aggregate rows off the ledger").isZero();
  }

  @Test
  void aCampaignStopsBiddingOnceItsBudgetIsSpent() {
    // First price: the one impression costs exactly the campaign's daily budget (2.00 CPM = 0.002).
    JsonObject first = winningBid(gavel.postAuction(banner("p-budget-1", 160, 600).put("at", 1).encode()));
    assertThat(first.getString("cid")).isEqualTo("house-tiny-budget");
    // Won and not billed yet: its price is held against the budget, so it does not bid again.
    assertThat(gavel.postAuction(banner("p-budget-held", 160, 600).encode()).statusCode()).isEqualTo(204);
    fire(first.getString("burl"), CHROME);

    Eventually.await("billing has spent the budget", () ->
        campaignRow("house-tiny-budget").getString("dailyBudgetRemaining").equals("0.000000"), WAIT);
    assertThat(gavel.postAuction(banner("p-budget-n", 160, 600).encode()).statusCode()).isEqualTo(204);
  }

  private JsonObject campaignRow(String id) {
    JsonArray rows = new JsonObject(gavel.get("/api/reports/campaigns").body()).getJsonArray("campaigns");
    for (int i = 0; i < rows.size(); i++) {
      if (rows.getJsonObject(i).getString("campaignId").equals(id)) {
        return rows.getJsonObject(i);
      }
    }
    throw new AssertionError("no report row for " + id);
  }
}
