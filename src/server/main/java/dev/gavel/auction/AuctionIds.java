package dev.gavel.auction;

import java.util.regex.Pattern;

/**
 * Gavel's identity for one auction: its own id (the publisher's request id need not be unique)
 * and a trace id, taken from a W3C {@code traceparent} header when the caller sent one.
 */
public record AuctionIds(String auctionId, String traceId) {
  private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

  public static AuctionIds mint(String traceparent) {
    String auctionId = Ids.uuid();
    if (traceparent != null) {
      var m = TRACEPARENT.matcher(traceparent.trim());
      if (m.matches() && !m.group(1).equals("0".repeat(32))) {
        return new AuctionIds(auctionId, m.group(1));
      }
    }
    return new AuctionIds(auctionId, auctionId.replace("-", ""));
  }
}
