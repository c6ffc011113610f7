package dev.gavel.pipeline.billing;

/**
 * The billing statements, each one round trip for a whole batch (its rows as arrays), that changes
 * the ledger and the hourly aggregate together and does nothing for rows it has seen before:
 * dedupe and aggregate commit together.
 */
final class LedgerSql {
  /**
   * The batch's charges, one array per column ($1 token ids, $2 auctions, $3 event ids, $4
   * campaigns, $5 seats, $6 hours, $7 cpm micros, $8 currencies, $9 cpm usd micros). One statement
   * for the whole batch: the ledger rows not there yet, then one upsert per seat, campaign and hour
   * with what they add up to.
   */
  static final String CHARGE = """
      WITH ins AS (
        INSERT INTO spend_ledger (entry_id, kind, auction_id, subject_event_id, campaign_id, seat, hour, cpm_micros, currency,
                                  cpm_usd_micros)
        SELECT 'charge:' || t, 'charge', a, e, c, s, h, m, cur, u
          FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::bigint[], $8::text[],
                      $9::bigint[]) AS x(t, a, e, c, s, h, m, cur, u)
        ON CONFLICT DO NOTHING
        RETURNING seat, coalesce(campaign_id, '') AS campaign_key, hour, cpm_usd_micros)
      INSERT INTO spend_hourly (seat, campaign_key, hour, impressions, gross_cpm_usd_micros)
      SELECT seat, campaign_key, hour, count(*), sum(cpm_usd_micros) FROM ins GROUP BY seat, campaign_key, hour
      ON CONFLICT (seat, campaign_key, hour) DO UPDATE
        SET impressions = spend_hourly.impressions + EXCLUDED.impressions,
            gross_cpm_usd_micros = spend_hourly.gross_cpm_usd_micros + EXCLUDED.gross_cpm_usd_micros""";

  /** The Java type of each of {@link #CHARGE}'s columns, as {@code BillingVerticle} makes its rows. */
  static final Class<?>[] CHARGE_COLUMNS = {String.class, String.class, String.class, String.class, String.class,
      java.time.OffsetDateTime.class, Long.class, String.class, Long.class};

  /**
   * $1 the batch's subject event ids, sorted. Taken first, in that order, for every impression a
   * batch touches: a charge and a verdict of the same impression processed at once by two
   * consumers then serialise, so the second always sees the first and makes the credit (READ
   * COMMITTED alone would let both miss each other).
   */
  static final String LOCK_SUBJECTS = "SELECT pg_advisory_xact_lock(hashtext(id)) FROM unnest($1::text[]) AS id";

  /** The Java type of each of {@link #RECORD_VERDICTS}'s columns. */
  static final Class<?>[] VERDICT_COLUMNS = {String.class, String.class, String.class};

  /** $1 subject event ids, $2 verdict ids, $3 rule ids. */
  static final String RECORD_VERDICTS = """
      INSERT INTO billing_verdicts (subject_event_id, verdict_id, rule_id)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
      ON CONFLICT DO NOTHING""";

  /**
   * $1 the batch's subject event ids. Credits each charged impression that has a verdict, once
   * (under its first verdict): whichever of the charge and the verdict arrives second makes this
   * insert something. One statement for the batch, one aggregate update per seat, campaign, hour.
   */
  static final String CREDIT = """
      WITH subject AS (
        SELECT DISTINCT id FROM unnest($1::text[]) AS id),
      verdict AS (
        SELECT DISTINCT ON (b.subject_event_id) b.subject_event_id, b.rule_id
          FROM billing_verdicts b JOIN subject s ON b.subject_event_id = s.id
         ORDER BY b.subject_event_id, b.verdict_id),
      ins AS (
        INSERT INTO spend_ledger (entry_id, kind, auction_id, subject_event_id, campaign_id, seat, hour, cpm_micros, currency,
                                  cpm_usd_micros, rule_id)
        SELECT 'credit:' || c.subject_event_id, 'credit', c.auction_id, c.subject_event_id, c.campaign_id, c.seat, c.hour,
               -c.cpm_micros, c.currency, -c.cpm_usd_micros, v.rule_id
          FROM spend_ledger c JOIN verdict v ON v.subject_event_id = c.subject_event_id
         WHERE c.kind = 'charge'
        ON CONFLICT DO NOTHING
        RETURNING seat, coalesce(campaign_id, '') AS campaign_key, hour, cpm_usd_micros),
      credited AS (
        SELECT seat, campaign_key, hour, count(*) AS n, sum(cpm_usd_micros) AS usd FROM ins GROUP BY seat, campaign_key, hour)
      UPDATE spend_hourly h
         SET invalid_impressions = h.invalid_impressions + credited.n,
             credit_cpm_usd_micros = h.credit_cpm_usd_micros - credited.usd
        FROM credited
       WHERE h.seat = credited.seat AND h.campaign_key = credited.campaign_key AND h.hour = credited.hour""";

  /** Net spend per campaign, today (UTC) and in total, in CPM micros (USD), of the campaigns {@code where} picks. */
  private static String spendOf(String where) {
    return """
        SELECT campaign_key,
               coalesce(sum(gross_cpm_usd_micros - credit_cpm_usd_micros)
                        FILTER (WHERE hour >= date_trunc('day', now(), 'UTC')), 0)::bigint AS today,
               sum(gross_cpm_usd_micros - credit_cpm_usd_micros)::bigint AS total
          FROM spend_hourly
         WHERE %s
         GROUP BY campaign_key""".formatted(where);
  }

  /** Every campaign's net spend: the full read ({@code BudgetFeed}). */
  static final String CAMPAIGN_SPEND = spendOf("campaign_key <> ''");

  /** Of these campaigns only ($1, text[]): what a batch's commit publishes. */
  static final String SPEND_OF_CAMPAIGNS = spendOf("campaign_key = ANY($1::text[])");

  private LedgerSql() {}
}
