package dev.gavel.pipeline.billing;

import dev.gavel.events.SpendUpdate;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast half of the feedback loop: follows the spend topic from its end (no consumer group:
 * every serving node reads every update) and hands each update to the auction side within a poll
 * of billing's commit. The slow half, {@link BudgetFeed}, stays the truth for what this misses (a
 * start, a credit, a lost send). A worker verticle: its poll blocks.
 */
public final class SpendFeed extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SpendFeed.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long RETRY_MS = 2_000;

  /** Where each update goes. */
  public interface Target {
    void update(SpendUpdate update);
  }

  private final String bootstrapServers;
  private final String topic;
  private final Target target;
  private final Promise<Void> closed = Promise.promise();
  private KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean stopped;

  public SpendFeed(String bootstrapServers, String topic, Target target) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.target = target;
  }

  @Override
  public Future<?> start() {
    context.runOnContext(v -> loop());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return closed.future();
  }

  private void loop() {
    if (stopped) {
      if (consumer != null) {
        consumer.close(Duration.ofSeconds(1));
      }
      closed.complete();
      return;
    }
    try {
      if (consumer == null && !connect()) {
        vertx.setTimer(RETRY_MS, t -> loop()); // Kafka away or the topic not there yet: BudgetFeed serves meanwhile
        return;
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        take(r.value());
      }
    } catch (KafkaException e) {
      LOG.debug("spend feed: {}", e.toString());
    }
    context.runOnContext(v -> loop());
  }

  /** Assigns every partition of the topic at its end; false when the topic cannot be described yet. */
  private boolean connect() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "gavel-spend-feed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
    KafkaConsumer<byte[], byte[]> created = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<PartitionInfo> partitions;
    try {
      partitions = created.partitionsFor(topic, Duration.ofSeconds(2));
    } catch (KafkaException e) {
      partitions = List.of();
    }
    if (partitions == null || partitions.isEmpty()) {
      created.close(Duration.ZERO);
      return false;
    }
    List<TopicPartition> assigned = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    created.assign(assigned);
    created.seekToEnd(assigned);
    consumer = created;
    return true;
  }

  private void take(byte[] value) {
    if (value == null) {
      return;
    }
    try {
      target.update(SpendUpdate.fromJson(value));
    } catch (IllegalArgumentException e) {
      LOG.warn("spend feed: skipped a record: {}", e.getMessage());
    }
  }
}
