package dev.gavel.pipeline.billing;

import dev.gavel.db.PgPools;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.events.Spend;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback loop's return path: every interval, reads net spend per campaign from the billing
 * aggregate and hands it to the auction side. A verticle of its own, beside the serving path,
 * never in it, undeployed with the rest; a failed read keeps the last known state. The lag
 * (interval + consumer lag) bounds overspend.
 */
public final class BudgetFeed extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetFeed.class);

  /** Where each read goes: its spend, or why it failed. */
  public interface Target {
    void spend(Map<String, Spend> spend);

    void unreadable(Throwable cause);
  }

  private final PostgresEndpoint postgres;
  private final long intervalMs;
  private final Target target;
  private Pool pool;
  private long timer = -1;
  private boolean failing;
  private boolean refreshing;

  public BudgetFeed(PostgresEndpoint postgres, long intervalMs, Target target) {
    this.postgres = postgres;
    this.intervalMs = intervalMs;
    this.target = target;
  }

  /** Reads every {@code intervalMs}; deployed once the first read has worked or failed. */
  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, postgres, 2);
    Promise<Void> first = Promise.promise();
    refresh(first);
    timer = vertx.setPeriodic(intervalMs, t -> refresh(Promise.promise()));
    return first.future();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
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
