package dev.gavel.pipeline.kafka;

import dev.gavel.events.Event;
import dev.gavel.events.EventJson.BadEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commit-after-success consumption, shared by every consumer verticle: poll a batch, decode it
 * (undecodable records go to the dead-letter topic), hand the events to the verticle's handler,
 * and only when the handler's work is durable commit offset + 1 of each partition's last record.
 * When the handler fails (PostgreSQL down), the partitions are paused and the same batch is retried
 * with backoff while polling continues, so the consumer keeps its group membership. Offsets are
 * committed before the next poll, and a rebalance happens inside poll, so a revoked partition
 * never has durable-but-uncommitted work.
 */
public final class ConsumerLoop {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final long MAX_BACKOFF_MS = 5_000;
  /** One attempt at a batch that has not finished by then is abandoned and retried (it is idempotent). */
  private static final long ATTEMPT_TIMEOUT_MS = 30_000;
  /**
   * While auctions in this process are short of time, at most one batch per this interval: the
   * consumer still makes progress (500 records a batch), and its CPU goes to the auctions.
   */
  private static final long PACE_MS = 250;

  /** Who the consumer is (its group) and what it reads. */
  public record Subscription(String bootstrapServers, String groupId, Set<String> topics, int maxPollRecords, String assignor) {}

  private final Vertx vertx;
  private final Context context;
  private final Subscription subscription;
  private final EventDecoder decoder;
  private final DeadLetters deadLetters;
  private final Function<List<Delivered>, Future<Void>> handler;
  private final java.util.function.Predicate<Throwable> permanent;
  private final java.util.function.BooleanSupplier servingBusy;
  private final Counter paced;
  private final Counter processed;
  private final Counter deadLettered;
  private final Counter retries;
  private KafkaConsumer<String, byte[]> consumer;
  private boolean stopping;
  private boolean polling;
  private Promise<Void> stopped;

  /** @param permanent tells a failure retrying cannot fix (bad data) from an outage */
  public ConsumerLoop(Vertx vertx, Context context, Subscription subscription, EventDecoder decoder, DeadLetters deadLetters,
                      Function<List<Delivered>, Future<Void>> handler, java.util.function.Predicate<Throwable> permanent,
                      java.util.function.BooleanSupplier servingBusy, MeterRegistry registry) {
    this.vertx = vertx;
    this.context = context;
    this.subscription = subscription;
    this.decoder = decoder;
    this.deadLetters = deadLetters;
    this.handler = handler;
    this.permanent = permanent;
    this.servingBusy = servingBusy;
    String group = subscription.groupId();
    this.paced = Counter.builder("gavel.consumer.paced").tag("group", group)
        .description("Polls put off because auctions in this process were short of time").register(registry);
    this.processed = Counter.builder("gavel.consumer.events").tag("group", group).description("Events processed and committed").register(registry);
    this.deadLettered = Counter.builder("gavel.consumer.dead.letters").tag("group", group)
        .description("Records sent to the dead-letter topic").register(registry);
    this.retries = Counter.builder("gavel.consumer.retries").tag("group", group)
        .description("Batches retried after a failure (e.g. PostgreSQL down)").register(registry);
  }

  public Future<Void> start() {
    consumer = KafkaConsumer.create(vertx, properties(), new StringDeserializer(), new ByteArrayDeserializer());
    consumer.exceptionHandler(e -> LOG.warn("[{}] consumer error: {}", subscription.groupId(), e.toString()));
    return consumer.subscribe(subscription.topics()).onSuccess(v -> context.runOnContext(x -> pollNext()));
  }

  /** Finishes the batch in hand (committing it), then closes the consumer. */
  public Future<Void> stop() {
    stopping = true;
    if (consumer == null) {
      return Future.succeededFuture();
    }
    stopped = Promise.promise();
    if (!polling) {
      stopped.tryComplete();
    }
    return stopped.future().compose(v -> consumer.close());
  }

  private void pollNext() {
    polling = !stopping;
    if (stopping) {
      stopped.tryComplete();
      return;
    }
    consumer.poll(POLL)
        .compose(records -> records.isEmpty() ? Future.succeededFuture() : process(records))
        .onComplete(done -> {
          if (done.failed()) {
            LOG.warn("[{}] {}", subscription.groupId(), done.cause().toString());
          }
          if (servingBusy.getAsBoolean() && !stopping) {
            paced.increment();
            vertx.setTimer(PACE_MS, t -> pollNext());
          } else {
            pollNext();
          }
        });
  }

  /** A record and what it decoded to. */
  public record Delivered(ConsumerRecord<String, byte[]> record, Event event) {
    public int partition() {
      return record.partition();
    }
  }

