package dev.gavel.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings a database to the current schema with Flyway ({@code classpath:db/migration}). Idempotent. */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** Applies the pending migrations over JDBC. Blocks: never call it on an event loop. */
  public static void migrate(String jdbcUrl, String user, String password) {
    MigrateResult result = Flyway.configure()
        .dataSource(withTimeouts(jdbcUrl), user, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    log.info("Schema of {} at version {} ({} migrations applied)", jdbcUrl, result.targetSchemaVersion, result.migrationsExecuted);
  }

  /**
   * A server that is down or restarting fails the attempt in seconds (pgjdbc would wait 10 s to
   * connect and without bound to log in): the caller retries, and start-up is never held hostage.
   */
  static String withTimeouts(String jdbcUrl) {
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "connectTimeout=5&loginTimeout=10";
  }

  /** The same, on a worker thread. */
  public static Future<Void> migrate(Vertx vertx, String jdbcUrl, String user, String password) {
    return vertx.executeBlocking(() -> {
      migrate(jdbcUrl, user, password);
      return null;
    }, false);
  }
}
