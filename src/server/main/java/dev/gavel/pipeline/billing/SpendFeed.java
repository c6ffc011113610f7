package dev.gavel.pipeline.billing;

import dev.gavel.events.SpendUpdate;
import dev.gavel.pipeline.kafka.TopicFollower;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast half of the feedback loop: follows the spend topic from its end (no consumer group:
 * every serving node reads every update) and hands each update to the auction side within a poll
 * of billing's commit. The slow half, {@link BudgetFeed}, stays the truth for what this misses (a
 * start, a credit, a lost send). A worker verticle: its poll blocks.
 */
public final class SpendFeed extends TopicFollower {
  private static final Logger LOG = LoggerFactory.getLogger(SpendFeed.class);

  /** Where each update goes. */
  public interface Target {
    void update(SpendUpdate update);
  }

  private final String topic;
  private final Target target;

  public SpendFeed(String bootstrapServers, String topic, Target target) {
    super(bootstrapServers, "gavel-spend-feed");
    this.topic = topic;
    this.target = target;
  }

  /** Every partition of the topic, from its end: what was spent before is the full read's. */
  @Override
  protected boolean assign(KafkaConsumer<byte[], byte[]> consumer) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(2));
    if (partitions == null || partitions.isEmpty()) {
      return false;
    }
    List<TopicPartition> assigned = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(assigned);
    consumer.seekToEnd(assigned);
    return true;
  }

  @Override
  protected void onBatch(ConsumerRecords<byte[], byte[]> records, KafkaConsumer<byte[], byte[]> consumer) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (r.value() == null) {
        continue;
      }
      try {
        target.update(SpendUpdate.fromJson(r.value()));
      } catch (IllegalArgumentException e) {
        LOG.warn("spend feed: skipped a record: {}", e.getMessage());
      }
    }
  }
}
