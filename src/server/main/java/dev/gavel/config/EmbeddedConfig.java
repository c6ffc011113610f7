package dev.gavel.config;

/**
 * The local run (gavel-tools): where the embedded Kafka broker and PostgreSQL keep their files, and
 * whether the consume role runs in a JVM of its own ({@code consumersApart}): at a lower CPU
 * priority, with its own heap, garbage collections and JIT compilation, so that none of them stops
 * or slows an auction. {@code consumersPort} is that JVM's /health, /ready and /metrics;
 * {@code consumersJvmOptions} its heap, collector and JIT: C1 only by default, because on two cores
 * C2 compiling the consumers took more CPU than the consuming did, while the auctions waited.
 */
public record EmbeddedConfig(String dataDir, boolean consumersApart, int consumersPort, String consumersJvmOptions) {
  static final String DEFAULT_JVM_OPTIONS = "-Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  static EmbeddedConfig from(ConfigReader r) {
    return new EmbeddedConfig(r.string("dataDir", "data"), r.boolValue("consumersApart", true),
        r.intValue("consumersPort", 8082, 1, 65535), r.string("consumersJvmOptions", DEFAULT_JVM_OPTIONS));
  }
}
