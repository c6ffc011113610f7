package dev.gavel.api;

import dev.gavel.auction.campaign.Campaign;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** One campaign's line in the report: delivery, spend, invalid traffic and what its budgets have left. */
final class CampaignReport {
  private CampaignReport() {}

  static JsonObject row(Campaign c, Row spend, Row clicks, Row wins) {
    long impressions = value(spend, "impressions");
    long gross = value(spend, "gross");
    long credit = value(spend, "credit");
    long net = gross - credit;
    long netToday = value(spend, "net_today");
    // Budgets are micros of money; spend is CPM micros, so compare at x1000.
    long dailyLeft = Math.max(0, c.dailyBudgetMicros() * 1000 - netToday);
    long totalLeft = Math.max(0, c.totalBudgetMicros() * 1000 - net);
    return new JsonObject()
        .put("campaignId", c.id())
        .put("advertiser", c.advertiserDomain())
        .put("wins", value(wins, "wins"))
        .put("impressions", impressions)
        .put("clicks", value(clicks, "clicks"))
        .put("invalidImpressions", value(spend, "invalid_impressions"))
        .put("grossSpend", ReportRoutes.money(gross).toPlainString())
        .put("invalidTrafficCredit", ReportRoutes.money(credit).toPlainString())
        .put("netSpend", ReportRoutes.money(net).toPlainString())
        .put("netSpendToday", ReportRoutes.money(netToday).toPlainString())
        .put("dailyBudget", ReportRoutes.budget(c.dailyBudgetMicros()).toPlainString())
        .put("dailyBudgetRemaining", ReportRoutes.money(dailyLeft).toPlainString())
        .put("totalBudget", ReportRoutes.budget(c.totalBudgetMicros()).toPlainString())
        .put("totalBudgetRemaining", ReportRoutes.money(totalLeft).toPlainString());
  }

  private static long value(Row row, String column) {
    if (row == null) {
      return 0;
    }
    Long v = row.getLong(column);
    return v == null ? 0 : v;
  }
}
