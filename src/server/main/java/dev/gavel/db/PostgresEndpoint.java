package dev.gavel.db;

import dev.gavel.config.PostgresConfig;
import io.vertx.pgclient.PgConnectOptions;

/** Where PostgreSQL is and who to connect as. */
public record PostgresEndpoint(String host, int port, String database, String user, String password) {

  /** From {@code postgres.url}, {@code postgres.user} and {@code postgres.password}. */
  public static PostgresEndpoint of(PostgresConfig config) {
    return parse(config.url(), config.user(), config.password());
  }

  /**
   * From {@code postgresql://[user[:password]@]host[:port]/database}; {@code user} and
   * {@code password} apply when the URL has none.
   */
  public static PostgresEndpoint parse(String url, String user, String password) {
    PgConnectOptions parsed = PgConnectOptions.fromUri(url);
    boolean hasCredentials = url.contains("@");
    return new PostgresEndpoint(parsed.getHost(), parsed.getPort(), parsed.getDatabase(),
        hasCredentials ? parsed.getUser() : user, hasCredentials ? parsed.getPassword() : password);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** {@code postgresql://host:port/database}, without credentials. */
  public String url() {
    return "postgresql://" + host + ":" + port + "/" + database;
  }
}
