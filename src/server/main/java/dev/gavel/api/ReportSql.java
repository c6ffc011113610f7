package dev.gavel.api;

/** The read side's queries over the event store. */
final class ReportSql {
  /** Per campaign (all time and today, UTC), in CPM micros (USD): divide by 1000 for money. */
  static final String CAMPAIGN_SPEND = """
      SELECT campaign_key AS campaign_id,
             sum(impressions)::bigint AS impressions,
             sum(invalid_impressions)::bigint AS invalid_impressions,
             sum(gross_cpm_usd_micros)::bigint AS gross,
             sum(credit_cpm_usd_micros)::bigint AS credit,
             coalesce(sum(gross_cpm_usd_micros - credit_cpm_usd_micros)
                      FILTER (WHERE hour >= date_trunc('day', now(), 'UTC')), 0)::bigint AS net_today
        FROM spend_hourly
       WHERE campaign_key <> ''
       GROUP BY campaign_key""";

  static final String CAMPAIGN_CLICKS = """
      SELECT campaign_id, count(*)::bigint AS clicks, count(DISTINCT token_id)::bigint AS unique_clicks
        FROM tracking_events WHERE kind = 'click' AND campaign_id IS NOT NULL AND NOT test GROUP BY campaign_id""";

  /** Test auctions (test=1, such as the start-up warm-up) are not counted. */
  static final String CAMPAIGN_WINS = """
      SELECT b.campaign_id, count(*)::bigint AS wins
        FROM bids b JOIN auctions a USING (auction_id)
       WHERE b.status = 'won' AND b.campaign_id IS NOT NULL AND NOT a.test
       GROUP BY b.campaign_id""";

  static final String VERDICTS_BY_RULE = """
      SELECT rule_id, subject_kind, count(*)::bigint AS verdicts FROM fraud_verdicts GROUP BY rule_id, subject_kind ORDER BY rule_id""";

  /** $1 an auction id, a bid id or a request id: the auctions it names, the best match first. */
  static final String FIND_AUCTION = """
      WITH matches AS (
        SELECT auction_id, occurred_at, 0 AS rank FROM auctions WHERE auction_id = $1
        UNION ALL SELECT a.auction_id, a.occurred_at, 1 FROM bids b JOIN auctions a USING (auction_id) WHERE b.bid_id = $1
        UNION ALL SELECT auction_id, occurred_at, 2 FROM auctions WHERE request_id = $1)
      SELECT auction_id, min(rank) AS rank, max(occurred_at) AS occurred_at FROM matches
      GROUP BY auction_id ORDER BY min(rank), max(occurred_at) DESC LIMIT 21""";
  static final String AUCTION = "SELECT event FROM auctions WHERE auction_id = $1";
  static final String AUCTION_TRACKING = """
      SELECT event_id, kind, imp_id, bid_id, seat, campaign_id, bidder, price_micros, currency, received_at, token_id, ip, user_agent
        FROM tracking_events WHERE auction_id = $1 ORDER BY received_at, event_id""";
  static final String AUCTION_LEDGER = """
      SELECT entry_id, kind, subject_event_id, campaign_id, seat, hour, cpm_micros, currency, cpm_usd_micros, rule_id, created_at
        FROM spend_ledger WHERE auction_id = $1 ORDER BY created_at, entry_id""";
  static final String AUCTION_VERDICTS = """
      SELECT verdict_id, subject_event_id, subject_kind, rule_id, evidence, decided_at
        FROM fraud_verdicts WHERE auction_id = $1 ORDER BY decided_at, verdict_id""";

  private ReportSql() {}
}
