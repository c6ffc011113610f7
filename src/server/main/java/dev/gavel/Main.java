package dev.gavel;

import dev.gavel.config.ConfigException;
import dev.gavel.config.ConfigLoader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstrap: read and validate the config, build Vert.x with metrics, start Gavel, and stop it
 * cleanly on SIGTERM. Bad config fails fast with a message that names the key.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    run(args, Infrastructure.NONE);
  }

  /** Starts Gavel inside {@code infrastructure}, which is stopped after Gavel on SIGTERM. */
  public static void run(String[] args, Infrastructure infrastructure) {
    Map<String, String> env = System.getenv();
    Path configFile = ConfigLoader.chooseFile(args, env);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = newVertx(registry);
    Promise<Void> stopRequested = Promise.promise();
    Future<Gavel> starting = ConfigLoader.load(vertx, configFile, env)
        .compose(config -> infrastructure.start(vertx, config))
        .compose(config -> Gavel.start(vertx, config, registry, stopRequested.future()));
    // Installed before start-up completes: a SIGTERM during start-up (the warm-up ends at once)
    // still stops the infrastructure (the embedded services of a local run).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopRequested.tryComplete();
      shutdown(vertx, starting, infrastructure);
    }, "gavel-shutdown"));
    starting
        .onSuccess(Main::printWelcome)
        .onFailure(e -> {
          if (e instanceof ConfigException) {
            LOG.error("invalid configuration ({}): {}", ConfigLoader.describe(configFile), e.getMessage());
          } else {
            LOG.error("Gavel failed to start: {}", e.getMessage(), e);
          }
          // Not from this event loop: exiting runs the shutdown hook, which needs the loops free.
          new Thread(() -> System.exit(1), "gavel-exit").start();
        });
  }

  public static Vertx newVertx(PrometheusMeterRegistry registry) {
    VertxOptions options = new VertxOptions().setMetricsOptions(metricsOptions());
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  /** Vert.x's metrics as Gavel runs them (tests use the same). */
  public static MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        // Per request, Vert.x's HTTP server metrics build tags and look meters up: 12% of the
        // event loops under overload. Gavel counts its answers itself (ResponseCounts, and the
        // auction's and tracking's own meters); client, pool and event-bus metrics stay.
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER);
  }

  /** Runs on the JVM's shutdown thread (not an event loop), so waiting here blocks nothing. */
  private static void shutdown(Vertx vertx, Future<Gavel> starting, Infrastructure infrastructure) {
    waitFor(starting, 60, "start-up did not finish within 60 s");
    if (starting.succeeded()) {
      LOG.info("stopping: finishing in-flight requests");
      waitFor(starting.result().stop(), 25, "Gavel did not stop within 25 s");
    }
    waitFor(infrastructure.stop(vertx), 30, "the infrastructure did not stop within 30 s");
    // Listeners of vertx.close() may be refused by the closing event loops: a short, bounded wait.
    waitFor(vertx.close(), 5, "Vert.x did not close within 5 s");
  }

  private static void waitFor(Future<?> future, int seconds, String warning) {
    CountDownLatch done = new CountDownLatch(1);
    future.toCompletionStage().whenComplete((v, e) -> done.countDown());
    try {
      if (!done.await(seconds, TimeUnit.SECONDS)) {
        LOG.warn(warning);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void printWelcome(Gavel gavel) {
    int port = gavel.config().http().port();
    String base = "http://127.0.0.1:" + port;
    if (!gavel.config().verticles().serve()) {
      LOG.info("Gavel's consumers are ready (the consume role); health: curl -s {}/health, metrics: curl -s {}/metrics", base, base);
      return;
    }
    LOG.info("""

        Gavel is ready on {}
          health:  curl -s {}/health
          metrics: curl -s {}/metrics | grep gavel_
          a bid request:
            curl -s -i -H 'Content-Type: application/json' --data @scripts/sample-request.json {}/openrtb2/auction
        """, base, base, base, base);
  }
}
