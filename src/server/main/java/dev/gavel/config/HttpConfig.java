package dev.gavel.config;

import dev.gavel.net.CidrSet;

/**
 * Where Gavel listens, how much it reads from one request, and which peers may say who the client
 * is ({@code X-Forwarded-For}): the load balancers and proxies in front of it; by default only this
 * host (a local proxy, or the demo), which no remote client can pose as.
 */
public record HttpConfig(String host, int port, int maxBodyBytes, CidrSet trustedProxies) {

  static HttpConfig from(ConfigReader r) {
    CidrSet proxies;
    try {
      proxies = CidrSet.of(r.strings("trustedProxies", java.util.List.of("127.0.0.1", "::1")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(r.key("trustedProxies") + ": " + e.getMessage());
    }
    return new HttpConfig(
        r.string("host", "0.0.0.0"),
        r.intValue("port", 8080, 0, 65535),
        r.intValue("maxBodyBytes", 256 * 1024, 1024, 16 * 1024 * 1024),
        proxies);
  }
}
