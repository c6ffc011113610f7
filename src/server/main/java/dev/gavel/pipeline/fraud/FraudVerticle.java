package dev.gavel.pipeline.fraud;

import dev.gavel.config.FraudConfig;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.EventJson;
import dev.gavel.events.FraudVerdict;
import dev.gavel.events.TrackingEvent;
import dev.gavel.pipeline.kafka.ConsumerLoop;
import dev.gavel.pipeline.kafka.ConsumerVerticleBase;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Streams tracking events (and auction events, to know which auctions exist) through the
 * invalid-traffic rules and publishes each verdict to the verdicts topic, which billing and
 * persistence consume. A batch is committed only once its verdicts are in Kafka; verdict ids are
 * deterministic, so a redelivered batch republishes the same verdicts and nothing downstream doubles.
 * The range assignor gives one instance the same partitions of both topics: an auction's events
 * (keyed by auction id) meet in one detector.
 */
public final class FraudVerticle extends ConsumerVerticleBase {
  public static final String ROLE = "fraud";
  private static final long EXPIRE_INTERVAL_MS = 1000;

  private final FraudConfig config;
  private final UserAgentAnalyzer analyzer;
  private InvalidTrafficDetector detector;
  /** Unknown-auction verdicts, matured by the timer, kept until Kafka has them. */
  private final List<FraudVerdict> matured = new ArrayList<>();
  private long expireTimer;

  public FraudVerticle(Deps deps, FraudConfig config, UserAgentAnalyzer analyzer) {
    super(deps, deps.kafka().group(ROLE));
    this.config = config;
    this.analyzer = analyzer;
  }

  @Override
  protected Set<String> topics() {
    return Set.of(deps.kafka().topics().auctions(), deps.kafka().topics().tracking());
  }

  /** Fraud needs an auction's id and time, not its bids: the rest of the event is not decoded. */
  @Override
  protected boolean auctionHeadersOnly() {
    return true;
  }

  @Override
  protected boolean usesPostgres() {
    return false;
  }

  @Override
  protected String assignor() {
    return RangeAssignor.class.getName();
  }

  @Override
  protected Future<Void> prepare() {
    detector = new InvalidTrafficDetector(config, FraudLimits.defaults(), analyzer);
    // Unknown-auction checks mature by event time, and only as far as the auctions have been read:
    // each partition's watermark, not the wall clock nor the tracking events' time.
    expireTimer = vertx.setPeriodic(EXPIRE_INTERVAL_MS, t -> {
      matured.addAll(detector.expireByWatermarks());
      publishMatured();
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(expireTimer);
    return super.stop();
  }

  /** Each event with its partition: an auction and its tracking events share a partition number. */
  @Override
  protected Future<Void> handle(List<ConsumerLoop.Delivered> batch) {
    List<FraudVerdict> verdicts = new ArrayList<>();
    for (ConsumerLoop.Delivered delivered : batch) {
      if (delivered.event() instanceof AuctionEvent a) {
        detector.auctionSeen(a.auctionId(), a.occurredAtMs(), delivered.partition());
      } else if (delivered.event() instanceof TrackingEvent t && !t.test()) {
        // A test auction's hits (the start-up warm-up's, a publisher's integration tests) are not judged.
        verdicts.addAll(detector.inspect(t, delivered.partition()));
      }
    }
    return publish(verdicts).compose(v -> publishMatured());
  }

  /** The detector forgets a check once it matures, so its verdict is held here until acknowledged. */
  private Future<Void> publishMatured() {
    if (matured.isEmpty()) {
      return Future.succeededFuture();
    }
    List<FraudVerdict> sending = List.copyOf(matured);
    return publish(sending).onSuccess(v -> matured.removeAll(sending));
  }

  private Future<Void> publish(List<FraudVerdict> verdicts) {
    if (verdicts.isEmpty()) {
      return Future.succeededFuture();
    }
    String topic = deps.kafka().topics().verdicts();
    return Future.all(verdicts.stream().map(v -> {
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, v.auctionId().getBytes(StandardCharsets.UTF_8), EventJson.write(v));
      record.headers().add("trace-id", v.traceId().getBytes(StandardCharsets.UTF_8));
      return producer().send(record);
    }).toList()).mapEmpty();
  }
}
