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
 * <pre>java -cp target/gavel.jar dev.gavel.tools.demo.Demo --url http://127.0.0.1:8080 --seconds 30 --rate 200</pre>
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
    if (!healthy(http, options.url())) {
      System.err.println("demo: Gavel does not answer at " + options.url() + "/health; start it first (scripts/run) or pass --url");
      System.exit(1);
    }
    System.exit(run(options, http));
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
    double seconds = new TrafficRun(options, requests, http, scheduler, stats, pixels).run();
    scheduler.shutdownNow();
    System.out.print(SummaryPrinter.auctions(stats, seconds));
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

  private static boolean healthy(HttpClient http, URI base) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(3)).GET().build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
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
