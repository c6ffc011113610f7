package dev.gavel.pipeline.billing;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feedback loop's return path: every interval, reads net spend per campaign from the billing
 * aggregate and hands it to the auction side. It runs beside the serving path, never in it; a
 * failed read keeps the last known state. The lag (interval + consumer lag) bounds overspend.
 */
public final class BudgetFeed {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetFeed.class);

  private final Vertx vertx;
  private final Pool pool;
  private final Consumer<Map<String, CampaignSpend.Spend>> target;
  private long timer = -1;
  private boolean failing;
  private boolean refreshing;

  public BudgetFeed(Vertx vertx, Pool pool, Consumer<Map<String, CampaignSpend.Spend>> target) {
    this.vertx = vertx;
    this.pool = pool;
    this.target = target;
  }

  public void start(long intervalMs) {
    refresh();
    timer = vertx.setPeriodic(intervalMs, t -> refresh());
  }

  public io.vertx.core.Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return pool.close();
  }

  private void refresh() {
    if (refreshing) {
      return; // a slow read still running: never let an older snapshot land after a newer one
    }
    refreshing = true;
    CampaignSpend.read(pool).onComplete(done -> refreshing = false).onSuccess(spend -> {
      failing = false;
      target.accept(spend);
    }).onFailure(e -> {
      if (!failing) {
        LOG.warn("budget state cannot be read ({}); auctions keep the last known spend", e.getMessage());
      }
      failing = true;
    });
  }
}
