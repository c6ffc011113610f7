package dev.gavel.config;

/**
 * PostgreSQL: the server at {@code url} ({@code postgresql://host:port/db}; required, a local run
 * starts an embedded one and sets it).
 */
public record PostgresConfig(String url, String user, String password, int poolSize) {

  /** The same config pointed at another server. */
  public PostgresConfig withServer(String newUrl, String newUser, String newPassword) {
    return new PostgresConfig(newUrl, newUser, newPassword, poolSize);
  }

  static PostgresConfig from(ConfigReader r) {
    String url = r.json().getString("url", "").trim();
    if (!url.isEmpty() && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new ConfigException(r.key("url") + ": expected postgresql://host:port/database, got '" + url + "'");
    }
    return new PostgresConfig(url, r.string("user", "gavel"), r.json().getString("password", "gavel"), r.intValue("poolSize", 8, 1, 1000));
  }
}
