package dev.gavel.config;

import java.util.List;

/** Invalid-traffic rules that take parameters. */
public record FraudConfig(int ipWindowSeconds, int ipMaxEvents, List<String> dataCenterCidrs) {

  static FraudConfig from(ConfigReader r) {
    return new FraudConfig(
        r.intValue("ipWindowSeconds", 60, 1, 86400),
        r.intValue("ipMaxEvents", 50, 1, 1_000_000),
        r.strings("dataCenterCidrs", List.of("192.0.2.0/24", "198.51.100.0/24")));
  }
}
