package dev.gavel;

import dev.gavel.config.KafkaConfig;
import dev.gavel.db.Migrations;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.ops.Degradations;
import dev.gavel.pipeline.kafka.KafkaTopics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema and the topics: what the consumers need before they start, and what the request path
 * never waits for. Tried once at start-up; while PostgreSQL or Kafka is away they are retried in
 * the background (2 s, growing to 10 s between tries), and {@code /ready} says what waits on them.
 */
final class Prerequisites {
  private static final Logger LOG = LoggerFactory.getLogger(Prerequisites.class);
  private static final String DEGRADATION = "startup";
  private static final Duration TOPICS_TIMEOUT = Duration.ofSeconds(10);
  private static final long FIRST_RETRY_MS = 2_000;
  private static final long MAX_RETRY_MS = 10_000;

  private final Vertx vertx;
  private final PostgresEndpoint pg;
  private final KafkaConfig kafka;
  private final Degradations degradations;
  private volatile boolean stopped;
  private volatile long timer = -1;

  Prerequisites(Vertx vertx, KafkaConfig kafka, PostgresEndpoint pg, Degradations degradations) {
    this.vertx = vertx;
    this.pg = pg;
    this.kafka = kafka;
    this.degradations = degradations;
  }

  /** One try: the schema migrated, then the topics created. Fails with why. */
  Future<Void> attempt() {
    return Migrations.migrate(vertx, pg.jdbcUrl(), pg.user(), pg.password())
        .recover(e -> Future.failedFuture(new IllegalStateException("PostgreSQL " + pg.url() + ": " + e.getMessage(), e)))
        .compose(v -> KafkaTopics.ensure(vertx, kafka.bootstrapServers(), kafka, TOPICS_TIMEOUT)
            .recover(e -> Future.failedFuture(new IllegalStateException("Kafka " + kafka.bootstrapServers() + ": " + e.getMessage(), e))));
  }

  /**
   * Retries until an attempt works; {@code waiting} says, in {@code /ready}, what is held back
   * meanwhile. Never completes if stopped first.
   */
  Future<Void> retry(Throwable firstFailure, String waiting) {
    Promise<Void> ready = Promise.promise();
    LOG.warn("not ready to start {} ({}); retrying in the background", waiting, firstFailure.getMessage());
    waitingOn(waiting, firstFailure);
    schedule(ready, waiting, FIRST_RETRY_MS, 1);
    return ready.future();
  }

  private void schedule(Promise<Void> ready, String waiting, long delayMs, int tries) {
    if (stopped) {
      return;
    }
    timer = vertx.setTimer(delayMs, t -> attempt().onComplete(done -> {
      if (stopped) {
        return;
      }
      if (done.succeeded()) {
        LOG.info("schema and topics ready after {} retries: starting {}", tries, waiting);
        degradations.clear(DEGRADATION);
        ready.complete();
        return;
      }
      waitingOn(waiting, done.cause());
      if (tries % 6 == 0) {
        LOG.warn("still not ready to start {} after {} retries ({})", waiting, tries, done.cause().getMessage());
      }
      schedule(ready, waiting, Math.min(MAX_RETRY_MS, delayMs * 2), tries + 1);
    }));
  }

  private void waitingOn(String waiting, Throwable cause) {
    degradations.set(DEGRADATION, waiting + " waits for the schema and topics: " + cause.getMessage());
  }

  /** No more retries; a try already running is ignored when it ends. */
  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }
}
