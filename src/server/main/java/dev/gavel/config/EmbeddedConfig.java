package dev.gavel.config;

/**
 * The local run (gavel-tools): where the embedded Kafka broker and PostgreSQL keep their files, and
 * whether the consume role runs in a JVM of its own ({@code consumersApart}): at a lower CPU
 * priority, with its own heap, garbage collections and JIT compilation, so that none of them stops
 * or slows an auction. {@code consumersPort} is that JVM's /health, /ready and /metrics;
 * {@code consumersJvmOptions} its heap and collector.
 */
public record EmbeddedConfig(String dataDir, boolean consumersApart, int consumersPort, String consumersJvmOptions) {

  static EmbeddedConfig from(ConfigReader r) {
    return new EmbeddedConfig(r.string("dataDir", "data"), r.boolValue("consumersApart", true),
        r.intValue("consumersPort", 8082, 1, 65535), r.string("consumersJvmOptions", "-Xmx512m -XX:+UseSerialGC"));
  }
}
