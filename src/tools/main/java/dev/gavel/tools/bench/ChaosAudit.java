package dev.gavel.tools.bench;

import dev.gavel.tracking.TokenSigner;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every pixel scripts/chaos fired against what billing stored: for each step, the URLs
 * answered 2xx must each be charged exactly once and never credited (they are all legitimate
 * browser hits); the aggregate must agree with the ledger. Waits for the pipeline to settle first
 * (every answered pixel billed, or no progress for {@code --settle-s}).
 */
final class ChaosAudit {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosAudit.class);

  /** One fired pixel, as ChaosPixels wrote it. */
  private record Fired(long intendedEpochMs, int status, long latencyMs, String chargeEntry) {}

  private record Step(String name, List<Fired> fired, long faultFromMs, long faultToMs) {
    String[] answeredCharges() {
      return fired.stream().filter(f -> f.status() / 100 == 2).map(Fired::chargeEntry).toArray(String[]::new);
    }
  }

  private ChaosAudit() {}

  static JsonObject audit(Args a) throws Exception {
    Path dir = Path.of(a.required("dir"));
    List<Step> steps = new ArrayList<>();
    for (String name : a.required("steps").split(",")) {
      steps.add(step(dir, name));
    }
    try (Connection db = DriverManager.getConnection(a.required("jdbc"), "postgres", "postgres")) {
      settle(db, steps, a.longValue("settle-s", 40) * 1000, a.longValue("timeout-s", 300) * 1000);
      JsonArray rows = new JsonArray();
      for (Step step : steps) {
        rows.add(row(db, step));
      }
      JsonObject result = new JsonObject().put("steps", rows)
          .put("aggregateMinusLedgerImpressions", single(db, "SELECT (SELECT coalesce(sum(impressions), 0) FROM spend_hourly)"
              + " - (SELECT count(*) FROM spend_ledger WHERE kind = 'charge')"))
          .put("aggregateMinusLedgerCredits", single(db, "SELECT (SELECT coalesce(sum(invalid_impressions), 0) FROM spend_hourly)"
              + " - (SELECT count(*) FROM spend_ledger WHERE kind = 'credit')"));
      String md = a.string("md", null);
      if (md != null) {
        Files.writeString(Path.of(md), markdown(result));
      }
      return result;
    }
  }

  private static final String[] COLUMNS = {"step", "fired", "answered2xx", "noAnswer", "status5xx", "billed", "lost",
      "wronglyCredited", "faultSeconds", "p99MsDuringFault", "p99MsAll"};

  static String markdown(JsonObject result) {
    StringBuilder out = new StringBuilder("| Step | Pixels fired | Answered 2xx | No answer | 5xx | Billed | Lost | "
        + "Wrongly credited | Fault (s) | /event p99 in fault (ms) | p99 whole step (ms) |\n");
    out.append("|---".repeat(COLUMNS.length)).append("|\n");
    for (Object o : result.getJsonArray("steps")) {
      JsonObject row = (JsonObject) o;
      for (String column : COLUMNS) {
        out.append("| ").append(row.getValue(column)).append(' ');
      }
      out.append("|\n");
    }
    out.append("\nAggregate minus ledger: impressions ").append(result.getLong("aggregateMinusLedgerImpressions"))
        .append(", credits ").append(result.getLong("aggregateMinusLedgerCredits")).append(" (0 and 0: nothing doubled)\n");
    return out.toString();
  }

  private static Step step(Path dir, String name) throws Exception {
    List<Fired> fired = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(name + ".answered"))) {
      String[] f = line.split(" ", 4);
      String token = URI.create(f[3]).getRawQuery().replaceFirst("^t=", "");
      fired.add(new Fired(Long.parseLong(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]),
          "charge:" + TokenSigner.tokenIdOf(java.net.URLDecoder.decode(token, java.nio.charset.StandardCharsets.UTF_8))));
    }
    String[] window = Files.readString(dir.resolve(name + ".window")).trim().split(" ");
    return new Step(name, fired, Long.parseLong(window[0]), Long.parseLong(window[1]));
  }

  private static void settle(Connection db, List<Step> steps, long settleMs, long timeoutMs) throws Exception {
    long expected = steps.stream().mapToLong(s -> s.answeredCharges().length).sum();
    long deadline = System.currentTimeMillis() + timeoutMs;
    long last = -1;
    long lastChange = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      long billed = 0;
      for (Step step : steps) {
        billed += count(db, "SELECT count(*) FROM spend_ledger WHERE entry_id = ANY(?)", step.answeredCharges());
      }
      if (billed != last) {
        last = billed;
        lastChange = System.currentTimeMillis();
        LOG.info("billed {} of {} answered pixels", billed, expected);
      }
      if (billed >= expected && System.currentTimeMillis() - lastChange >= settleMs
          || System.currentTimeMillis() - lastChange >= settleMs * 2) {
        return; // all billed and the verdicts had their time, or nothing moves any more
      }
      Thread.sleep(1000);
    }
  }

  private static JsonObject row(Connection db, Step step) throws Exception {
    String[] answered = step.answeredCharges();
    long billed = count(db, "SELECT count(*) FROM spend_ledger WHERE entry_id = ANY(?)", answered);
    long credited = count(db, "SELECT count(*) FROM spend_ledger WHERE kind = 'credit' AND subject_event_id IN "
        + "(SELECT subject_event_id FROM spend_ledger WHERE entry_id = ANY(?))", answered);
    long noAnswer = step.fired().stream().filter(f -> f.status() < 0).count();
    long server = step.fired().stream().filter(f -> f.status() >= 500).count();
    long client = step.fired().stream().filter(f -> f.status() >= 400 && f.status() < 500).count();
    List<Fired> inFault = step.fired().stream()
        .filter(f -> f.intendedEpochMs() >= step.faultFromMs() && f.intendedEpochMs() <= step.faultToMs()).toList();
    return new JsonObject().put("step", step.name()).put("fired", step.fired().size()).put("answered2xx", answered.length)
        .put("noAnswer", noAnswer).put("status4xx", client).put("status5xx", server)
        .put("billed", billed).put("lost", answered.length - billed).put("wronglyCredited", credited)
        .put("faultSeconds", Recorder.round((step.faultToMs() - step.faultFromMs()) / 1000.0))
        .put("firedDuringFault", inFault.size())
        .put("p99MsDuringFault", p99(inFault)).put("p99MsAll", p99(step.fired()));
  }

  /** Of the answered pixels only: one that got no answer is counted in noAnswer instead. */
  private static long p99(List<Fired> fired) {
    long[] latencies = fired.stream().filter(f -> f.status() > 0).mapToLong(Fired::latencyMs).sorted().toArray();
    return latencies.length == 0 ? -1 : latencies[(int) Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)];
  }

  private static long count(Connection db, String sql, String[] values) throws Exception {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      Array array = db.createArrayOf("text", values);
      statement.setArray(1, array);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long single(Connection db, String sql) throws Exception {
    try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
