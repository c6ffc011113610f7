package dev.gavel.admin;

import dev.gavel.auction.campaign.Campaign;
import dev.gavel.auction.campaign.CampaignCatalog;
import dev.gavel.auction.campaign.CampaignLoader;
import dev.gavel.ops.Degradations;
import dev.gavel.pipeline.kafka.TopicFollower;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this serving node's campaigns equal to the campaigns topic: reads it whole from the start
 * (no consumer group: every node reads everything), then follows it, and swaps the
 * {@link CampaignCatalog} after each batch that changed something, so an edit reaches auctions
 * within a poll. Until it has read up to the end it had at start, and while the topic was never
 * seeded by the admin API, the node serves its campaign file. A worker verticle: its poll blocks.
 */
public final class CampaignFeed extends TopicFollower {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignFeed.class);
  private static final String DEGRADATION = "campaigns";
  private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(2);
  /** The longest start-up waits for the first full read before serving the file regardless. */
  private static final long SETTLE_MS = 5_000;

  private final TopicPartition partition;
  private final CampaignCatalog catalog;
  private final Degradations degradations;
  private final CampaignLoader loader = new CampaignLoader();
  /** The newest version read of each campaign; its campaign null once deleted. */
  private final Map<String, Held> held = new LinkedHashMap<>();

  private record Held(int version, boolean paused, Campaign campaign) {}
  private final Promise<Void> settled = Promise.promise();
  private boolean caughtUp;
  private long endAtStart = -1;
  private boolean managed;

  /** @param topic the campaigns topic: one partition (KafkaTopics creates it so) */
  public CampaignFeed(String bootstrapServers, String topic, CampaignCatalog catalog, Degradations degradations) {
    super(bootstrapServers, "gavel-campaign-feed");
    this.partition = new TopicPartition(topic, 0);
    this.catalog = catalog;
    this.degradations = degradations;
  }

  /**
   * Completes once the topic has been read to the end it had, or Kafka cannot be reached (the file
   * then serves, and the feed goes on trying), or after {@value #SETTLE_MS} ms: start-up waits for
   * the campaigns the node should serve, never for Kafka.
   */
  @Override
  protected Future<?> started() {
    degradations.set(DEGRADATION, "serving the campaign file until the campaigns topic " + partition.topic() + " is read");
    vertx.setTimer(SETTLE_MS, t -> settled.tryComplete());
    return settled.future();
  }

  /** Its one partition, from the start: the compacted topic holds every campaign's newest version. */
  @Override
  protected boolean assign(KafkaConsumer<byte[], byte[]> consumer) {
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    return true;
  }

  @Override
  protected void onUnreachable() {
    settled.tryComplete();
  }

  @Override
  protected void onBatch(ConsumerRecords<byte[], byte[]> batch, KafkaConsumer<byte[], byte[]> consumer) {
    boolean changed = apply(batch);
    if (!caughtUp && reachedStartEnd(consumer)) {
      caughtUp = true;
      changed = true;
      degradations.clear(DEGRADATION);
      if (managed) {
        LOG.info("serving {} campaigns from the campaigns topic {}", campaigns().size(), partition.topic());
      } else {
        LOG.info("the campaigns topic {} has not been seeded by the admin API: serving the campaign file", partition.topic());
      }
      settled.tryComplete();
    }
    if (changed && caughtUp && managed) {
      publish();
    }
  }

  private boolean reachedStartEnd(KafkaConsumer<byte[], byte[]> consumer) {
    if (endAtStart < 0) {
      try {
        endAtStart = consumer.endOffsets(List.of(partition), END_OFFSETS_TIMEOUT).getOrDefault(partition, 0L);
      } catch (KafkaException e) {
        settled.tryComplete(); // Kafka away, or the topic not created yet: the file serves meanwhile
        return false;
      }
    }
    return consumer.position(partition, END_OFFSETS_TIMEOUT) >= endAtStart;
  }

  private boolean apply(Iterable<ConsumerRecord<byte[], byte[]>> batch) {
    boolean changed = false;
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      String id = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
      if (id.equals(CampaignRecord.CATALOG_KEY)) {
        changed |= !managed;
        managed = true;
      } else if (r.value() != null && !id.isEmpty()) {
        changed |= take(id, r.value());
      }
    }
    return changed;
  }

  /** Keeps a record unless an equal or newer version of its campaign is held already. */
  private boolean take(String id, byte[] value) {
    try {
      CampaignRecord record = CampaignRecord.read(id, value, loader);
      Held before = held.get(id);
      if (before != null && before.version() >= record.version()) {
        return false;
      }
      Campaign campaign = record.deleted() ? null : loader.campaign(record.body(), "campaigns topic, campaign \"" + id + "\"");
      held.put(id, new Held(record.version(), record.paused(), campaign));
      return true;
    } catch (IllegalArgumentException e) {
      LOG.warn("campaign feed: skipped a record: {}", e.getMessage());
      return false;
    }
  }

  private List<Campaign> campaigns() {
    return held.values().stream().map(Held::campaign).filter(Objects::nonNull).toList();
  }

  private void publish() {
    List<Campaign> active = held.values().stream().filter(h -> h.campaign() != null && !h.paused()).map(Held::campaign).toList();
    List<Campaign> all = campaigns();
    catalog.replace(all, active);
    LOG.debug("campaigns from the feed: {} active of {}", active.size(), all.size());
  }
}
