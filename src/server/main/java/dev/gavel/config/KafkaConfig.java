package dev.gavel.config;

/**
 * Kafka: the cluster at {@code bootstrapServers} (required; a local run starts an embedded broker
 * and sets it). Topics are created at start-up (an idempotent producer racing an auto-created topic has
 * failed here with OutOfOrderSequenceException).
 */
public record KafkaConfig(
    String bootstrapServers,
    String groupPrefix,
    int partitions,
    short replicationFactor,
    Topics topics,
    ProducerConfig producer,
    SpoolConfig spool) {

  /**
   * @param campaigns compacted: the admin API's campaigns, each serving node's source of them
   * @param spend billing's spend as it commits, followed by each serving node (short retention)
   */
  public record Topics(String auctions, String tracking, String verdicts, String deadLetter, String campaigns, String spend) {}

  public record ProducerConfig(int lingerMs, int batchSizeBytes, String compression, int deliveryTimeoutMs) {}

  /**
   * The disk spool that takes events while Kafka is away.
   *
   * @param highWaterMark in-memory events in flight above which new events go to the spool
   * @param flushIntervalMs how often the spool is forced to disk: the most a kill -9 can lose
   */
  public record SpoolConfig(String dir, int highWaterMark, int flushIntervalMs, long maxBytes) {}

  /** The consumer group of one consumer role, e.g. {@code gavel-billing}. */
  public String group(String role) {
    return groupPrefix + "-" + role;
  }

  /** The same config pointed at another cluster. */
  public KafkaConfig withBootstrapServers(String servers) {
    return new KafkaConfig(servers, groupPrefix, partitions, replicationFactor, topics, producer, spool);
  }

  static KafkaConfig from(ConfigReader r) {
    ConfigReader t = r.section("topics");
    ConfigReader p = r.section("producer");
    ConfigReader s = r.section("spool");
    String compression = p.string("compression", "snappy");
    if (!java.util.Set.of("none", "gzip", "snappy", "lz4", "zstd").contains(compression)) {
      throw new ConfigException(p.key("compression") + ": expected none, gzip, snappy, lz4 or zstd, got '" + compression + "'");
    }
    return new KafkaConfig(
        r.json().getString("bootstrapServers", "").trim(),
        r.string("groupPrefix", "gavel"),
        r.intValue("partitions", 6, 1, 10_000),
        (short) r.intValue("replicationFactor", 1, 1, 16),
        new Topics(
            t.string("auctions", "gavel.auctions"),
            t.string("tracking", "gavel.tracking"),
            t.string("verdicts", "gavel.verdicts"),
            t.string("deadLetter", "gavel.deadletter"),
            t.string("campaigns", "gavel.campaigns"),
            t.string("spend", "gavel.spend")),
        new ProducerConfig(
            p.intValue("lingerMs", 5, 0, 10_000),
            p.intValue("batchSizeBytes", 65_536, 1024, 16 * 1024 * 1024),
            compression,
            p.intValue("deliveryTimeoutMs", 15_000, 1_000, 600_000)),
        new SpoolConfig(
            s.string("dir", "data/spool"),
            s.intValue("highWaterMark", 20_000, 10, 10_000_000),
            s.intValue("flushIntervalMs", 200, 1, 60_000),
            s.intValue("maxMegabytes", 1024, 1, 1_000_000) * 1024L * 1024L));
  }
}
