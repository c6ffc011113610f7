package dev.gavel.pipeline;

import static dev.gavel.pipeline.PipelineTest.CHROME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.db.PgPools;
import dev.gavel.pipeline.billing.BillingVerticle;
import dev.gavel.pipeline.kafka.ConsumerVerticleBase;
import dev.gavel.pipeline.persist.PersistenceVerticle;
import dev.gavel.testing.Eventually;
import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.SharedServices;
import dev.gavel.testing.TestVertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The failure-mode promises of the design, with the real broker and database stopped and
 * restarted under traffic: nothing lost, nothing counted twice, poison set aside.
 */
class FailureModesTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static GavelHarness gavel;
  private static Pool db;
  private static JsonObject kafka;

  @BeforeAll
  static void start() {
    JsonObject config = SharedServices.config(SharedServices.createDatabase("failure"), SharedServices.uniqueTopics("failure"));
    kafka = config.getJsonObject("kafka");
    // A short delivery timeout: the publisher notices a dead broker in 3 s, not 15.
    kafka.put("producer", new JsonObject().put("deliveryTimeoutMs", 3000));
    gavel = GavelHarness.fromJson("failure", config
        .put("verticles", new JsonObject().put("http", new JsonObject().put("instances", 1)))
        .put("auction", new JsonObject().put("campaignsFile", "src/server/test/resources/campaigns-test.json"))
        // Every hit here comes from 127.0.0.1: keep the per-IP rate rule out of these counts.
        .put("fraud", new JsonObject().put("ipMaxEvents", 1_000_000)));
    db = PgPools.create(gavel.vertx, gavel.gavel.postgres(), 2);
  }

  @AfterAll
  static void stop() {
    TestVertx.await(db.close());
    gavel.close();
    if (!SharedServices.kafka().running()) {
      SharedServices.kafka().restart(); // leave the shared broker running, whatever happened
    }
    if (!SharedServices.postgres().running()) {
      SharedServices.postgres().restart();
    }
  }

  private List<String> billingUrls(int n, String prefix) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      urls.add(PipelineTest.winningBid(gavel.postAuction(PipelineTest.banner(prefix + i, 300, 250).encode())).getString("burl"));
    }
    return urls;
  }

  /** Fires each URL and returns the slowest answer in ms; every answer must be 204. */
  private long fireAll(List<String> urls) {
    long slowest = 0;
    for (String url : urls) {
      long start = System.nanoTime();
      int status = gavel.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", CHROME).GET().build()).statusCode();
      slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
      assertThat(status).isEqualTo(204);
    }
    return slowest;
  }

  private long count(String sql, Object... params) {
    Row row = TestVertx.await(db.preparedQuery(sql).execute(Tuple.wrap(params))).iterator().next();
    return row.getLong(0);
  }

  private long trackingRows(String requestPrefix) {
    return count("SELECT count(*) FROM tracking_events t JOIN auctions a USING (auction_id) WHERE a.request_id LIKE $1",
        requestPrefix + "%");
  }

  private long charges(String requestPrefix) {
    return count("SELECT count(*) FROM spend_ledger l JOIN auctions a USING (auction_id) WHERE l.kind = 'charge' AND a.request_id LIKE $1",
        requestPrefix + "%");
  }

  @Test
  void kafkaDownTrackingAnswersAtOnceAndEveryEventArrivesAfterwards() {
    List<String> urls = billingUrls(30, "kafka-down-");
    Eventually.await("auctions recorded", () -> count("SELECT count(*) FROM auctions WHERE request_id LIKE 'kafka-down-%'") == 30, WAIT);

    SharedServices.kafka().stop();
    long slowest = fireAll(urls);
    assertThat(slowest).as("slowest /event answer with Kafka down, ms").isLessThan(1000);
    Eventually.await("events spooled to disk", () -> gavel.registry.find("gavel.publisher.spooled").counter().count() >= 30, WAIT);
    // The auction path is unaffected too.
    assertThat(gavel.postAuction(PipelineTest.banner("kafka-down-auction", 300, 250).encode()).statusCode()).isEqualTo(200);

    SharedServices.kafka().restart();
    Eventually.await("every tracking event persisted", () -> trackingRows("kafka-down-") == 30, WAIT);
    Eventually.await("every impression billed once, and the auction stored", () -> charges("kafka-down-") == 30
        && count("SELECT count(*) FROM auctions WHERE request_id = 'kafka-down-auction'") == 1, WAIT);
    assertThat(gavel.registry.find("gavel.publisher.dropped").counter().count()).isZero();
  }

  @Test
  void postgresDownConsumersRetryAndNothingIsLostOrDoubled() {
    List<String> urls = billingUrls(20, "pg-down-");
    SharedServices.postgres().stop();
    try {
      fireAll(urls);
      assertThat(gavel.postAuction(PipelineTest.banner("pg-down-auction", 300, 250).encode()).statusCode()).isEqualTo(200);
      Eventually.await("consumers retrying", () -> gavel.registry.find("gavel.consumer.retries").counters().stream()
          .mapToDouble(c -> c.count()).sum() > 0, WAIT);
    } finally {
      SharedServices.postgres().restart();
    }
    Eventually.await("every tracking event persisted", () -> trackingRows("pg-down-") == 20, WAIT);
    Eventually.await("every impression billed, and the auction stored", () -> charges("pg-down-") == 20
        && count("SELECT count(*) FROM auctions WHERE request_id = 'pg-down-auction'") == 1, WAIT);
    assertThat(count("SELECT sum(impressions)::bigint FROM spend_hourly h WHERE campaign_key = 'house-mrec-200'"))
        .isEqualTo(count("SELECT count(*) FROM spend_ledger WHERE kind = 'charge' AND campaign_id = 'house-mrec-200'"));
  }

  @Test
  void redeliveredEventsAreCountedOnce() {
    fireAll(billingUrls(10, "redeliver-"));
    Eventually.await("billed", () -> charges("redeliver-") == 10, WAIT);
    Eventually.await("persisted", () -> trackingRows("redeliver-") == 10, WAIT);
    long ledger = count("SELECT count(*) FROM spend_ledger");
    long impressions = count("SELECT sum(impressions)::bigint FROM spend_hourly");
    long tracking = count("SELECT count(*) FROM tracking_events");
    long auctions = count("SELECT count(*) FROM auctions");

    // Fresh consumer groups read every topic again from the start: the worst redelivery there is.
    ConsumerVerticleBase.Deps deps = new ConsumerVerticleBase.Deps(gavel.gavel.config().kafka().bootstrapServers(),
        gavel.gavel.config().kafka(), gavel.gavel.postgres(), 2, gavel.registry);
    String persistence = TestVertx.await(gavel.vertx.deployVerticle(new PersistenceVerticle(deps, "replay-persistence")));
    String billing = TestVertx.await(gavel.vertx.deployVerticle(
        new BillingVerticle(deps, gavel.gavel.config().currency(), "replay-billing")));
    Eventually.await("the replay caught up", () -> caughtUp("replay-persistence", "auctions", "tracking", "verdicts")
        && caughtUp("replay-billing", "tracking", "verdicts"), WAIT);
    TestVertx.await(gavel.vertx.undeploy(persistence));
    TestVertx.await(gavel.vertx.undeploy(billing));

    assertThat(count("SELECT count(*) FROM spend_ledger")).isEqualTo(ledger);
    assertThat(count("SELECT sum(impressions)::bigint FROM spend_hourly")).isEqualTo(impressions);
    assertThat(count("SELECT count(*) FROM tracking_events")).isEqualTo(tracking);
    assertThat(count("SELECT count(*) FROM auctions")).isEqualTo(auctions);
  }

  /** While auctions in the process are short of time, a consumer paces its batches, and still catches up. */
  @Test
  void underAuctionPressureAConsumerPacesItselfAndStillCatchesUp() {
    fireAll(billingUrls(5, "paced-"));
    Eventually.await("persisted", () -> trackingRows("paced-") == 5, WAIT);
    ConsumerVerticleBase.Deps busy = new ConsumerVerticleBase.Deps(gavel.gavel.config().kafka().bootstrapServers(),
        gavel.gavel.config().kafka(), gavel.gavel.postgres(), 2, gavel.registry, () -> true);
    String replay = TestVertx.await(gavel.vertx.deployVerticle(new PersistenceVerticle(busy, "paced-persistence")));
    try {
      Eventually.await("the paced consumer caught up", () -> caughtUp("paced-persistence", "auctions", "tracking", "verdicts"), WAIT);
      assertThat(gavel.registry.get("gavel.consumer.paced").tag("group", "paced-persistence").counter().count())
          .as("polls put off").isPositive();
    } finally {
      TestVertx.await(gavel.vertx.undeploy(replay));
    }
  }

  @Test
  void aPoisonMessageGoesToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
    String trackingTopic = kafka.getJsonObject("topics").getString("tracking");
    String key = "poison-key";
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer.send(new ProducerRecord<>(trackingTopic, key, "{not json".getBytes(StandardCharsets.UTF_8))).get();
      producer.send(new ProducerRecord<>(trackingTopic, key,
          "{\"type\":\"tracking\",\"schemaVersion\":99}".getBytes(StandardCharsets.UTF_8))).get();
    }
    List<String> after = billingUrls(1, "after-poison-");
    fireAll(after);
    Eventually.await("the event behind the poison is persisted and billed", () ->
        trackingRows("after-poison-") == 1 && charges("after-poison-") == 1, WAIT);
    // Each of the three groups that read the tracking topic dead-letters both records itself.
    String prefix = gavel.gavel.config().kafka().groupPrefix();
    Eventually.await("each group sent both to the dead-letter topic", () -> Stream.of("-persistence", "-billing", "-fraud")
        .allMatch(group -> deadLettered(prefix + group) >= 2), WAIT);

    List<ConsumerRecord<byte[], byte[]>> letters = readAll(kafka.getJsonObject("topics").getString("deadLetter"), 6);
    assertThat(letters).extracting(r -> header(r, "dlq-error")).anyMatch(e -> e.startsWith("not JSON"))
        .anyMatch(e -> e.contains("unsupported schemaVersion 99"));
    assertThat(letters).extracting(r -> header(r, "dlq-consumer-group"))
        .contains(prefix + "-persistence", prefix + "-billing", prefix + "-fraud");
  }

  private double deadLettered(String group) {
    var counter = gavel.registry.find("gavel.consumer.dead.letters").tag("group", group).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Whether the group has committed up to the end of every partition of these topics (none committed counts as 0). */
  private boolean caughtUp(String group, String... topicKeys) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", gavel.gavel.config().kafka().bootstrapServers()))) {
      List<String> topics = Stream.of(topicKeys).map(k -> kafka.getJsonObject("topics").getString(k)).toList();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      admin.describeTopics(topics).allTopicNames().get().values().forEach(d -> d.partitions()
          .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
      var ends = admin.listOffsets(latest).all().get();
      Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return ends.entrySet().stream().allMatch(e -> {
        var commit = committed.get(e.getKey());
        return (commit == null ? 0 : commit.offset()) >= e.getValue().offset();
      });
    } catch (Exception e) {
      return false;
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties p = new Properties();
    p.put("bootstrap.servers", SharedServices.bootstrapServers());
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int atLeast) {
    Properties p = new Properties();
    p.put("bootstrap.servers", SharedServices.bootstrapServers());
    p.put("group.id", "dlq-reader-" + System.nanoTime());
    p.put("auto.offset.reset", "earliest");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (out.size() < atLeast && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