  /**
   * Decodes, dead-letters what cannot be decoded, runs the handler until it succeeds, then commits.
   * A batch the handler refuses for good (bad data, not an outage) is split: each event is handled
   * alone, and the ones refused again go to the dead-letter topic, so one bad event never stalls
   * its partition. A failed commit is not retried: the work is durable and idempotent, and a later
   * commit (or a redelivery after a rebalance) covers it.
   */
  private Future<Void> process(KafkaConsumerRecords<String, byte[]> records) {
    List<Delivered> decoded = new ArrayList<>(records.size());
    List<Future<Void>> letters = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<String, byte[]> record = records.recordAt(i).record();
      commits.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1, ""));
      try {
        decoded.add(new Delivered(record, decoder.decode(record.topic(), record.value())));
      } catch (BadEventException e) {
        letters.add(deadLetter(record, e.getMessage()));
      }
    }
    return Future.all(letters)
        .compose(v -> withRetry(() -> decoded.isEmpty() ? Future.succeededFuture() : handler.apply(decoded), 0)
            .recover(e -> isPermanent(e) ? oneByOne(decoded, 0) : Future.failedFuture(e)))
        .onSuccess(v -> processed.increment(decoded.size()))
        .compose(v -> consumer.commit(commits)
            .recover(e -> Future.failedFuture("commit failed (" + e + "); a later commit or a redelivery covers it")))
        .mapEmpty();
  }

  private Future<Void> oneByOne(List<Delivered> decoded, int index) {
    if (index >= decoded.size()) {
      return Future.succeededFuture();
    }
    Delivered one = decoded.get(index);
    return withRetry(() -> handler.apply(List.of(one)), 0)
        .recover(e -> isPermanent(e) ? deadLetter(one.record(), "refused: " + e.getMessage()) : Future.failedFuture(e))
        .compose(v -> oneByOne(decoded, index + 1));
  }

  private Future<Void> deadLetter(ConsumerRecord<String, byte[]> record, String error) {
    LOG.warn("[{}] {}/{}@{} is not processable ({}): dead-lettered", subscription.groupId(), record.topic(),
        record.partition(), record.offset(), error);
    return withRetry(() -> deadLetters.send(record, error, subscription.groupId()), 0).onSuccess(v -> deadLettered.increment());
  }

  private boolean isPermanent(Throwable e) {
    return e instanceof PermanentFailure || permanent.test(e);
  }

  /** A failure that retrying cannot fix (bad data); handlers may fail with it, and the batch is then split. */
  public static final class PermanentFailure extends RuntimeException {
    public PermanentFailure(Throwable cause) {
      super(cause.toString(), cause, false, false);
    }
  }

  private Future<Void> withRetry(java.util.function.Supplier<Future<?>> work, int attempt) {
    return work.get().<Void>mapEmpty().timeout(ATTEMPT_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS).recover(error -> {
      if (permanent.test(error)) {
        return Future.failedFuture(new PermanentFailure(error));
      }
      if (stopping) {
        return Future.failedFuture("stopping with a batch not done (" + error + "): it is redelivered");
      }
      retries.increment();
      long backoff = Math.min(MAX_BACKOFF_MS, 100L << Math.min(attempt, 6));
      LOG.warn("[{}] batch failed ({}); retrying in {} ms", subscription.groupId(), error.toString(), backoff);
      return idleFor(backoff).compose(v -> withRetry(work, attempt + 1));
    });
  }

  /**
   * Waits while polling with every assigned partition paused, so the consumer stays in its group.
   * Should a rebalance hand over a new partition meanwhile, what it returns is rewound, not lost.
   */
  private Future<Void> idleFor(long ms) {
    long until = System.nanoTime() + ms * 1_000_000L;
    return consumer.assignment()
        .compose(assigned -> consumer.pause(assigned).map(v -> assigned))
        .compose(assigned -> idlePoll(until).compose(v -> consumer.assignment())
            .compose(now -> consumer.resume(now)));
  }

  private Future<Void> idlePoll(long untilNanos) {
    if (stopping || System.nanoTime() >= untilNanos) {
      return Future.succeededFuture();
    }
    return consumer.poll(POLL).compose(records -> rewind(records)).compose(v -> idlePoll(untilNanos));
  }

  private Future<Void> rewind(KafkaConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<String, byte[]> r = records.recordAt(i).record();
      first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
    }
    return Future.all(first.entrySet().stream()
        .map(e -> consumer.pause(e.getKey()).compose(v -> consumer.seek(e.getKey(), e.getValue()))).toList()).mapEmpty();
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, subscription.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, subscription.groupId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, subscription.maxPollRecords());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, subscription.assignor());
    // A consumer that died (kill -9, or closed while the broker was away) holds its partitions
    // until its session times out: 10 s rather than the default 45 s before another takes over.
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    // A stop during a Kafka outage must not hang: a commit waits at most 5 s (it is not retried;
    // a redelivery covers it), and closing waits at most request.timeout.ms for the coordinator.
    // Both defaults (60 s, 30 s) outlast the 25 s a SIGTERM gives the whole stop.
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, subscription.groupId() + "-" + Integer.toHexString(System.identityHashCode(this)));
    return p;
  }
}
