package dev.gavel.tools.local;

import dev.gavel.Infrastructure;
import dev.gavel.Main;
import dev.gavel.config.GavelConfig;
import dev.gavel.testkit.EmbeddedPostgresServer;
import dev.gavel.testkit.KafkaProcess;
import dev.gavel.testkit.LowerPriority;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gavel on one machine with nothing installed ({@code scripts/run}): Gavel's own {@link Main}, with
 * an embedded single-node Kafka broker and an embedded PostgreSQL started first for whichever of
 * {@code kafka.bootstrapServers} and {@code postgres.url} the config leaves empty (their files under
 * {@code embedded.dataDir}), and stopped after Gavel. What the config sets is used as it is.
 * Both run as processes of their own (PostgreSQL always does), at a lower CPU priority
 * ({@link LowerPriority}): the broker's heap, pauses and JIT compilation stay out of the JVM that
 * answers auctions, and the auction wins a core when they compete.
 */
public final class LocalGavel implements Infrastructure {
  private static final Logger LOG = LoggerFactory.getLogger(LocalGavel.class);

  private volatile KafkaProcess kafka;
  private volatile EmbeddedPostgresServer postgres;

  public static void main(String[] args) {
    Main.run(args, new LocalGavel());
  }

  /** Both at once, on worker threads; if one fails, the other is stopped before the failure is answered. */
  @Override
  public Future<GavelConfig> start(Vertx vertx, GavelConfig config) {
    Path dataDir = Path.of(config.embedded().dataDir());
    Future<KafkaProcess> broker = config.kafka().bootstrapServers().isEmpty()
        ? vertx.executeBlocking(() -> kafka = KafkaProcess.start(dataDir.resolve("kafka"), Duration.ofSeconds(120)), false)
        : Future.succeededFuture();
    Future<EmbeddedPostgresServer> database = config.postgres().url().isEmpty()
        ? vertx.executeBlocking(() -> postgres = lowered(EmbeddedPostgresServer.start(dataDir.resolve("postgres"))), false)
        : Future.succeededFuture();
    return Future.join(broker, database).transform(done -> {
      if (done.failed()) {
        return stop(vertx).transform(ignored -> Future.failedFuture(done.cause()));
      }
      return Future.succeededFuture(pointedAtEmbedded(config));
    });
  }

  private static EmbeddedPostgresServer lowered(EmbeddedPostgresServer server) {
    long pid = server.postmasterPid();
    if (pid > 0) {
      LowerPriority.renice(pid);
    }
    return server;
  }

  private GavelConfig pointedAtEmbedded(GavelConfig config) {
    KafkaProcess k = kafka;
    EmbeddedPostgresServer pg = postgres;
    return config.withServices(
        k == null ? config.kafka() : config.kafka().withBootstrapServers(k.bootstrapServers()),
        pg == null ? config.postgres()
            : config.postgres().withServer(pg.url(), pg.user(), pg.password()));
  }

  /** PostgreSQL first, then Kafka, on a worker thread. */
  @Override
  public Future<Void> stop(Vertx vertx) {
    EmbeddedPostgresServer pg = postgres;
    KafkaProcess k = kafka;
    postgres = null;
    kafka = null;
    if (pg == null && k == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      RuntimeException failure = null;
      if (pg != null) {
        try {
          pg.stop();
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (k != null) {
        try {
          k.stop();
        } catch (RuntimeException e) {
          failure = failure == null ? e : withSuppressed(failure, e);
        }
      }
      if (failure != null) {
        LOG.warn("Stopping the embedded services failed", failure);
        throw failure;
      }
      return null;
    }, false);
  }

  private static RuntimeException withSuppressed(RuntimeException first, RuntimeException second) {
    first.addSuppressed(second);
    return first;
  }
}
