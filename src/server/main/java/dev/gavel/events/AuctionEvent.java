package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Everything one auction decided, published once per auction. {@code auctionId} is Gavel's own
 * (the response's {@code bidid}); {@code requestId} is the publisher's, which need not be unique.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuctionEvent(
    String type,
    int schemaVersion,
    String eventId,
    String traceId,
    String auctionId,
    String requestId,
    long occurredAtMs,
    boolean test,
    String currency,
    int tmaxMs,
    long deadlineMs,
    long durationMs,
    String inventory,
    String publisherId,
    Integer deviceType,
    String country,
    List<ImpFloor> imps,
    List<BidEntry> bids,
    List<Winner> winners,
    List<BidderCall> bidders,
    List<String> notes) implements Event {

  public static final String TYPE = "auction";
  public static final int SCHEMA_VERSION = 1;

  public record ImpFloor(String impId, long floorMicros) {}

  /**
   * @param status "won", "lost" or "rejected" (refused before the auction)
   * @param bidPriceMicros the price the bidder sent, when its bidAdjustment made {@code priceMicros} differ; else null
   */
  public record BidEntry(String impId, String bidId, String seat, String source, String campaignId, String dealId,
                         long priceMicros, String status, int lossReason, Long bidPriceMicros) {}

  public record Winner(String impId, String bidId, String seat, String campaignId, long bidMicros, long clearingMicros) {}

  /** @param privacy what privacy rules removed from the request this bidder saw (labels), null for nothing */
  public record BidderCall(String bidder, String status, long latencyMs, String error, List<String> privacy) {}
}
