package dev.gavel.tools.demo;

import java.net.URI;
import java.nio.file.Path;

/**
 * The demo's command line: where Gavel is, for how long and how fast to send, and what share of
 * the tracking traffic is invalid on purpose.
 *
 * @param url Gavel's base URL (auctions, tracking and reports are all under it)
 * @param seconds how long auctions are sent; pixels and reports follow
 * @param rate auctions per second
 * @param maxInFlight auctions awaiting an answer at most; a tick with none free skips its auction
 * @param campaigns the campaigns file whose sites, apps, formats and deals shape the traffic
 * @param settleSeconds at most this long to wait for the reports to stop changing
 * @param json where to write the auction figures as JSON too (scripts/bench), or null
 */
record DemoOptions(URI url, int seconds, int rate, int maxInFlight, Path campaigns, int settleSeconds,
                   Shares shares, Path json) {

  /** Shares (0..1) of the traffic that is special. */
  record Shares(double invalid, double click, double bot, double duplicate, double dataCenter) {}

  static final String USAGE = """
      usage: java -cp target/gavel-tools.jar dev.gavel.tools.demo.Demo [options]
        --url URL          Gavel's base URL (default http://127.0.0.1:8080)
        --seconds N        how long to send auctions (default 30)
        --rate N           auctions per second (default 200)
        --max-in-flight N  auctions awaiting an answer at most (default 256)
        --campaigns FILE   campaigns whose inventory to aim at (default conf/campaigns.json)
        --settle N         seconds to wait at most for the reports to catch up (default 30)
        --invalid-share X  share of invalid bid requests (default 0.02)
        --click-share X    share of impressions that are clicked (default 0.10)
        --bot-share X      share of winners whose pixels come from a bot user agent (default 0.05)
        --dup-share X      share of impressions whose billing pixel fires twice (default 0.03)
        --dc-share X       share of winners whose pixels come from a data-centre IP (default 0.02)
        --json FILE        also write the auction figures to FILE as JSON
      """;

  static DemoOptions parse(String[] args) {
    URI url = URI.create("http://127.0.0.1:8080");
    int seconds = 30;
    int rate = 200;
    int maxInFlight = 256;
    Path campaigns = Path.of("conf/campaigns.json");
    int settle = 30;
    double invalid = 0.02;
    double click = 0.10;
    double bot = 0.05;
    double dup = 0.03;
    double dc = 0.02;
    Path json = null;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        throw new IllegalArgumentException("");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + name);
      }
      String v = args[++i];
      switch (name) {
        case "--url" -> url = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
        case "--seconds" -> seconds = positive(name, v);
        case "--rate" -> rate = positive(name, v);
        case "--max-in-flight" -> maxInFlight = positive(name, v);
        case "--campaigns" -> campaigns = Path.of(v);
        case "--settle" -> settle = number(name, v);
        case "--invalid-share" -> invalid = share(name, v);
        case "--click-share" -> click = share(name, v);
        case "--bot-share" -> bot = share(name, v);
        case "--dup-share" -> dup = share(name, v);
        case "--dc-share" -> dc = share(name, v);
        case "--json" -> json = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    return new DemoOptions(url, seconds, rate, maxInFlight, campaigns, settle, new Shares(invalid, click, bot, dup, dc), json);
  }

  private static int positive(String name, String value) {
    int n = number(name, value);
    if (n <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return n;
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a whole number, not '" + value + "'");
    }
  }

  private static double share(String name, String value) {
    double x;
    try {
      x = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a number between 0 and 1, not '" + value + "'");
    }
    if (x < 0 || x > 1) {
      throw new IllegalArgumentException(name + " must be between 0 and 1: " + value);
    }
    return x;
  }
}
