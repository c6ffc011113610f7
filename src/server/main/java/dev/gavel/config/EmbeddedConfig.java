package dev.gavel.config;

/** Where the embedded Kafka broker and PostgreSQL of a local run (gavel-tools) keep their files. */
public record EmbeddedConfig(String dataDir) {

  static EmbeddedConfig from(ConfigReader r) {
    return new EmbeddedConfig(r.string("dataDir", "data"));
  }
}
