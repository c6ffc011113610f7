package dev.gavel.config;

/** Where Gavel listens and how much it reads from one request. */
public record HttpConfig(String host, int port, int maxBodyBytes) {

  static HttpConfig from(ConfigReader r) {
    return new HttpConfig(
        r.string("host", "0.0.0.0"),
        r.intValue("port", 8080, 0, 65535),
        r.intValue("maxBodyBytes", 256 * 1024, 1024, 16 * 1024 * 1024));
  }
}
