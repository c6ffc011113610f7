package dev.gavel.tools.bench;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gavel's load generator; scripts/bench drives it step by step, each step writing one JSON file.
 * <pre>
 *   Bench campaigns --file FILE [--count 1000]
 *   Bench load --port P --mode open|closed [--rate R] [--connections C] [--warmup-s W] --duration-s D
 *              [--source auctions|urls] [--urls FILE] [--tmax MS] [--late-ms MS] [--max N]
 *              [--server-pid PID] [--metric NAME] [--lanes 2] [--self-warm-s S] --out FILE
 *   Bench sweep --port P [--rates 300,1000,3000,10000] [--tmax 200] [--late-ms MS] [--duration-s 15]
 *               [--warmup-s 3] [--settle-s 5] [--self-warm-s 8] [--connections 2048] --out FILE
 *   Bench collect --port P --count N --burls FILE [--nurls FILE] [--connections C] --out FILE
 *   Bench pipeline --port P --jdbc URL --urls FILE --count N [--warm-urls FILE] [--self-warm-s 8]
 *               [--gavel-pid PID] [--connections C] --out FILE
 *   Bench counts --jdbc URL --out FILE
 *   Bench drain --jdbc URL --base FILE --count N --bootstrap HOST:PORT --out FILE
 *   Bench report --dir RAW_DIR --json FILE --md FILE [--quick] [--gavel-java-opts OPTS]
 * </pre>
 * Only 127.0.0.1 is ever loaded; every run is bounded in time and count.
 */
public final class Bench {
  private static final Logger LOG = LoggerFactory.getLogger(Bench.class);
  private static final List<String> GROUPS = List.of("gavel-persistence", "gavel-billing");

  private Bench() {}

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      System.err.println("usage: Bench campaigns|load|sweep|collect|pipeline|counts|drain|chaos-fire|chaos-audit|report [options]");
      System.exit(2);
    }
    Args a = Args.parse(Arrays.copyOfRange(argv, 1, argv.length));
    JsonObject result = switch (argv[0]) {
      case "campaigns" -> campaigns(a);
      case "load" -> load(a);
      case "sweep" -> Sweep.run(a);
      case "collect" -> collect(a);
      case "pipeline" -> pipeline(a);
      case "counts" -> counts(a);
      case "drain" -> drain(a);
      case "chaos-fire" -> ChaosPixels.fire(a);
      case "chaos-audit" -> ChaosAudit.audit(a);
      case "report" -> {
        Report.write(Path.of(a.required("dir")), Path.of(a.required("json")), Path.of(a.required("md")),
            a.string("quick", "false").equals("true"), a.string("gavel-java-opts", "none"));
        yield null;
      }
      default -> throw new IllegalArgumentException("unknown command " + argv[0]);
    };
    if (result != null) {
      result.put("step", a.string("label", argv[0]));
      Path out = Path.of(a.required("out"));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, result.encodePrettily());
      System.out.println(result.encode());
    }
    System.exit(0);
  }

  private static JsonObject campaigns(Args a) throws Exception {
    int count = a.integer("count", 1000);
    Path file = Path.of(a.required("file"));
    CampaignGenerator.write(file, count, a.longValue("seed", 42));
    LOG.info("wrote {} campaigns to {}", count, file);
    return null;
  }

  private static JsonObject load(Args a) throws Exception {
    int port = a.integer("port", 18080);
    RequestSource source = "urls".equals(a.string("source", "auctions"))
        ? RequestSource.urls(Path.of(a.required("urls")), 0)
        : RequestSource.auctions(AuctionBodies.build(512, a.integer("tmax", 300), 7));
    LoadPlan.Mode mode = LoadPlan.Mode.valueOf(a.string("mode", "open").toUpperCase());
    LoadPlan plan = new LoadPlan(mode, "127.0.0.1", port, source, a.decimal("rate", 0),
        a.integer("connections", 128), (long) (a.decimal("warmup-s", 0) * 1000), (long) (a.decimal("duration-s", 10) * 1000),
        a.longValue("max", 0), a.longValue("timeout-ms", 10_000), a.decimal("late-ms", 0), null);
    String metric = a.string("metric", null);
    double before = metric == null ? 0 : Metrics.sum(port, metric);
    long pid = a.longValue("server-pid", 0);
    JsonObject result;
    try (RssSampler rss = pid > 0 ? new RssSampler(pid) : null) {
      result = LoadRun.run(plan, a.integer("lanes", 2), (long) (a.decimal("self-warm-s", 0) * 1000), pid);
      if (rss != null) {
        result.put("rssMaxMb", rss.maxMb()).put("rssLastMb", rss.lastMb());
      }
    }
    if (!"urls".equals(a.string("source", "auctions"))) {
      result.put("tmaxMs", a.integer("tmax", 300));
    }
    if (metric != null) {
      result.put("metric", new JsonObject().put("name", metric).put("delta", Metrics.sum(port, metric) - before));
    }
    LOG.info("{} {}: {} req/s, p50 {} ms, p99 {} ms, errors {}", a.string("label", "load"), mode,
        result.getDouble("throughput"), result.getDouble("p50Ms"), result.getDouble("p99Ms"), result.getLong("errors"));
    return result;
  }

  private static JsonObject collect(Args a) throws Exception {
    String nurls = a.string("nurls", null);
    return new UrlCollector().collect(a.integer("port", 18080), a.integer("count", 1000), a.integer("connections", 32),
        a.integer("lanes", 2), Path.of(a.required("burls")), nurls == null ? null : Path.of(nurls));
  }

  private static JsonObject pipeline(Args a) throws Exception {
    long count = a.longValue("count", 10_000);
    LoadPlan fire = firePlan(a, Path.of(a.required("urls")), count);
    String warmUrls = a.string("warm-urls", null);
    LoadPlan warmFire = warmUrls == null ? null : firePlan(a, Path.of(warmUrls), 0);
    try (PipelineProbe probe = new PipelineProbe(a.required("jdbc"), a.string("bootstrap", null), GROUPS)) {
      return new PipelineBench(probe).throughput(fire, warmFire, a.integer("lanes", 2), count,
              (long) (a.decimal("self-warm-s", 8) * 1000), a.longValue("timeout-s", 180) * 1000, a.longValue("gavel-pid", 0))
          .put("warmEvents", warmFire == null ? 0 : warmFire.source().size());
    }
  }

  /** Every URL in the file once (or the first {@code count}), as fast as the connections go. */
  private static LoadPlan firePlan(Args a, Path urls, long count) {
    RequestSource source = RequestSource.urls(urls, count);
    return new LoadPlan(LoadPlan.Mode.CLOSED, "127.0.0.1", a.integer("port", 18080), source, 0,
        a.integer("connections", 64), 0, 600_000, source.size(), 10_000, 0, null);
  }

  private static JsonObject counts(Args a) throws Exception {
    try (PipelineProbe probe = new PipelineProbe(a.required("jdbc"), null, GROUPS)) {
      return probe.counts().toJson();
    }
  }

  private static JsonObject drain(Args a) throws Exception {
    PipelineProbe.Counts base = PipelineProbe.Counts.of(new JsonObject(Files.readString(Path.of(a.required("base")))));
    try (PipelineProbe probe = new PipelineProbe(a.required("jdbc"), a.required("bootstrap"), GROUPS)) {
      return new PipelineBench(probe).drain(base, a.longValue("count", 0), a.longValue("timeout-s", 180) * 1000)
          .put("outageS", a.decimal("outage-s", 0));
    }
  }
}
