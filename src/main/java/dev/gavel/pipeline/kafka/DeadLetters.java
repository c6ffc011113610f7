package dev.gavel.pipeline.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends a record a consumer cannot process to the dead-letter topic, unchanged, with headers that
 * say why and where it came from; the consumer commits past it only once Kafka has it.
 */
public final class DeadLetters {
  public static final String ERROR = "dlq-error";
  public static final String SOURCE = "dlq-source";
  public static final String GROUP = "dlq-consumer-group";

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;

  public DeadLetters(String bootstrapServers, String topic, String clientId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  public Future<Void> send(Context context, ConsumerRecord<String, byte[]> record, String error, String group) {
    Promise<Void> acked = Promise.promise();
    ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null,
        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value());
    record.headers().forEach(h -> letter.headers().add(h));
    letter.headers().add(ERROR, error.getBytes(StandardCharsets.UTF_8));
    letter.headers().add(SOURCE, (record.topic() + "/" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
    letter.headers().add(GROUP, group.getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(letter, (metadata, e) -> context.runOnContext(v -> {
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

  /** Blocking: call from a worker (executeBlocking) when the consumer stops. */
  public void closeBlocking() {
    producer.close(java.time.Duration.ofSeconds(2));
  }
}
