package dev.gavel;

import dev.gavel.config.ConfigException;
import dev.gavel.config.ConfigLoader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
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
    Map<String, String> env = System.getenv();
    Path configFile = ConfigLoader.chooseFile(args, env);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = newVertx(registry);
    ConfigLoader.load(vertx, configFile, env)
        .compose(config -> Gavel.start(vertx, config, registry))
        .onSuccess(gavel -> {
          Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, gavel), "gavel-shutdown"));
          printWelcome(gavel);
        })
        .onFailure(e -> {
          if (e instanceof ConfigException) {
            LOG.error("invalid configuration in {}: {}", configFile, e.getMessage());
          } else {
            LOG.error("Gavel failed to start: {}", e.getMessage(), e);
          }
          vertx.close().onComplete(v -> System.exit(1));
        });
  }

  public static Vertx newVertx(PrometheusMeterRegistry registry) {
    VertxOptions options = new VertxOptions()
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  /** Runs on the JVM's shutdown thread (not an event loop), so waiting here blocks nothing. */
  private static void shutdown(Vertx vertx, Gavel gavel) {
    LOG.info("stopping: finishing in-flight requests");
    CountDownLatch done = new CountDownLatch(1);
    gavel.stop().eventually(vertx::close).onComplete(v -> done.countDown());
    try {
      if (!done.await(30, TimeUnit.SECONDS)) {
        LOG.warn("shutdown did not finish within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void printWelcome(Gavel gavel) {
    int port = gavel.config().http().port();
    String base = "http://127.0.0.1:" + port;
    LOG.info("""

        Gavel is ready on {}
          health:  curl -s {}/health
          metrics: curl -s {}/metrics | grep gavel_
          a bid request:
            curl -s -i -H 'Content-Type: application/json' --data @scripts/sample-request.json {}/openrtb2/auction
        """, base, base, base, base);
  }
}
