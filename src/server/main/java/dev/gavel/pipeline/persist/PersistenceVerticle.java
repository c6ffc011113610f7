package dev.gavel.pipeline.persist;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.Event;
import dev.gavel.events.FraudVerdict;
import dev.gavel.events.TrackingEvent;
import dev.gavel.pipeline.kafka.ConsumerLoop;
import dev.gavel.pipeline.kafka.ConsumerVerticleBase;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes every auction (with its bids), tracking event and fraud verdict to PostgreSQL: one
 * transaction per Kafka batch, batched inserts, unique ids with ON CONFLICT DO NOTHING, so a
 * redelivered batch changes nothing. Offsets are committed only after the transaction commits.
 */
public final class PersistenceVerticle extends ConsumerVerticleBase {
  public static final String ROLE = "persistence";

  public PersistenceVerticle(Deps deps) {
    this(deps, deps.kafka().group(ROLE));
  }

  /** With another consumer group: it re-reads the topics from the start (tests of redelivery use it). */
  public PersistenceVerticle(Deps deps, String group) {
    super(deps, group);
  }

  @Override
  protected Set<String> topics() {
    return Set.of(deps.kafka().topics().auctions(), deps.kafka().topics().tracking(), deps.kafka().topics().verdicts());
  }

  @Override
  protected Future<Void> handle(List<ConsumerLoop.Delivered> batch) {
    List<Event> events = events(batch);
    List<Tuple> auctions = new ArrayList<>();
    List<Tuple> bids = new ArrayList<>();
    List<Tuple> tracking = new ArrayList<>();
    List<Tuple> verdicts = new ArrayList<>();
    try {
      for (Event event : events) {
        if (event instanceof AuctionEvent a) {
          auctions.add(EventRows.auction(a));
          bids.addAll(EventRows.bids(a));
        } else if (event instanceof TrackingEvent t) {
          tracking.add(EventRows.tracking(t));
        } else if (event instanceof FraudVerdict v) {
          verdicts.add(EventRows.verdict(v));
        }
      }
    } catch (RuntimeException e) { // an event that cannot become a row: data, not an outage
      return Future.failedFuture(new ConsumerLoop.PermanentFailure(e));
    }
    return pool().withTransaction(conn -> insertAll(conn, EventRows.INSERT_AUCTION, auctions, EventRows.AUCTION_COLUMNS)
        .compose(v -> insertAll(conn, EventRows.INSERT_BID, bids, EventRows.BID_COLUMNS))
        .compose(v -> insertAll(conn, EventRows.INSERT_TRACKING, tracking, EventRows.TRACKING_COLUMNS))
        .compose(v -> insertAll(conn, EventRows.INSERT_VERDICT, verdicts, EventRows.VERDICT_COLUMNS)));
  }
}
