package dev.gavel.admin;

import dev.gavel.ops.Degradations;
import dev.gavel.pipeline.kafka.AckedProducer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries committed campaign changes to the campaigns topic: every row whose version is above the
 * one last sent is sent, then marked sent (and, once, the catalog marker after them). Runs after
 * each change and every second, so a change committed while Kafka was away reaches the serving
 * nodes when it is back. Sends are idempotent (the topic keeps the newest version per campaign).
 * One run at a time, on the admin verticle's event loop.
 */
final class CampaignOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignOutbox.class);
  private static final String DEGRADATION = "campaign-outbox";

  private final CampaignStore store;
  private final AckedProducer producer;
  private final String topic;
  private final Degradations degradations;
  private boolean markerSent;
  private Future<Boolean> running;
  /** Callers that came while a run was under way: the next run, which starts after it, is theirs. */
  private Promise<Boolean> next;

  CampaignOutbox(CampaignStore store, AckedProducer producer, String topic, Degradations degradations) {
    this.store = store;
    this.producer = producer;
    this.topic = topic;
    this.degradations = degradations;
  }

  /**
   * Sends what is unsent, in a run that starts after this call (so it sees every change committed
   * before it); true when that run sent everything, false when Kafka did not take it all.
   */
  Future<Boolean> flush() {
    if (running == null) {
      return start();
    }
    if (next == null) {
      next = Promise.promise();
    }
    return next.future();
  }

  private Future<Boolean> start() {
    Promise<Boolean> done = Promise.promise();
    running = done.future();
    run().onComplete(r -> {
      if (r.failed()) {
        degradations.set(DEGRADATION, "campaign changes not yet sent to " + topic + ": " + r.cause().getMessage());
      } else {
        degradations.clear(DEGRADATION);
      }
      running = null;
      done.complete(r.succeeded());
      if (next != null) {
        Promise<Boolean> waiting = next;
        next = null;
        start().onComplete(waiting);
      }
    });
    return done.future();
  }

  /**
   * The rows first, the catalog marker after them: a node that reads the marker has read every
   * seeded campaign before it (one partition), so it never swaps in half a catalog.
   */
  private Future<Void> run() {
    return store.unpublished().compose(this::send).compose(v -> markerSent ? Future.succeededFuture()
        : producer.send(new ProducerRecord<>(topic, CampaignRecord.CATALOG_KEY.getBytes(StandardCharsets.UTF_8),
            CampaignRecord.catalogValue())).onSuccess(x -> markerSent = true));
  }

  private Future<Void> send(List<StoredCampaign> rows) {
    Future<Void> chain = Future.succeededFuture();
    for (StoredCampaign row : rows) {
      CampaignRecord record = row.record();
      chain = chain.compose(v -> producer.send(new ProducerRecord<>(topic, record.key(), record.value())))
          .compose(v -> store.markPublished(row.id(), row.version()));
    }
    if (!rows.isEmpty()) {
      chain = chain.onSuccess(v -> LOG.debug("sent {} campaign changes to {}", rows.size(), topic));
    }
    return chain;
  }
}
