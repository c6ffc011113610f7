package dev.gavel.config;

/** How many instances of each verticle to deploy; 0 leaves a role out of this process. */
public record VerticlesConfig(int httpInstances) {

  static VerticlesConfig from(ConfigReader r) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new VerticlesConfig(r.section("http").intValue("instances", cores, 1, 256));
  }
}
