package dev.gavel.config;

/**
 * PostgreSQL: an external server when {@code url} is set ({@code postgresql://host:port/db}),
 * else the embedded one.
 */
public record PostgresConfig(String url, String user, String password, int poolSize) {

  public boolean embedded() {
    return url.isEmpty();
  }

  static PostgresConfig from(ConfigReader r) {
    String url = r.json().getString("url", "").trim();
    if (!url.isEmpty() && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new ConfigException(r.key("url") + ": expected postgresql://host:port/database, got '" + url + "'");
    }
    return new PostgresConfig(url, r.string("user", "gavel"), r.json().getString("password", "gavel"), r.intValue("poolSize", 8, 1, 1000));
  }
}
