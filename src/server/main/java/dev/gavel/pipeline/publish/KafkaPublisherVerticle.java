package dev.gavel.pipeline.publish;

import dev.gavel.config.KafkaConfig;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.EventAddresses;
import dev.gavel.events.EventEnvelope;
import dev.gavel.events.TrackingEvent;
import dev.gavel.ops.Degradations;
import dev.gavel.pipeline.kafka.AckedProducer;
import dev.gavel.pipeline.kafka.Compressions;
import dev.gavel.pipeline.kafka.EventTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns event-bus envelopes into Kafka records, and keeps them when Kafka cannot take them.
 * DIRECT mode sends straight to the idempotent producer; a failed send, or more than
 * {@code highWaterMark} records unacknowledged, switches to SPOOLING: every event then goes to the
 * disk spool, in order, until a probe finds Kafka reachable and the spool has been replayed.
 * The producer never blocks ({@code max.block.ms=0}), so neither does this event loop.
 */
public final class KafkaPublisherVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisherVerticle.class);
  static final String TRACE_HEADER = "trace-id";
  private static final long PROBE_INTERVAL_MS = 1000;
  private static final String DEGRADATION = "kafka";

  private final String bootstrapServers;
  private final KafkaConfig config;
  private final EventTopics topics;
  private final MeterRegistry registry;
  private final Degradations degradations;
  private AckedProducer producer;
  private Admin admin;
  private Spool spool;
  private PublisherMetrics metrics;
  private MessageConsumer<EventEnvelope> consumer;
  private final Map<String, Integer> replayedUpTo = new java.util.HashMap<>();
  private int inFlight;
  private boolean spooling;
  private boolean replaying;
  private boolean stopping;
  private boolean unresolvedLogged;
  private long probeTimer;
  private long flushTimer;
  private String compression;

  public KafkaPublisherVerticle(String bootstrapServers, KafkaConfig config, MeterRegistry registry, Degradations degradations) {
    this.bootstrapServers = bootstrapServers;
    this.config = config;
    this.topics = new EventTopics(config.topics());
    this.registry = registry;
    this.degradations = degradations;
  }

  @Override
  public Future<?> start() {
    spool = new Spool(vertx, Path.of(config.spool().dir()), config.spool().maxBytes());
    metrics = new PublisherMetrics(registry, () -> inFlight, spool::bytes, () -> spooling ? 1 : 0);
    // Checking the codec loads its native library (file I/O): off the event loop, once.
    return vertx.executeBlocking(() -> Compressions.usable(config.producer().compression()))
        .compose(codec -> {
          compression = codec;
          return spool.start();
        })
        .compose(v -> connect() ? producer.warm(vertx, publishedTopics(), 20)
            : Future.succeededFuture())
        .onSuccess(v -> {
      if (!spool.isEmpty() || producer == null) {
        startSpooling();
      }
      consumer = vertx.eventBus().consumer(EventAddresses.PUBLISH, message -> publish(message.body()));
      probeTimer = vertx.setPeriodic(PROBE_INTERVAL_MS, t -> probe());
      flushTimer = vertx.setPeriodic(config.spool().flushIntervalMs(), t -> spool.flush());
    });
  }

  /**
   * Creates the producer and the admin client. The Kafka client refuses to be built when no
   * bootstrap address resolves (a DNS name not there yet): then every event spools, and each probe
   * tries again, rather than the node failing to start.
   */
  private boolean connect() {
    try {
      producer = new AckedProducer(bootstrapServers, "gavel-publisher-" + Integer.toHexString(System.identityHashCode(this)),
          context, producerTuning());
      admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "request.timeout.ms", 2000, "default.api.timeout.ms", 2000));
      return true;
    } catch (org.apache.kafka.common.KafkaException e) {
      AckedProducer built = producer; // the admin client failed after it: close it, off the loop
      producer = null;
      if (built != null) {
        vertx.executeBlocking(() -> {
          built.closeBlocking(java.time.Duration.ZERO);
          return null;
        }, false);
      }
      if (!unresolvedLogged) {
        LOG.warn("cannot build the Kafka client for {} ({}); spooling events until it can be", bootstrapServers,
            e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        unresolvedLogged = true;
      }
      return false;
    }
  }

  /** The topics events go to: their metadata is fetched before the first send and before a replay. */
  private List<String> publishedTopics() {
    return List.of(topics.topicOf(AuctionEvent.TYPE), topics.topicOf(TrackingEvent.TYPE));
  }

  /** Drains what Kafka will still take, spools the rest, and flushes the spool before exit. */
  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(probeTimer);
    vertx.cancelTimer(flushTimer);
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    long closeMs = spooling ? 0 : Math.min(5_000, config.producer().deliveryTimeoutMs());
    return unregistered
        .compose(v -> vertx.executeBlocking(() -> {
          // Records Kafka has not acknowledged by then fail, and their callbacks spool them.
          if (producer != null) {
            producer.closeBlocking(java.time.Duration.ofMillis(closeMs));
            admin.close(java.time.Duration.ofSeconds(1));
          }
          return null;
        }, false))
        .compose(v -> {
          Promise<Void> afterCallbacks = Promise.promise();
          context.runOnContext(x -> afterCallbacks.complete()); // queued behind the failed sends' callbacks
          return afterCallbacks.future();
        })
        .compose(v -> spool.close())
        .onComplete(v -> LOG.info("publisher stopped; {} bytes left in the spool for the next start", spool.bytes()));
  }

  private void publish(EventEnvelope envelope) {
    if (spooling || inFlight >= config.spool().highWaterMark()) {
      toSpool(envelope);
      return;
    }
    send(envelope).onFailure(e -> {
      if (refusedForGood(e)) {
        reject(envelope, e);
        return;
      }
      if (!spooling) {
        LOG.warn("Kafka send failed ({}); spooling events to disk until it is back", e.toString());
      }
      toSpool(envelope);
    });
  }

  private void startSpooling() {
    spooling = true;
    degradations.set(DEGRADATION, "events are spooled to disk (Kafka unreachable or slow); replayed in order once it answers");
  }

  private void toSpool(EventEnvelope envelope) {
    if (!spooling) {
      startSpooling();
    }
    if (spool.append(envelope)) {
      metrics.spooled.increment();
    } else {
      metrics.dropped.increment();
      LOG.error("spool full ({} bytes): event for auction {} dropped", spool.bytes(), envelope.key());
    }
  }

  /**
   * Kafka's answer for a record it will never take (too large, invalid topic, not authorised):
   * spooling it would only stall the spool behind it.
   */
  private static boolean refusedForGood(Throwable e) {
    return e instanceof org.apache.kafka.common.errors.ApiException
        && !(e instanceof org.apache.kafka.common.errors.RetriableException);
  }

  private Future<Void> reject(EventEnvelope envelope, Throwable e) {
    metrics.rejected.increment();
    LOG.error("Kafka refused an event of auction {} for good ({}); it is dropped", envelope.key(), e.toString());
    return Future.succeededFuture();
  }

  /** One send; the future completes on this event loop. */
  private Future<Void> send(EventEnvelope envelope) {
    String topic;
    try {
      topic = topics.topicOf(envelope.type());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new org.apache.kafka.common.errors.InvalidTopicException(e.getMessage()));
    }
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
        envelope.key().getBytes(StandardCharsets.UTF_8), envelope.value());
    if (envelope.traceId() != null) {
      record.headers().add(TRACE_HEADER, envelope.traceId().getBytes(StandardCharsets.UTF_8));
    }
    long start = System.nanoTime();
    inFlight++;
    return producer.send(record).onComplete(done -> {
      inFlight--;
      if (done.succeeded()) {
        metrics.sent.increment();
        metrics.sendLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      } else {
        metrics.sendErrors.increment();
      }
    });
  }

  /**
   * While spooling: when Kafka answers again and nothing is in flight, replay the spool. One probe
   * or replay at a time ({@code replaying} covers both), so two replays never interleave.
   */
  private void probe() {
    if (!spooling || replaying || stopping || inFlight > 0 || (producer == null && !connect())) {
      return;
    }
    replaying = true;
    Promise<Void> reachable = Promise.promise();
    admin.describeCluster(new DescribeClusterOptions().timeoutMs(900)).nodes()
        .whenComplete((nodes, error) -> context.runOnContext(v -> {
          if (error == null && !nodes.isEmpty()) {
            reachable.complete();
          } else {
            reachable.fail("Kafka unreachable");
          }
        }));
    // Metadata first (the topics may be new since start): a send to a topic the producer has not
    // seen yet fails at once, as max.block.ms is 0, and would only interrupt the replay.
    reachable.future()
        .compose(v -> producer.warm(vertx, publishedTopics(), 10))
        .compose(v -> replay())
        .onComplete(done -> replaying = false);
  }

  private Future<Void> replay() {
    LOG.info("Kafka is reachable: replaying {} spooled bytes", spool.bytes());
    return spool.seal().compose(v -> replaySealedSegments()).onComplete(done -> {
      if (done.succeeded() && spool.isEmpty()) {
        spooling = false;
        degradations.clear(DEGRADATION);
        LOG.info("spool drained; publishing directly again");
      } else if (done.failed()) {
        LOG.warn("replay interrupted ({}); will retry", done.cause().toString());
      }
    });
  }

  /**
   * Oldest segment first, in windows of at most {@code highWaterMark} records; a segment is deleted
   * once every record in it was acknowledged. A retry resumes after the last acknowledged window.
   */
  private Future<Void> replaySealedSegments() {
    String segment = spool.oldestSealed();
    if (segment == null) {
      // Events spooled during the replay went to a new segment: seal it and go round again.
      return spool.hasOpenRecords() ? spool.seal().compose(v -> replaySealedSegments()) : Future.succeededFuture();
    }
    return spool.read(segment).compose(decoded -> {
      if (decoded.tornTail()) {
        LOG.warn("spool segment {} ends with a partial record (killed mid-write?); the partial record is skipped", segment);
      }
      return replayWindows(segment, decoded.envelopes(), replayedUpTo.getOrDefault(segment, 0));
    }).compose(v -> {
      replayedUpTo.remove(segment);
      return spool.delete(segment);
    }).compose(v -> stopping ? Future.succeededFuture() : replaySealedSegments());
  }

  private Future<Void> replayWindows(String segment, List<EventEnvelope> envelopes, int from) {
    if (stopping) {
      return Future.failedFuture("stopping");
    }
    if (from >= envelopes.size()) {
      return Future.succeededFuture();
    }
    int to = Math.min(envelopes.size(), from + config.spool().highWaterMark());
    List<Future<Void>> sends = envelopes.subList(from, to).stream()
        .map(e -> send(e).recover(error -> refusedForGood(error) ? reject(e, error) : Future.failedFuture(error)))
        .toList();
    return Future.all(sends).compose(v -> {
      metrics.replayed.increment(sends.size());
      replayedUpTo.put(segment, to);
      return replayWindows(segment, envelopes, to);
    });
  }

  /** Batching and timeouts on top of AckedProducer's idempotent, acks=all, never-blocking base. */
  private Properties producerTuning() {
    Properties p = new Properties();
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.LINGER_MS_CONFIG, config.producer().lingerMs());
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, config.producer().batchSizeBytes());
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, config.producer().deliveryTimeoutMs());
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(5_000, config.producer().deliveryTimeoutMs() - config.producer().lingerMs()));
    return p;
  }
}
