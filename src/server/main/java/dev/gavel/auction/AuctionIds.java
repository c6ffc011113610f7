package dev.gavel.auction;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Gavel's identity for one auction: its own id (the publisher's request id need not be unique)
 * and a trace id, taken from a W3C {@code traceparent} header when the caller sent one. Also the
 * other identifiers Gavel mints (event ids, bid ids): random, so no coordination is needed
 * between instances or nodes.
 */
public record AuctionIds(String auctionId, String traceId) {
  private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

  public static AuctionIds mint(String traceparent) {
    String auctionId = uuid();
    if (traceparent != null) {
      var m = TRACEPARENT.matcher(traceparent.trim());
      if (m.matches() && !m.group(1).equals("0".repeat(32))) {
        return new AuctionIds(auctionId, m.group(1));
      }
    }
    return new AuctionIds(auctionId, auctionId.replace("-", ""));
  }

  /** 64 random bits in hex: unique enough within one auction, cheap on the hot path. */
  public static String bidId() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }

  /** A random (version 4) UUID, without SecureRandom's cost. */
  public static String uuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
  }
}
