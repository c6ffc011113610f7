package dev.gavel.config;

/**
 * Which roles this process runs and how many instances of each verticle. {@code serve} is the
 * HTTP side (auction, tracking, reports) with the Kafka publisher; {@code consume} is the three
 * consumers. A process may run both (the local default) or one of them.
 */
public record VerticlesConfig(
    boolean serve, boolean consume, int httpInstances, int persistenceInstances, int billingInstances, int fraudInstances) {

  static VerticlesConfig from(ConfigReader r) {
    java.util.List<String> roles = r.strings("roles", java.util.List.of("serve", "consume"));
    for (String role : roles) {
      if (!role.equals("serve") && !role.equals("consume")) {
        throw new ConfigException(r.key("roles") + ": unknown role '" + role + "', expected serve or consume");
      }
    }
    if (roles.isEmpty()) {
      throw new ConfigException(r.key("roles") + ": name at least one of serve, consume");
    }
    return new VerticlesConfig(
        roles.contains("serve"),
        roles.contains("consume"),
        httpInstances(r.section("http").intValue("instances", 0, 0, 256)),
        r.section("persistence").intValue("instances", 1, 1, 256),
        r.section("billing").intValue("instances", 1, 1, 256),
        r.section("fraud").intValue("instances", 1, 1, 256));
  }

  /** The same instances, for these roles. */
  public VerticlesConfig withRoles(boolean newServe, boolean newConsume) {
    return new VerticlesConfig(newServe, newConsume, httpInstances, persistenceInstances, billingInstances, fraudInstances);
  }

  /** {@code 0}, the default: one per core (an event loop each). */
  private static int httpInstances(int configured) {
    return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
  }
}
