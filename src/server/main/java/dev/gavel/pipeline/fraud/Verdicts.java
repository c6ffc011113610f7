package dev.gavel.pipeline.fraud;

import dev.gavel.events.FraudVerdict;
import dev.gavel.events.TrackingEvent;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds verdicts whose id depends only on (subject event, rule), so a re-run yields the same id. */
final class Verdicts {

  private Verdicts() {}

  static FraudVerdict of(TrackingEvent event, String ruleId, String evidence) {
    return new FraudVerdict(FraudVerdict.TYPE, FraudVerdict.SCHEMA_VERSION, idFor(event.eventId(), ruleId),
        event.traceId(), event.auctionId(), event.eventId(), event.kind(), ruleId, evidence,
        event.campaignId(), event.seat(), event.priceMicros(), event.currency(), event.receivedAtMs());
  }

  /** A name-based (version 3) UUID: stable across processes and restarts, unlike a random one. */
  static String idFor(String subjectEventId, String ruleId) {
    return UUID.nameUUIDFromBytes(("gavel-ivt|" + ruleId + "|" + subjectEventId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
