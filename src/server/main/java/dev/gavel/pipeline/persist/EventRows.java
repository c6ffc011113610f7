package dev.gavel.pipeline.persist;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.CleanText;
import dev.gavel.events.EventJson;
import dev.gavel.events.FraudVerdict;
import dev.gavel.events.TrackingEvent;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps events to the rows of the event store (db/migration), one tuple per row. */
final class EventRows {
  // One statement per table for a whole batch: the rows as one array per column (unnest), each
  // column's type as the tuples below carry it (see COLUMNS).
  static final String INSERT_AUCTION = """
      INSERT INTO auctions (auction_id, request_id, trace_id, occurred_at, test, currency, tmax_ms, duration_ms,
                            inventory, publisher_id, device_type, country, event)
      SELECT a, r, t, o, te, c, tm, d, i, p, dt, co, ev::jsonb
        FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::boolean[], $6::text[], $7::int[], $8::bigint[],
                    $9::text[], $10::text[], $11::int[], $12::text[], $13::text[]) AS x(a, r, t, o, te, c, tm, d, i, p, dt, co, ev)
      ON CONFLICT DO NOTHING""";
  static final String INSERT_BID = """
      INSERT INTO bids (auction_id, imp_id, bid_id, seat, source, campaign_id, deal_id, price_micros, status, loss_reason,
                        clearing_micros)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[],
                           $9::text[], $10::int[], $11::bigint[])
      ON CONFLICT DO NOTHING""";
  static final String INSERT_TRACKING = """
      INSERT INTO tracking_events (event_id, auction_id, kind, imp_id, bid_id, seat, campaign_id, bidder, price_micros,
                                   currency, received_at, token_id, ip, user_agent, test)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                           $9::bigint[], $10::text[], $11::timestamptz[], $12::text[], $13::text[], $14::text[], $15::boolean[])
      ON CONFLICT DO NOTHING""";
  static final String INSERT_VERDICT = """
      INSERT INTO fraud_verdicts (verdict_id, subject_event_id, subject_kind, auction_id, rule_id, evidence, campaign_id,
                                  seat, price_micros, currency, decided_at)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                           $9::bigint[], $10::text[], $11::timestamptz[])
      ON CONFLICT DO NOTHING""";

  /** The Java type of each column of each statement's rows, in order: what {@code Columns} builds arrays of. */
  static final Class<?>[] AUCTION_COLUMNS = {String.class, String.class, String.class, OffsetDateTime.class, Boolean.class,
      String.class, Integer.class, Long.class, String.class, String.class, Integer.class, String.class, String.class};
  static final Class<?>[] BID_COLUMNS = {String.class, String.class, String.class, String.class, String.class, String.class,
      String.class, Long.class, String.class, Integer.class, Long.class};
  static final Class<?>[] TRACKING_COLUMNS = {String.class, String.class, String.class, String.class, String.class, String.class,
      String.class, String.class, Long.class, String.class, OffsetDateTime.class, String.class, String.class, String.class,
      Boolean.class};
  static final Class<?>[] VERDICT_COLUMNS = {String.class, String.class, String.class, String.class, String.class, String.class,
      String.class, String.class, Long.class, String.class, OffsetDateTime.class};

  private EventRows() {}

  /**
   * Events are written clean ({@code events.CleanText}); events spooled or dead-lettered by a
   * version before that may not be, and a row must never be refused for what a client sent.
   */
  static String text(String value) {
    return CleanText.clean(value);
  }

  /** For NOT NULL key columns a bidder may leave empty (a refused bid without an id). */
  static String key(String value) {
    return value == null ? "" : text(value);
  }

  static OffsetDateTime time(long epochMs) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
  }

  static Tuple auction(AuctionEvent e) {
    return Tuple.tuple()
        .addString(text(e.auctionId())).addString(text(e.requestId())).addString(text(e.traceId())).addOffsetDateTime(time(e.occurredAtMs()))
        .addBoolean(e.test()).addString(text(e.currency())).addInteger(e.tmaxMs()).addLong(e.durationMs())
        .addString(text(e.inventory())).addString(text(e.publisherId())).addInteger(e.deviceType()).addString(text(e.country()))
        // As text, cast to jsonb by PostgreSQL: no second parse of the JSON here.
        .addString(new String(EventJson.write(e), java.nio.charset.StandardCharsets.UTF_8));
  }

  static List<Tuple> bids(AuctionEvent e) {
    Map<String, Long> clearing = new java.util.HashMap<>();
    if (e.winners() != null) {
      e.winners().forEach(w -> clearing.put(w.impId() + '\u0000' + w.bidId(), w.clearingMicros()));
    }
    List<Tuple> rows = new ArrayList<>();
    if (e.bids() != null) {
      for (AuctionEvent.BidEntry b : e.bids()) {
        rows.add(Tuple.tuple()
            .addString(text(e.auctionId())).addString(key(b.impId())).addString(key(b.bidId())).addString(key(b.seat())).addString(key(b.source()))
            .addString(text(b.campaignId())).addString(text(b.dealId())).addLong(b.priceMicros()).addString(text(b.status()))
            .addInteger(b.lossReason()).addLong(clearing.get(b.impId() + '\u0000' + b.bidId())));
      }
    }
    return rows;
  }

  static Tuple tracking(TrackingEvent e) {
    return Tuple.tuple()
        .addString(text(e.eventId())).addString(text(e.auctionId())).addString(text(e.kind())).addString(text(e.impId())).addString(text(e.bidId()))
        .addString(text(e.seat())).addString(text(e.campaignId())).addString(text(e.bidder())).addLong(e.priceMicros()).addString(text(e.currency()))
        .addOffsetDateTime(time(e.receivedAtMs())).addString(text(e.tokenId())).addString(text(e.ip())).addString(text(e.userAgent()))
        .addBoolean(e.test());
  }

  static Tuple verdict(FraudVerdict v) {
    return Tuple.tuple()
        .addString(text(v.eventId())).addString(text(v.subjectEventId())).addString(text(v.subjectKind())).addString(text(v.auctionId()))
        .addString(text(v.ruleId())).addString(text(v.evidence())).addString(text(v.campaignId())).addString(text(v.seat()))
        .addLong(v.priceMicros()).addString(text(v.currency())).addOffsetDateTime(time(v.decidedAtMs()));
  }
}
