package dev.gavel.pipeline.billing;

/**
 * The billing statements. Each is one round trip that both changes the ledger and the hourly
 * aggregate, and does nothing when it has run before: dedupe and aggregate commit together.
 */
final class LedgerSql {
  /** $1 token id, $2 auction, $3 event id, $4 campaign, $5 seat, $6 hour, $7 cpm micros, $8 currency, $9 cpm usd micros. */
  static final String CHARGE = """
      WITH ins AS (
        INSERT INTO spend_ledger (entry_id, kind, auction_id, subject_event_id, campaign_id, seat, hour, cpm_micros, currency,
                                  cpm_usd_micros)
        VALUES ('charge:' || $1, 'charge', $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT DO NOTHING
        RETURNING seat, coalesce(campaign_id, '') AS campaign_key, hour, cpm_usd_micros)
      INSERT INTO spend_hourly (seat, campaign_key, hour, impressions, gross_cpm_usd_micros)
      SELECT seat, campaign_key, hour, 1, cpm_usd_micros FROM ins
      ON CONFLICT (seat, campaign_key, hour) DO UPDATE
        SET impressions = spend_hourly.impressions + 1,
            gross_cpm_usd_micros = spend_hourly.gross_cpm_usd_micros + EXCLUDED.gross_cpm_usd_micros""";

  /**
   * $1 subject event id. Taken first, in sorted order, for every impression a batch touches: a
   * charge and a verdict of the same impression processed at once by two consumers then serialise,
   * so the second always sees the first and makes the credit (READ COMMITTED alone would let both
   * miss each other).
   */
  static final String LOCK_SUBJECT = "SELECT pg_advisory_xact_lock(hashtext($1))";

  /** $1 subject event id, $2 verdict id, $3 rule id. */
  static final String RECORD_VERDICT = """
      INSERT INTO billing_verdicts (subject_event_id, verdict_id, rule_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING""";

  /**
   * $1 subject event id. Credits a charged impression that has a verdict, once: whichever of the
   * charge and the verdict arrives second makes this insert something.
   */
  static final String CREDIT = """
      WITH verdict AS (
        SELECT rule_id FROM billing_verdicts WHERE subject_event_id = $1 ORDER BY verdict_id LIMIT 1),
      charge AS (
        SELECT * FROM spend_ledger WHERE kind = 'charge' AND subject_event_id = $1),
      ins AS (
        INSERT INTO spend_ledger (entry_id, kind, auction_id, subject_event_id, campaign_id, seat, hour, cpm_micros, currency,
                                  cpm_usd_micros, rule_id)
        SELECT 'credit:' || $1, 'credit', c.auction_id, c.subject_event_id, c.campaign_id, c.seat, c.hour, -c.cpm_micros,
               c.currency, -c.cpm_usd_micros, v.rule_id
        FROM charge c CROSS JOIN verdict v
        ON CONFLICT DO NOTHING
        RETURNING seat, coalesce(campaign_id, '') AS campaign_key, hour, cpm_usd_micros)
      UPDATE spend_hourly h
         SET invalid_impressions = h.invalid_impressions + 1,
             credit_cpm_usd_micros = h.credit_cpm_usd_micros - ins.cpm_usd_micros
        FROM ins
       WHERE h.seat = ins.seat AND h.campaign_key = ins.campaign_key AND h.hour = ins.hour""";

  /** Net spend per campaign, today (UTC) and in total, in CPM micros (USD). */
  static final String CAMPAIGN_SPEND = """
      SELECT campaign_key,
             coalesce(sum(gross_cpm_usd_micros - credit_cpm_usd_micros)
                      FILTER (WHERE hour >= date_trunc('day', now(), 'UTC')), 0)::bigint AS today,
             sum(gross_cpm_usd_micros - credit_cpm_usd_micros)::bigint AS total
        FROM spend_hourly
       WHERE campaign_key <> ''
       GROUP BY campaign_key""";

  private LedgerSql() {}
}
