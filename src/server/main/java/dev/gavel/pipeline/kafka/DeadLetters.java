package dev.gavel.pipeline.kafka;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a record a consumer cannot process to the dead-letter topic, unchanged, with headers that
 * say why and where it came from; the consumer commits past it only once Kafka has it.
 */
public final class DeadLetters {
  public static final String ERROR = "dlq-error";
  public static final String SOURCE = "dlq-source";
  public static final String GROUP = "dlq-consumer-group";

  private final AckedProducer producer;
  private final String topic;

  public DeadLetters(AckedProducer producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  public Future<Void> send(ConsumerRecord<String, byte[]> record, String error, String group) {
    ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, null,
        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value());
    record.headers().forEach(h -> letter.headers().add(h));
    letter.headers().add(ERROR, error.getBytes(StandardCharsets.UTF_8));
    letter.headers().add(SOURCE, (record.topic() + "/" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
    letter.headers().add(GROUP, group.getBytes(StandardCharsets.UTF_8));
    return producer.send(letter);
  }

}
