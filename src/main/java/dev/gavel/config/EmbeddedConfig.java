package dev.gavel.config;

/** Where the embedded Kafka broker and PostgreSQL keep their files (used only when they run). */
public record EmbeddedConfig(String dataDir) {

  static EmbeddedConfig from(ConfigReader r) {
    return new EmbeddedConfig(r.string("dataDir", "data"));
  }
}
