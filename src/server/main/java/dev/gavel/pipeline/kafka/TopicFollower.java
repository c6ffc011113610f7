package dev.gavel.pipeline.kafka;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a topic with no consumer group, so that every node reads all of it: the serving side's
 * feeds (campaigns, spend). A worker verticle that polls in a loop on its own context; while Kafka
 * cannot be reached (or the topic is not there yet) it tries again every two seconds, and the
 * subclass serves what it had. Nothing is committed: a follower starts where {@link #assign} says.
 */
public abstract class TopicFollower extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long RETRY_MS = 2_000;

  private final String bootstrapServers;
  private final String clientId;
  private final Promise<Void> closed = Promise.promise();
  private KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean stopped;

  protected TopicFollower(String bootstrapServers, String clientId) {
    this.bootstrapServers = bootstrapServers;
    this.clientId = clientId;
  }

  /** Starts following; completes with {@link #started()}. */
  @Override
  public final Future<?> start() {
    context.runOnContext(v -> loop());
    return started();
  }

  /** What deployment waits for; at once by default. */
  protected Future<?> started() {
    return Future.succeededFuture();
  }

  @Override
  public final Future<?> stop() {
    stopped = true;
    return closed.future();
  }

  /** Assigns the partitions to follow and seeks where to start; false when that cannot be done yet. */
  protected abstract boolean assign(KafkaConsumer<byte[], byte[]> consumer);

  /** One poll's records (maybe none), on this verticle's context. */
  protected abstract void onBatch(ConsumerRecords<byte[], byte[]> records, KafkaConsumer<byte[], byte[]> consumer);

  /** Kafka could not be reached, or the topic is not there yet; tried again shortly. */
  protected void onUnreachable() {}

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
        onUnreachable();
        vertx.setTimer(RETRY_MS, t -> loop());
        return;
      }
      onBatch(consumer.poll(POLL), consumer);
    } catch (KafkaException e) {
      LOG.debug("{}: {}", clientId, e.toString());
    }
    context.runOnContext(v -> loop());
  }

  private boolean connect() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    KafkaConsumer<byte[], byte[]> created;
    try {
      created = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    } catch (KafkaException e) { // the bootstrap name does not resolve, say
      return false;
    }
    boolean assigned;
    try {
      assigned = assign(created);
    } catch (KafkaException e) {
      assigned = false;
    }
    if (!assigned) {
      created.close(Duration.ZERO);
      return false;
    }
    consumer = created;
    return true;
  }
}
