package dev.gavel.pipeline.billing;

import dev.gavel.events.Spend;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback loop's return path: every interval, reads net spend per campaign from the billing
 * aggregate and hands it to the auction side. It runs beside the serving path, never in it; a
 * failed read keeps the last known state. The lag (interval + consumer lag) bounds overspend.
 */
public final class BudgetFeed {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetFeed.class);

  /** Where each read goes: its spend, or why it failed. */
  public interface Target {
    void spend(Map<String, Spend> spend);

    void unreadable(Throwable cause);
  }

  private final Vertx vertx;
  private final Pool pool;
  private final Target target;
  private long timer = -1;
  private boolean failing;
  private boolean refreshing;

  public BudgetFeed(Vertx vertx, Pool pool, Target target) {
    this.vertx = vertx;
    this.pool = pool;
    this.target = target;
  }

  /** Starts reading every {@code intervalMs}; the future completes when the first read has worked or failed. */
  public Future<Void> start(long intervalMs) {
    Promise<Void> first = Promise.promise();
    refresh(first);
    timer = vertx.setPeriodic(intervalMs, t -> refresh(Promise.promise()));
    return first.future();
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return pool.close();
  }

  private void refresh(Promise<Void> done) {
    if (refreshing) {
      done.tryComplete(); // a slow read still running: never let an older snapshot land after a newer one
      return;
    }
    refreshing = true;
    CampaignSpend.read(pool).onComplete(read -> {
      refreshing = false;
      if (read.succeeded()) {
        failing = false;
        target.spend(read.result());
      } else {
        if (!failing) {
          LOG.warn("budget state cannot be read ({}); auctions keep the last known spend", read.cause().getMessage());
        }
        failing = true;
        target.unreadable(read.cause());
      }
      done.tryComplete();
    });
  }
}
