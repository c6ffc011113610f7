package dev.gavel.testing;

import dev.gavel.config.GavelConfig;
import dev.gavel.config.KafkaConfig;
import dev.gavel.db.Migrations;
import dev.gavel.db.PgPools;
import dev.gavel.pipeline.kafka.KafkaTopics;
import dev.gavel.testkit.EmbeddedKafka;
import dev.gavel.testkit.EmbeddedPostgresServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded Kafka broker and one embedded PostgreSQL per test JVM, started on first use under
 * {@code target/test-services/<random>} and stopped (and deleted) by a shutdown hook. Tests share
 * the servers but never their data: each test class takes its own database and its own topics.
 *
 * <pre>{@code
 * String db = SharedServices.createDatabase("billing");         // billing_<random>, migrated to V-latest
 * Pool pool = SharedServices.pool(vertx, db);                      // close it in @AfterAll
 * KafkaConfig kafka = SharedServices.uniqueTopics("billing");     // topics billing.<random>.auctions ..., created
 * JsonObject conf = SharedServices.config(db, kafka);              // kafka + postgres sections for GavelHarness.fromJson
 * }</pre>
 *
 * All methods block (they may start a server, run JDBC or the Kafka admin client): call them from
 * the test thread, in {@code @BeforeAll}/{@code @BeforeEach} or the test itself, never on an event
 * loop. A test that stops or restarts a shared server must leave it running when it ends.
 */
public final class SharedServices {
  private static final Logger log = LoggerFactory.getLogger(SharedServices.class);
  private static final Path ROOT = Path.of("target", "test-services", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();

  private static volatile EmbeddedKafka kafka;
  private static volatile EmbeddedPostgresServer postgres;
  private static boolean hooked;

  private SharedServices() {}

  /** The shared broker, started on first call (about 2 s). */
  public static synchronized EmbeddedKafka kafka() {
    if (kafka == null) {
      hook();
      long t0 = System.nanoTime();
      kafka = EmbeddedKafka.start(ROOT.resolve("kafka"));
      log.info("Shared Kafka up on {} in {} ms", kafka.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
    }
    return kafka;
  }

  public static String bootstrapServers() {
    return kafka().bootstrapServers();
  }

  /** The shared PostgreSQL server, started on first call. */
  public static synchronized EmbeddedPostgresServer postgres() {
    if (postgres == null) {
      hook();
      long t0 = System.nanoTime();
      postgres = EmbeddedPostgresServer.start(ROOT.resolve("postgres"));
      log.info("Shared PostgreSQL up on port {} in {} ms", postgres.port(), (System.nanoTime() - t0) / 1_000_000);
    }
    return postgres;
  }

  /**
   * Creates a fresh database {@code <prefix>_<random>} (lower case) on the shared server, migrates
   * it to the current schema and returns its name.
   */
  public static String createDatabase(String prefix) {
    String name = (prefix + "_" + random()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    EmbeddedPostgresServer server = postgres();
    server.createDatabase(name);
    Migrations.migrate(server.jdbcUrl(name), server.user(), server.password());
    return name;
  }

  /** JDBC URL of a database on the shared server (user {@link EmbeddedPostgresServer#user()}). */
  public static String jdbcUrl(String database) {
    return postgres().jdbcUrl(database);
  }

  /** {@code postgresql://host:port/database}, the form of Gavel's {@code postgres.url}. */
  public static String url(String database) {
    EmbeddedPostgresServer server = postgres();
    return "postgresql://" + server.host() + ":" + server.port() + "/" + database;
  }

  /** A reactive pool on a database of the shared server (4 connections). The caller closes it. */
  public static Pool pool(Vertx vertx, String database) {
    EmbeddedPostgresServer server = postgres();
    return PgPools.create(vertx, server.host(), server.port(), database, server.user(), server.password(), 4);
  }

  /**
   * Kafka settings pointing at the shared broker with topics of their own,
   * {@code <prefix>.<random>.auctions|tracking|verdicts|deadletter} (3 partitions each, already
   * created), and a spool directory of their own under the JVM's temp tree. Everything else is
   * Gavel's default.
   */
  public static KafkaConfig uniqueTopics(String prefix) {
    KafkaConfig config = GavelConfig.from(new JsonObject().put("kafka", kafkaSection(prefix))).kafka();
    KafkaTopics.ensure(config.bootstrapServers(), config);
    return config;
  }

  /**
   * The {@code kafka} and {@code postgres} sections of a Gavel config that point at the shared
   * servers, the given database and the topics and spool of {@code kafka}; merge other sections in.
   */
  public static JsonObject config(String database, KafkaConfig kafka) {
    EmbeddedPostgresServer server = postgres();
    KafkaConfig.Topics t = kafka.topics();
    return new JsonObject()
        .put("kafka", new JsonObject()
            .put("bootstrapServers", kafka.bootstrapServers())
            .put("groupPrefix", kafka.topics().auctions().replace(".auctions", ""))
            .put("partitions", kafka.partitions())
            .put("topics", new JsonObject()
                .put("auctions", t.auctions())
                .put("tracking", t.tracking())
                .put("verdicts", t.verdicts())
                .put("deadLetter", t.deadLetter())
                .put("campaigns", t.campaigns())
                .put("spend", t.spend()))
            .put("spool", new JsonObject().put("dir", kafka.spool().dir())))
        .put("postgres", new JsonObject()
            .put("url", url(database))
            .put("user", server.user())
            .put("password", server.password()))
        .put("embedded", new JsonObject().put("dataDir", ROOT.resolve("unused-embedded").toString()));
  }

  /** A fresh empty directory under the JVM's test tree. */
  public static Path tempDir(String prefix) {
    try {
      return Files.createDirectories(ROOT.resolve("tmp").resolve(prefix + "-" + random()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject kafkaSection(String prefix) {
    String base = prefix + "." + random();
    return new JsonObject()
        .put("bootstrapServers", bootstrapServers())
        .put("partitions", 3)
        .put("topics", topics(base))
        .put("spool", new JsonObject().put("dir", tempDir(prefix + "-spool").toString()));
  }

  /** A {@code kafka.topics} section: {@code <base>.auctions}, {@code .tracking}, {@code .verdicts}, {@code .deadletter}, {@code .campaigns}, {@code .spend}. */
  public static JsonObject topics(String base) {
    return new JsonObject()
        .put("auctions", base + ".auctions")
        .put("tracking", base + ".tracking")
        .put("verdicts", base + ".verdicts")
        .put("deadLetter", base + ".deadletter")
        .put("campaigns", base + ".campaigns")
        .put("spend", base + ".spend");
  }

  private static String random() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static void hook() {
    if (hooked) {
      return;
    }
    hooked = true;
    Runtime.getRuntime().addShutdownHook(new Thread(SharedServices::shutdown, "shared-services-stop"));
  }

  private static void shutdown() {
    EmbeddedPostgresServer pg = postgres;
    EmbeddedKafka k = kafka;
    try {
      if (pg != null) {
        pg.stop();
      }
    } catch (RuntimeException e) {
      log.warn("stopping the shared PostgreSQL failed", e);
    }
    try {
      if (k != null) {
        k.stop();
      }
    } catch (RuntimeException e) {
      log.warn("stopping the shared Kafka failed", e);
    }
    deleteTree(ROOT);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: target/ is cleaned by the build anyway.
    }
  }
}
