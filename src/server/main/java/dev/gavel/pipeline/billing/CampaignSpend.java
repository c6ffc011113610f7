package dev.gavel.pipeline.billing;

import dev.gavel.events.Spend;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads net spend per campaign (today, UTC, and in total) from the billing aggregate: the budget
 * state that flows back to the auction. Amounts are USD micros, rounded up from CPM micros, so a
 * budget is never thought to have more room than it has.
 */
public final class CampaignSpend {

  private CampaignSpend() {}

  public static Future<Map<String, Spend>> read(Pool pool) {
    return pool.query(LedgerSql.CAMPAIGN_SPEND).execute().map(CampaignSpend::of);
  }

  /** Rows of {@link LedgerSql#CAMPAIGN_SPEND}'s shape, by campaign. */
  static Map<String, Spend> of(RowSet<Row> rows) {
    Map<String, Spend> out = new HashMap<>();
    for (Row row : rows) {
      out.put(row.getString("campaign_key"), new Spend(perImpression(row.getLong("today")), perImpression(row.getLong("total"))));
    }
    return out;
  }

  /** CPM micros summed over impressions, to money micros: divide by 1000, rounding up. */
  static long perImpression(Long cpmMicros) {
    return cpmMicros == null ? 0 : Math.floorDiv(cpmMicros + 999, 1000);
  }
}
