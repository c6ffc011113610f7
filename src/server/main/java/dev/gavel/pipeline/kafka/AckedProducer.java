package dev.gavel.pipeline.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An idempotent, acks=all producer whose sends complete on the caller's event loop. It never
 * blocks ({@code max.block.ms=0}): a send Kafka cannot take right now fails at once, and the
 * consumer that called it retries its batch.
 */
public final class AckedProducer {
  private final KafkaProducer<byte[], byte[]> producer;
  private final Context context;

  public AckedProducer(String bootstrapServers, String clientId, Context context) {
    this(bootstrapServers, clientId, context, new Properties());
  }

  /** @param tuning further producer settings (batching, compression, timeouts) */
  public AckedProducer(String bootstrapServers, String clientId, Context context, Properties tuning) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.putAll(tuning);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.context = context;
  }

  public Future<Void> send(ProducerRecord<byte[], byte[]> record) {
    Promise<Void> acked = Promise.promise();
    try {
      producer.send(record, (metadata, e) -> context.runOnContext(v -> {
        if (e == null) {
          acked.complete();
        } else {
          acked.fail(e);
        }
      }));
    } catch (RuntimeException e) {
      acked.fail(e);
    }
    return acked.future();
  }

  /**
   * Fetches metadata for the topics this producer writes, so its first sends do not fail for
   * want of it ({@code max.block.ms=0}). Retries briefly; a failure here is only a slower start.
   */
  public Future<Void> warm(io.vertx.core.Vertx vertx, java.util.List<String> topics, int attempts) {
    for (String topic : topics) {
      try {
        producer.partitionsFor(topic);
      } catch (RuntimeException e) {
        if (attempts <= 1) {
          return Future.succeededFuture();
        }
        Promise<Void> retry = Promise.promise();
        vertx.setTimer(100, t -> warm(vertx, topics, attempts - 1).onComplete(retry));
        return retry.future();
      }
    }
    return Future.succeededFuture();
  }

  /** Blocking: call from a worker (executeBlocking). */
  public void closeBlocking() {
    closeBlocking(java.time.Duration.ofSeconds(2));
  }

  /** Blocking. Records not acknowledged within {@code wait} fail, and their sends' futures with them. */
  public void closeBlocking(java.time.Duration wait) {
    producer.close(wait);
  }
}
