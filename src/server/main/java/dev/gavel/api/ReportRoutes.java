package dev.gavel.api;

import dev.gavel.auction.campaign.Campaign;
import dev.gavel.auction.campaign.CampaignCatalog;
import dev.gavel.db.PgPools;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.http.JsonErrors;
import dev.gavel.http.RouteModule;
import dev.gavel.money.Money;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The read side: campaign reports and the whole story of one auction. It reads PostgreSQL, so it
 * shows what the consumers have made durable (eventually consistent with the serving path).
 */
public final class ReportRoutes implements RouteModule {
  private final PostgresEndpoint postgres;
  private final CampaignCatalog campaigns;
  private Pool pool;

  public ReportRoutes(PostgresEndpoint postgres, CampaignCatalog campaigns) {
    this.postgres = postgres;
    this.campaigns = campaigns;
  }

  @Override
  public void mount(Vertx vertx, Router router) {
    pool = PgPools.create(vertx, postgres, 4);
    router.get("/api/reports/campaigns").handler(this::campaignReport);
    router.get("/api/reports/fraud").handler(this::fraudReport);
    router.get("/api/auctions/:id").handler(this::auctionTrace);
  }

  @Override
  public Future<Void> close() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }

  private void campaignReport(RoutingContext ctx) {
    Future<RowSet<Row>> spend = pool.query(ReportSql.CAMPAIGN_SPEND).execute();
    Future<RowSet<Row>> clicks = pool.query(ReportSql.CAMPAIGN_CLICKS).execute();
    Future<RowSet<Row>> wins = pool.query(ReportSql.CAMPAIGN_WINS).execute();
    Future.all(spend, clicks, wins).onSuccess(all -> {
      Map<String, Row> spendBy = byKey(spend.result(), "campaign_id");
      Map<String, Row> clicksBy = byKey(clicks.result(), "campaign_id");
      Map<String, Row> winsBy = byKey(wins.result(), "campaign_id");
      JsonArray rows = new JsonArray();
      for (Campaign c : campaigns.all()) {
        rows.add(CampaignReport.row(c, spendBy.get(c.id()), clicksBy.get(c.id()), winsBy.get(c.id())));
      }
      ctx.json(new JsonObject().put("currency", "USD").put("campaigns", rows));
    }).onFailure(e -> unavailable(ctx, e));
  }

  private void fraudReport(RoutingContext ctx) {
    pool.query(ReportSql.VERDICTS_BY_RULE).execute().onSuccess(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("ruleId", r.getString("rule_id")).put("eventKind", r.getString("subject_kind"))
          .put("verdicts", r.getLong("verdicts"))));
      ctx.json(new JsonObject().put("rules", out));
    }).onFailure(e -> unavailable(ctx, e));
  }

  /** One auction's story, found by its auction id, a bid's id or the publisher's request id. */
  private void auctionTrace(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    pool.preparedQuery(ReportSql.FIND_AUCTION).execute(Tuple.of(id)).onSuccess(found -> {
      if (found.size() == 0) {
        JsonErrors.send(ctx, 404, "not_found", "no auction, bid or request " + id + " has been recorded (yet: recording is asynchronous)");
        return;
      }
      List<Row> matches = new java.util.ArrayList<>();
      found.forEach(matches::add);
      Row best = matches.get(0);
      JsonArray others = new JsonArray();
      matches.stream().skip(1).limit(20).forEach(r -> others.add(r.getString("auction_id")));
      String matchedBy = switch (best.getInteger("rank")) {
        case 0 -> "auctionId";
        case 1 -> "bidId";
        default -> "requestId";
      };
      trace(ctx, best.getString("auction_id"), matchedBy, others);
    }).onFailure(e -> unavailable(ctx, e));
  }

  private void trace(RoutingContext ctx, String auctionId, String matchedBy, JsonArray others) {
    Tuple key = Tuple.of(auctionId);
    Future<RowSet<Row>> auction = pool.preparedQuery(ReportSql.AUCTION).execute(key);
    Future<RowSet<Row>> tracking = pool.preparedQuery(ReportSql.AUCTION_TRACKING).execute(key);
    Future<RowSet<Row>> ledger = pool.preparedQuery(ReportSql.AUCTION_LEDGER).execute(key);
    Future<RowSet<Row>> verdicts = pool.preparedQuery(ReportSql.AUCTION_VERDICTS).execute(key);
    Future.all(auction, tracking, ledger, verdicts).onSuccess(all -> {
      if (auction.result().size() == 0) { // removed since it was found
        JsonErrors.send(ctx, 404, "not_found", "auction " + auctionId + " is no longer recorded");
        return;
      }
      JsonObject trace = new JsonObject()
          .put("matchedBy", matchedBy)
          .put("auction", auction.result().iterator().next().getJsonObject("event"))
          .put("trackingEvents", rowsToJson(tracking.result()))
          .put("billing", rowsToJson(ledger.result()))
          .put("fraudVerdicts", rowsToJson(verdicts.result()));
      if (!others.isEmpty()) {
        trace.put("alsoMatching", others); // request ids are the publisher's: they repeat (newest first here)
      }
      ctx.json(trace);
    }).onFailure(e -> unavailable(ctx, e));
  }

  private static JsonArray rowsToJson(RowSet<Row> rows) {
    JsonArray out = new JsonArray();
    rows.forEach(r -> out.add(r.toJson()));
    return out;
  }

  private static Map<String, Row> byKey(RowSet<Row> rows, String column) {
    Map<String, Row> out = new HashMap<>();
    rows.forEach(r -> out.put(r.getString(column), r));
    return out;
  }

  private static void unavailable(RoutingContext ctx, Throwable e) {
    JsonErrors.send(ctx, 503, "store_unavailable", "the event store cannot be read right now: " + e.getMessage());
  }

  /** CPM micros summed over impressions, as money: exact, divided by 1000 once. */
  static BigDecimal money(long cpmMicros) {
    return BigDecimal.valueOf(cpmMicros, 9).setScale(6, java.math.RoundingMode.HALF_EVEN);
  }

  static BigDecimal budget(long micros) {
    return Money.toDecimal(micros);
  }
}
