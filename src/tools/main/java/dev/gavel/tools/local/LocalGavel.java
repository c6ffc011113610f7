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
 * answers auctions, and the auction wins a core when they compete. For the same reasons a config
 * with both roles runs its consumers in a third process ({@link ConsumerProcess}, {@code
 * embedded.consumersApart}), started before Gavel and stopped after it; this JVM then serves only.
 */
public final class LocalGavel implements Infrastructure {
  private static final Logger LOG = LoggerFactory.getLogger(LocalGavel.class);

  private final String[] args;
  private volatile KafkaProcess kafka;
  private volatile EmbeddedPostgresServer postgres;
  private volatile ConsumerProcess consumers;

  public LocalGavel() {
    this(new String[0]);
  }

  /** @param args Gavel's command line, which the consumer process gets too (the config file it names) */
  public LocalGavel(String[] args) {
    this.args = args.clone();
  }

  public static void main(String[] args) {
    Main.run(args, new LocalGavel(args));
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
    return Future.join(broker, database)
        .compose(done -> {
          GavelConfig pointed = pointedAtEmbedded(config);
          return apart(pointed) ? vertx.executeBlocking(() -> servingOnly(pointed), false) : Future.succeededFuture(pointed);
        })
        .recover(e -> stop(vertx).transform(ignored -> Future.failedFuture(e)));
  }

  private static boolean apart(GavelConfig config) {
    return config.embedded().consumersApart() && config.verticles().serve() && config.verticles().consume();
  }

  /** Blocking: starts the consumers' process and waits until it is ready; this process keeps the serve role. */
  private GavelConfig servingOnly(GavelConfig config) {
    consumers = ConsumerProcess.start(config, args, Duration.ofSeconds(120));
    return config.withVerticles(config.verticles().withRoles(true, false));
  }

  /** The consumers' process, while it runs (null in one JVM). */
  ConsumerProcess consumers() {
    return consumers;
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

  /** The consumers first (they commit what they wrote), then PostgreSQL, then Kafka, on a worker thread. */
  @Override
  public Future<Void> stop(Vertx vertx) {
    ConsumerProcess c = consumers;
    EmbeddedPostgresServer pg = postgres;
    KafkaProcess k = kafka;
    consumers = null;
    postgres = null;
    kafka = null;
    if (c == null && pg == null && k == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      RuntimeException failure = null;
      if (c != null) {
        try {
          c.stop();
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (pg != null) {
        try {
          pg.stop();
        } catch (RuntimeException e) {
          failure = failure == null ? e : withSuppressed(failure, e);
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
