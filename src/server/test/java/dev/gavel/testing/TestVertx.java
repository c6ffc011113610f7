package dev.gavel.testing;

import dev.gavel.Main;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;

/** Vert.x for tests: metrics as in production, and a blocked-thread checker strict enough to catch blocking calls. */
public final class TestVertx {
  private TestVertx() {}

  public static Vertx create(PrometheusMeterRegistry registry) {
    VertxOptions options = new VertxOptions()
        .setMetricsOptions(Main.metricsOptions().setJvmMetricsEnabled(false)) // JVM binders once per JVM are enough
        .setBlockedThreadCheckInterval(100)
        .setMaxEventLoopExecuteTime(500)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setWarningExceptionTime(400)
        .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  public static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** Waits on the test thread (never an event loop), bounded. */
  public static <T> T await(Future<T> future) {
    return await(future, 20);
  }

  /** Waits on the test thread at most {@code seconds}: for what takes long by design (a start with a warm-up). */
  public static <T> T await(Future<T> future, int seconds) {
    try {
      return future.await(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out waiting for " + future, e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
