package dev.gavel.auction;

import dev.gavel.config.Sha256;
import dev.gavel.openrtb.BidRequest;
import java.util.HexFormat;

/**
 * Who a frequency cap counts: {@code user.id}, else {@code user.buyeruid}, else {@code device.ifa},
 * of the request as Gavel's own campaigns may see it (after privacy enforcement: a COPPA or
 * no-consent request has none). Hashed (SHA-256, 128 bits kept), since it travels in tracking URLs
 * and events: counting needs only equality.
 */
final class FrequencyKeys {
  private static final HexFormat HEX = HexFormat.of();

  private FrequencyKeys() {}

  /** The request's user, hashed, or null when it names none. */
  static String of(BidRequest request) {
    String id = null;
    if (request.user() != null) {
      id = nonBlank(request.user().id());
      if (id == null) {
        id = nonBlank(request.user().buyeruid());
      }
    }
    if (id == null && request.device() != null) {
      id = nonBlank(request.device().ifa());
    }
    return id == null ? null : hash(id);
  }

  private static String nonBlank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String hash(String id) {
    return HEX.formatHex(Sha256.of(id), 0, 16);
  }
}
