package dev.gavel;

import dev.gavel.auction.campaign.BudgetFile;
import dev.gavel.auction.campaign.BudgetSnapshot;
import dev.gavel.auction.campaign.BudgetView;
import dev.gavel.auction.campaign.FrequencyCounts;
import dev.gavel.auction.campaign.SpendHolds;
import dev.gavel.config.KafkaConfig;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.events.Spend;
import dev.gavel.events.SpendUpdate;
import dev.gavel.ops.Degradations;
import dev.gavel.pipeline.billing.BudgetFeed;
import dev.gavel.pipeline.billing.SpendFeed;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
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
final class Budgets implements BudgetFeed.Target, SpendFeed.Target {
  private static final Logger LOG = LoggerFactory.getLogger(Budgets.class);
  private static final String DEGRADATION = "budgets";
  private static final long REFRESH_MS = 1000;

  private final Vertx vertx;
  private final Path file;
  private final Degradations degradations;
  private final Clock clock;
  private final AtomicReference<BudgetView> current = new AtomicReference<>(BudgetSnapshot.UNKNOWN);
  private final SpendHolds holds;
  private final FrequencyCounts frequency;
  /** When each campaign last had an update from the spend feed. */
  private final Map<String, Long> updatedAt = new HashMap<>();
  private Instant asOf;
  private String asOfSource = "billing";
  private boolean writing;
  private BudgetSnapshot unwritten;
  private Instant unwrittenReadAt;

  /**
   * @param file where the snapshot is kept; null: none kept
   * @param holdSeconds how long a house win holds its price against its budget, waiting for its billing
   * @param frequencyUsers how many (campaign, user) pairs the frequency counts keep
   */
  Budgets(Vertx vertx, Path file, Degradations degradations, Clock clock, int holdSeconds, int frequencyUsers) {
    this.vertx = vertx;
    this.frequency = new FrequencyCounts(frequencyUsers);
    this.holds = new SpendHolds(holdSeconds * 1000L, clock::millis);
    this.file = file;
    this.degradations = degradations;
    this.clock = clock;
  }

  /** Billed spend, as billing last reported it (auctions add this node's {@link #holds()} on top). */
  BudgetView view() {
    return current.get();
  }

  /** Each capped campaign's impressions per user, from this node's wins and billing's reports. */
  FrequencyCounts frequency() {
    return frequency;
  }

  /** The spend in flight on this node: bids in open auctions and wins not billed yet. */
  SpendHolds holds() {
    return holds;
  }

  /**
   * Loads the kept snapshot, then deploys the feed that follows billing; completes once its first
   * read has worked or failed.
   */
  Future<Void> start(Deployments deployments, PostgresEndpoint postgres, KafkaConfig kafka) {
    return loadKept().compose(v -> deployments.deploy(Deployments.Tier.FEEDS, () -> new BudgetFeed(postgres, REFRESH_MS, this), 1))
        .compose(v -> deployments.deployWorker(Deployments.Tier.FEEDS, () -> new SpendFeed(kafka.bootstrapServers(),
            kafka.topics().spend(), this), 1))
        .mapEmpty();
  }

  /**
   * Billing committed spend for one campaign: taken at once (and kept on disk), then the holds of
   * the bids it now includes let go, in that order, so for a moment both count and never neither;
   * its capped impressions are counted for their users. The spend is ignored while nothing else is
   * known: one campaign's spend is no budget state for the others.
   */
  @Override
  public synchronized void update(SpendUpdate update) {
    if (current.get() instanceof BudgetSnapshot known && known.known()) {
      BudgetSnapshot next = known.with(update.campaignId(), update.spend().todayMicros(), update.spend().totalMicros());
      current.set(next);
      updatedAt.put(update.campaignId(), clock.millis());
      keep(next, clock.instant()); // one write at a time, the newest kept: a burst costs one or two
    }
    for (SpendUpdate.Billed b : update.billed()) {
      holds.billed(b.bidId());
      if (b.frequencyKey() != null) {
        frequency.count(b.bidId(), update.campaignId(), b.frequencyKey(), b.atMillis());
      }
    }
  }

  // The feed's callbacks and the file writes' completions may land on different threads: synchronized.
  @Override
  public synchronized void spend(Map<String, Spend> spend) {
    BudgetSnapshot next = BudgetSnapshot.of(withRecentUpdates(spend));
    BudgetView previous = current.getAndSet(next);
    asOf = clock.instant();
    asOfSource = "billing";
    degradations.clear(DEGRADATION);
    if (!(previous instanceof BudgetSnapshot p) || !p.known() || !p.spend().equals(next.spend())) {
      keep(next, asOf);
    }
  }

  /**
   * A full read may have started before a commit whose update has arrived since (its holds are
   * gone already): for a campaign updated within the last read interval or two, the higher of the
   * two stands. After that the read is the truth again (an invalid-traffic credit lowers spend).
   */
  private Map<String, Spend> withRecentUpdates(Map<String, Spend> read) {
    long recent = clock.millis() - 2 * REFRESH_MS;
    updatedAt.values().removeIf(at -> at < recent);
    if (updatedAt.isEmpty() || !(current.get() instanceof BudgetSnapshot now)) {
      return read;
    }
    Map<String, Spend> merged = new HashMap<>(read);
    for (String campaign : updatedAt.keySet()) {
      Spend fromRead = read.getOrDefault(campaign, new Spend(0, 0));
      merged.put(campaign, new Spend(Math.max(now.spentTodayMicros(campaign), fromRead.todayMicros()),
          Math.max(now.spentTotalMicros(campaign), fromRead.totalMicros())));
    }
    return merged;
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
