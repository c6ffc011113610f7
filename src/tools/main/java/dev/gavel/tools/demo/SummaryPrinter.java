package dev.gavel.tools.demo;

import dev.gavel.tools.demo.Reports.Snapshot;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** The end-of-run summary: what the client saw, then what Gavel's reports say about spend and invalid traffic. */
final class SummaryPrinter {
  private static final List<String> EVENT_KINDS = List.of("win", "impression", "click");

  private SummaryPrinter() {}

  static String auctions(DemoStats s, double seconds) {
    StringBuilder out = new StringBuilder("\nAuctions (as the client saw them)\n");
    long sent = s.sent.sum();
    out.append(String.format("  sent          %,9d in %.1f s (%.0f/s)%n", sent, seconds, sent / Math.max(seconds, 0.001)));
    out.append(String.format("  bids (200)    %,9d%n", s.bids.sum()));
    out.append(String.format("  no bid (204)  %,9d%n", s.noBids.sum()));
    out.append(String.format("  shed          %,9d   (answered at once with a no-bid: Gavel could not run them in time)%n",
        s.shed.sum()));
    out.append(String.format("  invalid (400) %,9d   of %,d broken on purpose%n", s.rejected.sum(), s.brokenSent.sum()));
    out.append(String.format("  errors        %,9d   %s%n", s.errors.sum(), s.errorKinds().isEmpty() ? "" : s.errorKinds()));
    if (s.skipped.sum() > 0) {
      out.append(String.format("  skipped       %,9d   (the in-flight limit was reached)%n", s.skipped.sum()));
    }
    out.append(String.format("  late          %,9d   (answered after the request's own tmax; p99 of latency/tmax %.0f%%)%n",
        s.late.sum(), s.percentOfTmax(99)));
    out.append(String.format("  fill rate     %8.1f%%   (bids / answered valid auctions)%n", s.fillRate()));
    Histogram h = s.latency();
    if (h.getTotalCount() > 0) {
      out.append(String.format("  latency       p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms%n",
          ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)), ms(h.getMaxValue())));
    }
    if (s.errors.sum() + s.skipped.sum() > sent / 20) {
      out.append("  (Gavel, or this machine, could not keep up with this rate: try a lower --rate)\n");
    }
    out.append("  winning bids by seat: ").append(joined(s.winsBySeat())).append('\n');
    for (Map.Entry<String, Long> bidder : s.bidderCalls().entrySet()) {
      long timeouts = s.bidderTimeouts().getOrDefault(bidder.getKey(), 0L);
      out.append(String.format("  bidder %-10s timed out in %,d of the %,d auctions with a bid it took part in%n",
          bidder.getKey(), timeouts, bidder.getValue()));
    }
    return out.toString();
  }

  static String pixels(DemoStats s) {
    Map<String, Long> invalid = s.invalidSent();
    return String.format("%nTracking pixels fired%n  win %,d   impression %,d   duplicate impression %,d   click %,d   "
            + "(refused or failed: %,d)%n  on purpose: %,d hits with a bot user agent, %,d from data-centre IPs%n",
        s.pixels("win"), s.pixels("impression"), s.pixels("impression (duplicate)"), s.pixels("click"), s.pixelErrors.sum(),
        invalid.getOrDefault(DemoStats.BOT_RULE, 0L), invalid.getOrDefault(DemoStats.DATACENTER_RULE, 0L));
  }

  /** Campaigns with activity since the baseline: delivery and spend in the run, budgets as they stand. */
  static String spend(Snapshot before, Snapshot after) {
    TextTable table = new TextTable("campaign", "wins", "imps", "clicks", "invalid imps", "gross $", "IVT credit $", "net $",
        "daily left $", "total left $");
    long[] counts = new long[4];
    BigDecimal[] sums = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    for (Map.Entry<String, JsonObject> e : after.campaigns().entrySet()) {
      JsonObject now = e.getValue();
      JsonObject was = before.campaigns().getOrDefault(e.getKey(), new JsonObject());
      long[] row = {delta(now, was, "wins"), delta(now, was, "impressions"), delta(now, was, "clicks"),
          delta(now, was, "invalidImpressions")};
      if (row[0] == 0 && row[1] == 0 && row[2] == 0) {
        continue;
      }
      BigDecimal[] money = {money(now, was, "grossSpend"), money(now, was, "invalidTrafficCredit"), money(now, was, "netSpend")};
      for (int i = 0; i < 4; i++) {
        counts[i] += row[i];
      }
      for (int i = 0; i < 3; i++) {
        sums[i] = sums[i].add(money[i]);
      }
      table.row(e.getKey(), row[0], row[1], row[2], row[3], plain(money[0]), plain(money[1]), plain(money[2]),
          budget(now, "dailyBudgetRemaining"), budget(now, "totalBudgetRemaining"));
    }
    if (!table.isEmpty()) {
      table.row("total", counts[0], counts[1], counts[2], counts[3], plain(sums[0]), plain(sums[1]), plain(sums[2]), "", "");
    }
    String title = "\nSpend per campaign in this run (USD, from /api/reports/campaigns; budgets as they stand now)\n";
    return title + (table.isEmpty() ? "  no campaign has recorded activity yet\n" : table.render("  "));
  }

  /** Verdicts since the baseline by rule and event kind, next to what the demo sent on purpose. */
  static String fraud(Snapshot before, Snapshot after, DemoStats s) {
    Set<String> rules = new TreeSet<>(after.verdicts().keySet());
    rules.addAll(s.invalidSent().keySet());
    TextTable table = new TextTable("rule", "win", "impression", "click", "total", "sent on purpose");
    for (String rule : rules) {
      Map<String, Long> now = after.verdicts().getOrDefault(rule, Map.of());
      Map<String, Long> was = before.verdicts().getOrDefault(rule, Map.of());
      long total = 0;
      Object[] cells = new Object[6];
      cells[0] = rule;
      for (int i = 0; i < EVENT_KINDS.size(); i++) {
        String kind = EVENT_KINDS.get(i);
        long n = now.getOrDefault(kind, 0L) - was.getOrDefault(kind, 0L);
        cells[i + 1] = n;
        total += n;
      }
      cells[4] = total;
      Long sent = s.invalidSent().get(rule);
      cells[5] = sent == null ? "-" : sent;
      if (total > 0 || sent != null) {
        table.row(cells);
      }
    }
    String title = "\nInvalid traffic by rule in this run (verdicts per tracking event, from /api/reports/fraud)\n";
    return title + (table.isEmpty() ? "  no verdicts\n" : table.render("  "));
  }

  private static long delta(JsonObject now, JsonObject was, String field) {
    return now.getLong(field, 0L) - was.getLong(field, 0L);
  }

  private static BigDecimal money(JsonObject now, JsonObject was, String field) {
    return new BigDecimal(now.getString(field, "0")).subtract(new BigDecimal(was.getString(field, "0")));
  }

  private static String plain(BigDecimal money) {
    return money.setScale(4, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String budget(JsonObject now, String field) {
    return String.format("%,.2f", new BigDecimal(now.getString(field, "0")).setScale(2, RoundingMode.HALF_EVEN));
  }

  private static String joined(Map<String, Long> counts) {
    return counts.isEmpty() ? "none" : counts.entrySet().stream()
        .map(e -> String.format("%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
