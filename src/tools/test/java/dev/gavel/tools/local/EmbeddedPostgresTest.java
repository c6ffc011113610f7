package dev.gavel.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.db.Migrations;
import dev.gavel.db.PgPools;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.testing.Eventually;
import dev.gavel.testing.SharedServices;
import dev.gavel.testing.TestVertx;
import dev.gavel.testkit.EmbeddedPostgresServer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {
  private static Vertx vertx;
  private static String database;

  @BeforeAll
  static void setUp() {
    vertx = TestVertx.create(TestVertx.registry());
    database = SharedServices.createDatabase("pgtest");
  }

  @AfterAll
  static void tearDown() {
    TestVertx.await(vertx.close());
  }

  @Test
  void migrationsCreateTheEventStoreAndRunOnce() throws SQLException {
    assertThat(tables()).contains("auctions", "bids", "tracking_events", "fraud_verdicts", "spend_ledger");
    int applied = count("SELECT count(*) FROM flyway_schema_history WHERE success");

    EmbeddedPostgresServer server = SharedServices.postgres();
    TestVertx.await(Migrations.migrate(vertx, server.jdbcUrl(database), server.user(), server.password()));

    assertThat(count("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(applied).isPositive();
  }

  @Test
  void theGavelDatabaseExists() throws SQLException {
    EmbeddedPostgresServer server = SharedServices.postgres();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
      assertThat(c.getCatalog()).isEqualTo("gavel");
    }
  }

  /** An acknowledged commit must survive a crash of the server (scripts/chaos, postgres-kill). */
  @Test
  void theServerIsDurable() throws SQLException {
    EmbeddedPostgresServer server = SharedServices.postgres();
    try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
         var statement = c.createStatement()) {
      for (String setting : new String[] {"fsync", "synchronous_commit"}) {
        try (var rs = statement.executeQuery("SHOW " + setting)) {
          rs.next();
          assertThat(rs.getString(1)).as(setting).isEqualTo("on");
        }
      }
    }
  }

  @Test
  void poolAnswersFromHostAndPortOrFromUrl() {
    EmbeddedPostgresServer server = SharedServices.postgres();
    Pool byParts = PgPools.create(vertx, server.host(), server.port(), database, server.user(), server.password(), 2);
    Pool byUrl = PgPools.create(vertx, PostgresEndpoint.parse(SharedServices.url(database), server.user(), server.password()), 2);
    try {
      assertThat(selectOne(byParts)).isEqualTo(1);
      assertThat(selectOne(byUrl)).isEqualTo(1);
    } finally {
      TestVertx.await(byParts.close());
      TestVertx.await(byUrl.close());
    }
  }

  @Test
  void poolRecoversAfterPostgresRestarts() {
    EmbeddedPostgresServer server = SharedServices.postgres();
    Pool pool = SharedServices.pool(vertx, database);
    try {
      assertThat(selectOne(pool)).isEqualTo(1);
      TestVertx.await(pool.query("CREATE TABLE IF NOT EXISTS survivors (id int PRIMARY KEY)").execute());
      TestVertx.await(pool.query("INSERT INTO survivors VALUES (7) ON CONFLICT DO NOTHING").execute());

      try {
        server.stop();
        // While it is down a query fails (connection closed, then refused); either way it settles.
        assertThat(trySelectOne(pool)).isFalse();
      } finally {
        server.restart();
      }

      Eventually.await("the pool answers again", () -> trySelectOne(pool), Duration.ofSeconds(30));
      Integer survivor = TestVertx.await(pool.query("SELECT id FROM survivors").execute()).iterator().next().getInteger(0);
      assertThat(survivor).isEqualTo(7);
    } finally {
      if (!server.running()) {
        server.restart();
      }
      TestVertx.await(pool.close());
    }
  }

  private static boolean trySelectOne(Pool pool) {
    try {
      return selectOne(pool) == 1;
    } catch (Exception | AssertionError e) {
      // Future.await rethrows the cause as is, checked exceptions (ConnectException) included.
      return false;
    }
  }

  private static int selectOne(Pool pool) {
    Row row = TestVertx.await(pool.query("SELECT 1").execute()).iterator().next();
    return row.getInteger(0);
  }

  private static List<String> tables() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private static int count(String sql) throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Connection connect() throws SQLException {
    EmbeddedPostgresServer server = SharedServices.postgres();
    return DriverManager.getConnection(SharedServices.jdbcUrl(database), server.user(), server.password());
  }
}
