package dev.gavel.pipeline.persist;

import dev.gavel.events.AuctionEvent;
import dev.gavel.events.EventJson;
import dev.gavel.events.FraudVerdict;
import dev.gavel.events.TrackingEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Maps events to the rows of the event store (V1__event_store.sql), one tuple per row. */
final class EventRows {
  static final String INSERT_AUCTION = """
      INSERT INTO auctions (auction_id, request_id, trace_id, occurred_at, test, currency, tmax_ms, duration_ms,
                            inventory, publisher_id, device_type, country, event)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING""";
  static final String INSERT_BID = """
      INSERT INTO bids (auction_id, imp_id, bid_id, seat, source, campaign_id, deal_id, price_micros, status, loss_reason,
                        clearing_micros)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING""";
  static final String INSERT_TRACKING = """
      INSERT INTO tracking_events (event_id, auction_id, kind, imp_id, bid_id, seat, campaign_id, bidder, price_micros,
                                   currency, received_at, token_id, ip, user_agent)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING""";
  static final String INSERT_VERDICT = """
      INSERT INTO fraud_verdicts (verdict_id, subject_event_id, subject_kind, auction_id, rule_id, evidence, campaign_id,
                                  seat, price_micros, currency, decided_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING""";

  private EventRows() {}

  static OffsetDateTime time(long epochMs) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC);
  }

  static Tuple auction(AuctionEvent e) {
    return Tuple.tuple()
        .addString(e.auctionId()).addString(e.requestId()).addString(e.traceId()).addOffsetDateTime(time(e.occurredAtMs()))
        .addBoolean(e.test()).addString(e.currency()).addInteger(e.tmaxMs()).addLong(e.durationMs())
        .addString(e.inventory()).addString(e.publisherId()).addInteger(e.deviceType()).addString(e.country())
        .addValue(new JsonObject(Buffer.buffer(EventJson.write(e))));
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
            .addString(e.auctionId()).addString(b.impId()).addString(b.bidId()).addString(b.seat()).addString(b.source())
            .addString(b.campaignId()).addString(b.dealId()).addLong(b.priceMicros()).addString(b.status())
            .addInteger(b.lossReason()).addLong(clearing.get(b.impId() + '\u0000' + b.bidId())));
      }
    }
    return rows;
  }

  static Tuple tracking(TrackingEvent e) {
    return Tuple.tuple()
        .addString(e.eventId()).addString(e.auctionId()).addString(e.kind()).addString(e.impId()).addString(e.bidId())
        .addString(e.seat()).addString(e.campaignId()).addString(e.bidder()).addLong(e.priceMicros()).addString(e.currency())
        .addOffsetDateTime(time(e.receivedAtMs())).addString(e.tokenId()).addString(e.ip()).addString(e.userAgent());
  }

  static Tuple verdict(FraudVerdict v) {
    return Tuple.tuple()
        .addString(v.eventId()).addString(v.subjectEventId()).addString(v.subjectKind()).addString(v.auctionId())
        .addString(v.ruleId()).addString(v.evidence()).addString(v.campaignId()).addString(v.seat())
        .addLong(v.priceMicros()).addString(v.currency()).addOffsetDateTime(time(v.decidedAtMs()));
  }
}
