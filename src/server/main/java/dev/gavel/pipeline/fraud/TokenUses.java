package dev.gavel.pipeline.fraud;

import java.util.Arrays;

/**
 * Which events used each token, for {@code ivt.duplicate_token}. The same event redelivered after
 * a consumer crash is recognised by its event id and keeps its original use number, so it never
 * counts as a duplicate of itself. Only the first {@link #REMEMBERED_EVENT_IDS} event ids per token
 * are kept; a later use redelivered counts again, which only repeats a verdict that already fired.
 */
final class TokenUses {

  static final int REMEMBERED_EVENT_IDS = 8;

  /** Mutable, but owned by the single thread that owns the detector. */
  private static final class Uses {
    String[] eventIds = new String[1];
    int count;
  }

  private final BoundedEventTimeMap<String, Uses> usesByToken;

  TokenUses(int maxTokens, long retentionMs) {
    this.usesByToken = new BoundedEventTimeMap<>(maxTokens, retentionMs);
  }

  /** Records the use and returns its 1-based number among the token's distinct uses. */
  int recordUse(String tokenId, String eventId, long atMs) {
    Uses uses = usesByToken.get(tokenId);
    if (uses == null) {
      uses = new Uses();
      // Stored at first use: the token's memory lasts the retention from when it was first seen.
      usesByToken.put(tokenId, uses, atMs);
    }
    for (int i = 0; i < Math.min(uses.count, uses.eventIds.length); i++) {
      if (uses.eventIds[i].equals(eventId)) {
        return i + 1;
      }
    }
    if (uses.count < REMEMBERED_EVENT_IDS) {
      if (uses.count == uses.eventIds.length) {
        uses.eventIds = Arrays.copyOf(uses.eventIds, Math.min(REMEMBERED_EVENT_IDS, uses.count * 2));
      }
      uses.eventIds[uses.count] = eventId;
    }
    return ++uses.count;
  }

  void expire(long nowMs) {
    usesByToken.expire(nowMs);
  }

  int size() {
    return usesByToken.size();
  }
}
