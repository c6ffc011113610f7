package dev.gavel;

import dev.gavel.auction.campaign.BudgetFile;
import dev.gavel.auction.campaign.BudgetSnapshot;
import dev.gavel.auction.campaign.BudgetView;
import dev.gavel.auction.campaign.SpendHolds;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.events.Spend;
import dev.gavel.ops.Degradations;
import dev.gavel.pipeline.billing.BudgetFeed;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spend the auctions see. It starts unknown (house campaigns do not bid), or from the
 * snapshot this node kept on disk; then follows billing through {@link BudgetFeed}, keeping each
 * new read on disk for the next start. While billing cannot be read, the last spend known stays in
 * use and {@code /ready} says since when.
 */
final class Budgets implements BudgetFeed.Target {
  private static final Logger LOG = LoggerFactory.getLogger(Budgets.class);
  private static final String DEGRADATION = "budgets";
  private static final long REFRESH_MS = 1000;

  private final Vertx vertx;
  private final Path file;
  private final Degradations degradations;
  private final Clock clock;
  private final AtomicReference<BudgetView> current = new AtomicReference<>(BudgetSnapshot.UNKNOWN);
  private final SpendHolds holds;
  private Instant asOf;
  private String asOfSource = "billing";
  private boolean writing;
  private BudgetSnapshot unwritten;
  private Instant unwrittenReadAt;

  /**
   * @param file where the snapshot is kept; null: none kept
   * @param holdSeconds how long a house win holds its price against its budget, waiting for its billing
   */
  Budgets(Vertx vertx, Path file, Degradations degradations, Clock clock, int holdSeconds) {
    this.vertx = vertx;
    this.holds = new SpendHolds(holdSeconds * 1000L, clock::millis);
    this.file = file;
    this.degradations = degradations;
    this.clock = clock;
  }

  /** Billed spend, as billing last reported it (auctions add this node's {@link #holds()} on top). */
  BudgetView view() {
    return current.get();
  }

  /** The spend in flight on this node: bids in open auctions and wins not billed yet. */
  SpendHolds holds() {
    return holds;
  }

  /**
   * Loads the kept snapshot, then deploys the feed that follows billing; completes once its first
   * read has worked or failed.
   */
  Future<Void> start(Deployments deployments, PostgresEndpoint postgres) {
    return loadKept().compose(v -> deployments.deploy(Deployments.Tier.FEEDS, () -> new BudgetFeed(postgres, REFRESH_MS, this), 1))
        .mapEmpty();
  }

  // The feed's callbacks and the file writes' completions may land on different threads: synchronized.
  @Override
  public synchronized void spend(Map<String, Spend> spend) {
    BudgetSnapshot next = BudgetSnapshot.of(spend);
    BudgetView previous = current.getAndSet(next);
    asOf = clock.instant();
    asOfSource = "billing";
    degradations.clear(DEGRADATION);
    if (!(previous instanceof BudgetSnapshot p) || !p.known() || !p.spend().equals(next.spend())) {
      keep(next, asOf);
    }
  }

  @Override
  public synchronized void unreadable(Throwable cause) {
    degradations.set(DEGRADATION, current.get().known()
        ? "billing unreadable (" + cause.getMessage() + "); auctions use the spend read from " + asOfSource + " at " + asOf
        : "billing unreadable since start (" + cause.getMessage() + ") and no snapshot kept: house campaigns do not bid");
  }

  private Future<Void> loadKept() {
    if (file == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> BudgetFile.read(file, clock.instant()), false).transform(read -> {
      adopt(read);
      return Future.succeededFuture();
    });
  }

  private synchronized void adopt(AsyncResult<BudgetFile.Kept> read) {
    if (read.failed()) {
      LOG.warn("{}; starting with spend unknown", read.cause().getMessage());
    } else if (read.result() != null && !current.get().known()) {
      current.set(read.result().snapshot());
      asOf = read.result().readAt();
      asOfSource = file.toString();
      LOG.info("budgets start from the snapshot kept in {} (read from billing at {})", file, asOf);
    }
  }

  /** One write at a time; the newest read that lands meanwhile is written next. */
  private synchronized void keep(BudgetSnapshot snapshot, Instant readAt) {
    if (file == null) {
      return;
    }
    if (writing) {
      unwritten = snapshot;
      unwrittenReadAt = readAt;
      return;
    }
    writing = true;
    vertx.executeBlocking(() -> {
      BudgetFile.write(file, snapshot, readAt);
      return null;
    }, false).onComplete(done -> {
      if (done.failed()) {
        LOG.warn("cannot keep the budget snapshot in {}: {}", file, done.cause().toString());
      }
      writeNext();
    });
  }

  private synchronized void writeNext() {
    writing = false;
    if (unwritten != null) {
      BudgetSnapshot next = unwritten;
      unwritten = null;
      keep(next, unwrittenReadAt);
    }
  }
}
