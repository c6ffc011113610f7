package dev.gavel.tools.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the overspend the budget feedback loop allows: drives first-price auctions that one
 * budget-limited campaign wins, fires every win's billing pixel at once (as fast as the client
 * can), until the campaign has not won for two seconds; then reads what billing recorded and
 * prints it against the budget: what was delivered, and any overspend. What it measures is how well
 * the serving side's holds (bids in flight, wins not billed yet) and billing's spend feed bound it.
 *
 * <pre>java -cp target/gavel-tools.jar dev.gavel.tools.bench.OverspendProbe --url http://127.0.0.1:18080
 *     --campaign probe-budget --size 160x600 --concurrency 32 --max-seconds 60</pre>
 */
public final class OverspendProbe {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;
  private final String campaign;
  private final int width;
  private final int height;
  private final AtomicLong wins = new AtomicLong();
  private final AtomicLong auctions = new AtomicLong();
  private final AtomicLong lastWinNanos = new AtomicLong(System.nanoTime());

  private OverspendProbe(String url, String campaign, int width, int height) {
    this.url = url;
    this.campaign = campaign;
    this.width = width;
    this.height = height;
  }

  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:8080";
    String campaign = "probe-budget";
    String size = "160x600";
    int concurrency = 32;
    int maxSeconds = 60;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--url" -> url = args[i + 1];
        case "--campaign" -> campaign = args[i + 1];
        case "--size" -> size = args[i + 1];
        case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
        case "--max-seconds" -> maxSeconds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!URI.create(url).getHost().equals("127.0.0.1")) {
      throw new IllegalArgumentException("the probe only loads 127.0.0.1");
    }
    String[] wh = size.split("x");
    new OverspendProbe(url, campaign, Integer.parseInt(wh[0]), Integer.parseInt(wh[1])).run(concurrency, maxSeconds);
  }

  private void run(int concurrency, int maxSeconds) throws Exception {
    long start = System.nanoTime();
    long deadline = start + maxSeconds * 1_000_000_000L;
    Thread[] drivers = new Thread[concurrency];
    for (int i = 0; i < concurrency; i++) {
      drivers[i] = new Thread(() -> drive(deadline), "probe-" + i);
      drivers[i].start();
    }
    for (Thread t : drivers) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    JsonObject row = settledRow();
    BigDecimal budget = new BigDecimal(row.getString("dailyBudget"));
    BigDecimal spent = new BigDecimal(row.getString("netSpendToday"));
    BigDecimal over = spent.subtract(budget).max(BigDecimal.ZERO);
    System.out.printf("overspend probe: %d auctions in %.1f s (%.0f/s), %d wins billed%n", auctions.get(), seconds,
        auctions.get() / seconds, row.getLong("impressions"));
    double share = budget.signum() == 0 ? 0.0 : 100 / budget.doubleValue();
    System.out.printf("  daily budget %s USD, net spend %s USD (%.1f%% delivered), overspend %s USD (%.2f%% of the budget)%n",
        budget.toPlainString(), spent.toPlainString(), spent.doubleValue() * share, over.toPlainString(), over.doubleValue() * share);
    System.out.println("  " + new JsonObject().put("auctions", auctions.get()).put("seconds", seconds)
        .put("impressions", row.getLong("impressions")).put("budget", budget.toPlainString())
        .put("netSpend", spent.toPlainString()).put("overspend", over.toPlainString()).encode());
  }

  /** One driver: auctions back to back; every win's billing pixel fired; stops 2 s after the last win. */
  private void drive(long deadline) {
    while (System.nanoTime() < deadline && System.nanoTime() - lastWinNanos.get() < 2_000_000_000L) {
      try {
        auctions.incrementAndGet();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/openrtb2/auction"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request())).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          continue;
        }
        JsonObject bid = new JsonObject(response.body()).getJsonArray("seatbid").getJsonObject(0).getJsonArray("bid").getJsonObject(0);
        if (campaign.equals(bid.getString("cid"))) {
          wins.incrementAndGet();
          lastWinNanos.set(System.nanoTime());
          http.send(HttpRequest.newBuilder(URI.create(bid.getString("burl"))).header("User-Agent", CHROME)
              .header("X-Forwarded-For", "100.64." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256))
              .GET().build(), HttpResponse.BodyHandlers.discarding());
        }
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private String request() {
    return new JsonObject().put("id", "probe-" + auctions.get()).put("at", 1).put("tmax", 500)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", width).put("h", height))))))
        .put("site", new JsonObject().put("domain", "probe.example"))
        .put("device", new JsonObject().put("devicetype", 2).put("geo", new JsonObject().put("country", "USA")))
        .encode();
  }

  /** The campaign's report row once billing has caught up (the impressions stop changing). */
  private JsonObject settledRow() throws Exception {
    long previous = -1;
    JsonObject row = null;
    for (int i = 0; i < 60; i++) {
      row = campaignRow();
      long impressions = row.getLong("impressions");
      if (impressions == previous && impressions >= wins.get() * 99 / 100) {
        return row;
      }
      previous = impressions;
      Thread.sleep(1000); // a client tool polling a report, not a test
    }
    return row;
  }

  private JsonObject campaignRow() throws Exception {
    String body = http.send(HttpRequest.newBuilder(URI.create(url + "/api/reports/campaigns")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    JsonArray rows = new JsonObject(body).getJsonArray("campaigns");
    for (int i = 0; i < rows.size(); i++) {
      if (campaign.equals(rows.getJsonObject(i).getString("campaignId"))) {
        return rows.getJsonObject(i);
      }
    }
    throw new IllegalStateException("no report row for campaign " + campaign);
  }
}
