package dev.gavel.tools.demo;

import dev.gavel.tools.demo.Reports.Snapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A traffic generator for a running Gavel: realistic OpenRTB 2.6 auctions for a fixed time, the
 * winners' win, billing and click pixels (with some bots, data-centre hosts and duplicates among
 * them), then a summary of what the client saw and of Gavel's spend and invalid-traffic reports.
 * A pure client: it starts nothing, sends only to the given URL, and stops by itself.
 *
 * <pre>java -cp target/gavel-tools.jar dev.gavel.tools.demo.Demo --url http://127.0.0.1:8080 --seconds 30 --rate 200</pre>
 *
 * It writes to standard output on purpose: it is a command-line tool whose output is the report.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws InterruptedException {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      boolean help = e.getMessage() != null && e.getMessage().isEmpty();
      if (help) {
        System.out.print(DemoOptions.USAGE);
      } else {
        System.err.println("demo: " + e.getMessage());
        System.err.print(DemoOptions.USAGE);
      }
      System.exit(help ? 0 : 2);
      return;
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();
    String notReady = waitUntilReady(http, options.url());
    if (notReady != null) {
      System.err.println("demo: " + notReady);
      System.exit(1);
    }
    System.exit(run(options, http));
  }

  private static final String LATE_METRIC = "gavel_auction_late_responses_total";
  private static final long LISTEN_WAIT_NANOS = 60_000_000_000L;

  private static void writeJson(DemoOptions options, DemoStats s, double seconds, double gavelLate,
                                ClientSelfCheck.Result self) {
    org.HdrHistogram.Histogram h = s.latency();
    io.vertx.core.json.JsonObject out = new io.vertx.core.json.JsonObject()
        .put("step", "s6-demo").put("rate", options.rate()).put("seconds", seconds)
        .put("sent", s.sent.sum()).put("bids", s.bids.sum()).put("noBids", s.noBids.sum()).put("shed", s.shed.sum())
        .put("invalid", s.rejected.sum()).put("errors", s.errors.sum()).put("errorKinds", new io.vertx.core.json.JsonObject(
            new java.util.HashMap<String, Object>(s.errorKinds())))
        .put("late", s.late.sum()).put("p99PercentOfTmax", s.percentOfTmax(99))
        .put("p50Ms", h.getValueAtPercentile(50) / 1000.0).put("p99Ms", h.getValueAtPercentile(99) / 1000.0)
        .put("maxMs", h.getMaxValue() / 1000.0).put("gavelLate", gavelLate)
        .put("clientSelfCheckP99Ms", self.p99Ms()).put("clientSelfCheckMaxMs", self.maxMs());
    try {
      java.nio.file.Files.writeString(options.json(), out.encodePrettily());
    } catch (java.io.IOException e) {
      System.err.println("demo: cannot write " + options.json() + ": " + e.getMessage());
    }
  }
  private static final long READY_WAIT_NANOS = 180_000_000_000L;

  /**
   * Waits (bounded) until /ready is 200: a Gavel that has just started is still warming up and
   * sheds every auction. Null when ready, else why not.
   */
  private static String waitUntilReady(HttpClient http, URI base) throws InterruptedException {
    long start = System.nanoTime();
    boolean listening = false;
    boolean told = false;
    while (System.nanoTime() - start < READY_WAIT_NANOS) {
      int status = status(http, base + "/ready");
      if (status == 200) {
        return null;
      }
      listening |= status > 0;
      if (!listening && System.nanoTime() - start > LISTEN_WAIT_NANOS) {
        return "Gavel does not answer at " + base + "; start it first (scripts/run) or pass --url";
      }
      if (!told) {
        System.out.println("Waiting for Gavel at " + base + " to be ready (it warms up before it takes traffic)...");
        told = true;
      }
      Thread.sleep(500);
    }
    return "Gavel at " + base + " did not report ready within " + READY_WAIT_NANOS / 1_000_000_000L
        + " s; its /ready says what is down";
  }

  /** The status of a GET, or 0 when nothing answers. */
  private static int status(HttpClient http, String url) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private static int run(DemoOptions options, HttpClient http) throws InterruptedException {
    Inventory inventory = Inventory.load(options.campaigns());
    Reports reports = new Reports(http, options.url());
    Snapshot before = reports.fetch();
    System.out.printf("Sending %d auctions/s to %s for %d s (at most %d in flight), aimed at %d campaigns' inventory: "
            + "%d sites, %d apps, %d CTV apps, %d audio apps%n", options.rate(), options.url(), options.seconds(),
        options.maxInFlight(), inventory.targets.size(), inventory.sites.size(), inventory.apps.size(),
        inventory.tvApps.size(), inventory.audioApps.size());
    if (before == null) {
      System.out.println("  (the reports cannot be read yet: the summary will show totals, not this run's share)");
    }
    DemoStats stats = new DemoStats();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon());
    Pixels pixels = new Pixels(http, scheduler, stats, options.shares());
    RequestFactory requests = new RequestFactory(inventory, options.shares().invalid());
    ClientSelfCheck.Result self = selfCheck(options, inventory, http, scheduler);
    int warmed = ClientWarmUp.run(http, options.url());
    if (warmed < ClientWarmUp.CONNECTIONS) {
      System.out.printf("  (the client's warm-up reached /ready %d times of %d; its first seconds may be slower)%n",
          warmed, ClientWarmUp.CONNECTIONS);
    }
    // The warm-up's garbage goes now, not in the first measured pause (a 100 ms one when it did).
    System.gc();
    double lateBefore = reports.metric(LATE_METRIC);
    double seconds = new TrafficRun(options, requests, http, scheduler, stats, pixels).run();
    scheduler.shutdownNow();
    double gavelLate = lateBefore < 0 ? -1 : reports.metric(LATE_METRIC) - lateBefore;
    System.out.print(SummaryPrinter.auctions(stats, seconds));
    System.out.printf("  Gavel's own count of answers after their deadline (%s): %s%n", LATE_METRIC,
        gavelLate < 0 ? "unreadable" : String.format("%,.0f", gavelLate));
    if (options.json() != null) {
      writeJson(options, stats, seconds, gavelLate, self);
    }
    System.out.print(SummaryPrinter.pixels(stats));

    System.out.println("\nWaiting for the event pipeline (Kafka, billing, fraud) to catch up...");
    Snapshot baseline = before == null ? Snapshot.EMPTY : before;
    long impressionsFired = stats.pixels("impression");
    Snapshot after = reports.settle(options.settleSeconds(), baseline,
        s -> impressionsFired == 0 || s.total("impressions") > baseline.total("impressions"));
    if (after == null) {
      System.out.println("  the reports could not be read (is PostgreSQL up? see Gavel's log)");
      return 1;
    }
    System.out.print(SummaryPrinter.spend(baseline, after));
    System.out.print(SummaryPrinter.fraud(baseline, after, stats));
    String sample = stats.sampleAuction.get();
    if (sample != null) {
      System.out.println("\nThe whole story of one auction: curl -s " + options.url() + "/api/auctions/" + sample);
    }
    return stats.errors.sum() == 0 ? 0 : 3;
  }

  /** Warms the client on a bare server and says what the client itself adds to every latency. */
  private static ClientSelfCheck.Result selfCheck(DemoOptions options, Inventory inventory, HttpClient http,
                                                  ScheduledExecutorService scheduler) throws InterruptedException {
    try {
      ClientSelfCheck.Result r = ClientSelfCheck.run(options, inventory, http, scheduler);
      System.out.printf("  client self-check, %d s of this traffic against a bare server in the demo's JVM: p99 %.1f ms, "
          + "max %.1f ms (what the client itself adds)%n", ClientSelfCheck.SECONDS, r.p99Ms(), r.maxMs());
      return r;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      System.out.println("  (the client's self-check could not run: " + e + "; its first seconds may be slower)");
      return new ClientSelfCheck.Result(0, 0, 0, 0, -1, -1);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "demo-scheduler");
      t.setDaemon(true);
      return t;
    };
  }
}
