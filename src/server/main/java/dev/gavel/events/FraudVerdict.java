package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An invalid-traffic verdict on one tracking event, with the rule that fired and its evidence.
 * Billing turns a verdict on a billable event into a compensating credit; persistence flags it.
 * The verdict's own id is derived from (subject event, rule), so a re-run never doubles it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FraudVerdict(
    String type,
    int schemaVersion,
    String eventId,
    String traceId,
    String auctionId,
    String subjectEventId,
    String subjectKind,
    String ruleId,
    String evidence,
    String campaignId,
    String seat,
    long priceMicros,
    String currency,
    long decidedAtMs) implements Event {

  public static final String TYPE = "fraud_verdict";
  public static final int SCHEMA_VERSION = 1;
}
