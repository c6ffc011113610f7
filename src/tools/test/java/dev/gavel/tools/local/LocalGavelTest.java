package dev.gavel.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.config.GavelConfig;
import dev.gavel.db.Migrations;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.pipeline.kafka.KafkaTopics;
import dev.gavel.testing.SharedServices;
import dev.gavel.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local run's infrastructure: embedded Kafka and PostgreSQL for what the config leaves unset. */
class LocalGavelTest {
  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    vertx = TestVertx.create(TestVertx.registry());
  }

  @AfterAll
  static void tearDown() {
    TestVertx.await(vertx.close());
  }

  @Test
  void externalSettingsStartNothing() {
    Path dataDir = SharedServices.tempDir("external").resolve("data");
    GavelConfig config = GavelConfig.from(new JsonObject()
        .put("kafka", new JsonObject().put("bootstrapServers", "kafka-1.example:9092,kafka-2.example:9092"))
        .put("postgres", new JsonObject().put("url", "postgresql://db.example:6543/ads").put("user", "ads").put("password", "secret"))
        .put("embedded", new JsonObject().put("dataDir", dataDir.toString()).put("consumersApart", false)));

    LocalGavel local = new LocalGavel();
    GavelConfig started = TestVertx.await(local.start(vertx, config));

    assertThat(started).isEqualTo(config);
    assertThat(PostgresEndpoint.of(started.postgres())).isEqualTo(new PostgresEndpoint("db.example", 6543, "ads", "ads", "secret"));
    assertThat(PostgresEndpoint.of(started.postgres()).jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/ads");
    assertThat(dataDir).doesNotExist();
    TestVertx.await(local.stop(vertx));
  }

  @Test
  void externalUrlCredentialsAndDefaultPort() {
    assertThat(PostgresEndpoint.parse("postgres://u:p@db/x", "ignored", "ignored"))
        .isEqualTo(new PostgresEndpoint("db", 5432, "x", "u", "p"));
  }

  /** What scripts/run relies on: a second run on the same data dir finds the same ports and its data. */
  @Test
  void embeddedServicesKeepPortsAndDataAcrossRuns() throws Exception {
    Path dataDir = SharedServices.tempDir("embedded");
    GavelConfig config = GavelConfig.from(new JsonObject().put("embedded", new JsonObject().put("dataDir", dataDir.toString())
        .put("consumersApart", false))); // the consumer process has a test of its own

    LocalGavel first = new LocalGavel();
    GavelConfig firstConfig = TestVertx.await(first.start(vertx, config));
    String bootstrap = firstConfig.kafka().bootstrapServers();
    PostgresEndpoint pg = PostgresEndpoint.of(firstConfig.postgres());
    try {
      assertThat(pg.database()).isEqualTo("gavel");
      TestVertx.await(KafkaTopics.ensure(vertx, bootstrap, config.kafka()));
      TestVertx.await(Migrations.migrate(vertx, pg.jdbcUrl(), pg.user(), pg.password()));
      execute(pg, "INSERT INTO spend_ledger_probe VALUES (1)", true);
    } finally {
      TestVertx.await(first.stop(vertx));
    }
    assertThat(dataDir.resolve("kafka/logs/meta.properties")).exists();

    LocalGavel second = new LocalGavel();
    GavelConfig secondConfig = TestVertx.await(second.start(vertx, config));
    try {
      assertThat(secondConfig.kafka().bootstrapServers()).isEqualTo(bootstrap);
      assertThat(PostgresEndpoint.of(secondConfig.postgres())).isEqualTo(pg);
      try (Admin admin = admin(bootstrap)) {
        assertThat(admin.listTopics().names().get()).containsAll(Set.of("gavel.auctions", "gavel.tracking", "gavel.verdicts", "gavel.deadletter"));
      }
      assertThat(execute(pg, "SELECT count(*) FROM spend_ledger_probe", false)).isEqualTo(1);
    } finally {
      TestVertx.await(second.stop(vertx));
    }
    assertThat(Files.exists(dataDir.resolve("postgres/pgdata/postmaster.pid"))).isFalse();
  }

  /** Runs on the test thread (JDBC blocks). Creates the probe table on first use. */
  private static int execute(PostgresEndpoint pg, String sql, boolean createProbe) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()); Statement s = c.createStatement()) {
      if (createProbe) {
        s.execute("CREATE TABLE IF NOT EXISTS spend_ledger_probe (id int)");
      }
      if (s.execute(sql)) {
        try (ResultSet rs = s.getResultSet()) {
          rs.next();
          return rs.getInt(1);
        }
      }
      return s.getUpdateCount();
    }
  }

  private static Admin admin(String bootstrap) {
    Properties props = new Properties();
    props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return Admin.create(props);
  }
}
