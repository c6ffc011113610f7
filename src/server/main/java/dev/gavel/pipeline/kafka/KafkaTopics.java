package dev.gavel.pipeline.kafka;

import dev.gavel.config.KafkaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Gavel's topics (auctions, tracking, verdicts, dead letters, campaigns, spend) when they are missing, with the
 * configured partition count and replication factor. A topic that already exists is left as it is.
 */
public final class KafkaTopics {
  private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private KafkaTopics() {}

  /** Ensures the topics on a worker thread (the admin client blocks). */
  public static Future<Void> ensure(Vertx vertx, String bootstrapServers, KafkaConfig config) {
    return ensure(vertx, bootstrapServers, config, DEFAULT_TIMEOUT);
  }

  /** As above, giving up after {@code timeout} when the broker does not answer. */
  public static Future<Void> ensure(Vertx vertx, String bootstrapServers, KafkaConfig config, Duration timeout) {
    return vertx.executeBlocking(() -> {
      ensure(bootstrapServers, config, timeout);
      return null;
    }, false);
  }

  /** Ensures the topics, blocking until the broker has them. Never call it on an event loop. */
  public static void ensure(String bootstrapServers, KafkaConfig config) {
    ensure(bootstrapServers, config, DEFAULT_TIMEOUT);
  }

  private static void ensure(String bootstrapServers, KafkaConfig config, Duration timeout) {
    KafkaConfig.Topics t = config.topics();
    Set<String> names = new LinkedHashSet<>(List.of(t.auctions(), t.tracking(), t.verdicts(), t.deadLetter()));
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(new NewTopic(name, config.partitions(), config.replicationFactor()));
    }
    // Campaigns: one partition (a total order, read whole by every serving node), compacted (the
    // latest version of each campaign kept for ever, a deletion as a tombstone).
    topics.add(new NewTopic(t.campaigns(), 1, config.replicationFactor())
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    names.add(t.campaigns());
    // Spend: only its newest records matter (a node follows it from the end), so an hour is kept.
    topics.add(new NewTopic(t.spend(), config.partitions(), config.replicationFactor())
        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis()))));
    names.add(t.spend());
    Properties props = new Properties();
    props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "gavel-topics");
    props.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(10_000, timeout.toMillis())));
    props.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
    try (Admin admin = Admin.create(props)) {
      Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
      List<String> created = new ArrayList<>();
      for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
        try {
          result.getValue().get();
          created.add(result.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + result.getKey() + " on " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
          }
        }
      }
      Map<String, TopicDescription> described = awaitLeaders(admin, names, timeout);
      int auctions = described.get(t.auctions()).partitions().size();
      int tracking = described.get(t.tracking()).partitions().size();
      if (auctions != tracking) {
        // Fraud joins an auction and its pixels by partition number (both keyed by auction id).
        log.error("topics {} ({} partitions) and {} ({} partitions) must have the same partition count: "
            + "fraud detection matches a pixel to its auction by partition", t.auctions(), auctions, t.tracking(), tracking);
      }
      if (!created.isEmpty()) {
        log.info("Created topics {} ({} partitions, replication {})", created, config.partitions(), config.replicationFactor());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /** A new topic's partitions need a moment to get a leader; producing before that only earns retries. */
  private static Map<String, TopicDescription> awaitLeaders(Admin admin, Set<String> names, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        boolean ready = described.values().stream()
            .flatMap(d -> d.partitions().stream())
            .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (ready) {
          return described;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException("cannot describe topics " + names + ": " + e.getCause().getMessage(), e.getCause());
        }
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new IllegalStateException("topics " + names + " have no leader after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }
}
