package dev.gavel.embedded;

import dev.gavel.config.GavelConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker and PostgreSQL server Gavel talks to: embedded ones started here when the config
 * names no external ones ({@code <embedded.dataDir>/kafka}, {@code <embedded.dataDir>/postgres}),
 * else the external ones as configured. Either way it answers where they are.
 *
 * <p>Topics and the schema are not created here: see {@link KafkaTopics} and {@link Migrations}.
 */
public final class EmbeddedServices {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedServices.class);

  /** Where PostgreSQL is and who to connect as. */
  public record PostgresEndpoint(String host, int port, String database, String user, String password) {
    public String jdbcUrl() {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** {@code postgresql://host:port/database}, without credentials. */
    public String url() {
      return "postgresql://" + host + ":" + port + "/" + database;
    }
  }

  private final EmbeddedKafka kafka;
  private final EmbeddedPostgresServer postgres;
  private final String bootstrapServers;
  private final PostgresEndpoint postgresEndpoint;

  private EmbeddedServices(EmbeddedKafka kafka, EmbeddedPostgresServer postgres, String bootstrapServers, PostgresEndpoint postgresEndpoint) {
    this.kafka = kafka;
    this.postgres = postgres;
    this.bootstrapServers = bootstrapServers;
    this.postgresEndpoint = postgresEndpoint;
  }

  /** Starts what the config asks to embed (both at once, on worker threads); external ones are left alone. */
  public static Future<EmbeddedServices> start(Vertx vertx, GavelConfig config) {
    Path dataDir = Path.of(config.embedded().dataDir());
    Future<EmbeddedKafka> kafka = config.kafka().embedded()
        ? vertx.executeBlocking(() -> EmbeddedKafka.start(dataDir.resolve("kafka")), false)
        : Future.succeededFuture();
    Future<EmbeddedPostgresServer> postgres = config.postgres().embedded()
        ? vertx.executeBlocking(() -> EmbeddedPostgresServer.start(dataDir.resolve("postgres")), false)
        : Future.succeededFuture();
    return Future.join(kafka, postgres).transform(done -> {
      if (done.failed()) {
        // Stop whichever did start, then report the failure.
        EmbeddedServices partial = new EmbeddedServices(kafka.result(), postgres.result(), null, null);
        return partial.stop(vertx).transform(ignored -> Future.failedFuture(done.cause()));
      }
      String bootstrap = kafka.result() != null ? kafka.result().bootstrapServers() : config.kafka().bootstrapServers();
      PostgresEndpoint endpoint = postgres.result() != null
          ? endpointOf(postgres.result())
          : external(config.postgres().url(), config.postgres().user(), config.postgres().password());
      return Future.succeededFuture(new EmbeddedServices(kafka.result(), postgres.result(), bootstrap, endpoint));
    });
  }

  /** The endpoint of an external server, from {@code postgresql://[user[:password]@]host[:port]/database}. */
  public static PostgresEndpoint external(String url, String user, String password) {
    PgConnectOptions parsed = PgConnectOptions.fromUri(url);
    boolean hasCredentials = url.contains("@");
    return new PostgresEndpoint(
        parsed.getHost(),
        parsed.getPort(),
        parsed.getDatabase(),
        hasCredentials ? parsed.getUser() : user,
        hasCredentials ? parsed.getPassword() : password);
  }

  private static PostgresEndpoint endpointOf(EmbeddedPostgresServer server) {
    return new PostgresEndpoint(server.host(), server.port(), server.database(), server.user(), server.password());
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public PostgresEndpoint postgres() {
    return postgresEndpoint;
  }

  /** The embedded broker, or null when Kafka is external. */
  public EmbeddedKafka embeddedKafka() {
    return kafka;
  }

  /** The embedded server, or null when PostgreSQL is external. */
  public EmbeddedPostgresServer embeddedPostgres() {
    return postgres;
  }

  /** Stops what was started here, PostgreSQL first, then Kafka, on a worker thread. */
  public Future<Void> stop(Vertx vertx) {
    if (kafka == null && postgres == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      RuntimeException failure = null;
      if (postgres != null) {
        try {
          postgres.stop();
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (kafka != null) {
        try {
          kafka.stop();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        log.warn("Stopping the embedded services failed", failure);
        throw failure;
      }
      return null;
    }, false);
  }
}
