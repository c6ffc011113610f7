package dev.gavel.auction.campaign;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why campaigns did not bid on a slot: each campaign that was filtered out is counted once,
 * under the first reason it failed (in {@link FilterReason} order); used to debug no-bids.
 *
 * @param filteredByReason snake_case reason key to count, every reason present, in check order
 */
public record MatchExplanation(int campaigns, Map<String, Integer> filteredByReason, int matched) {

  public MatchExplanation {
    filteredByReason = Collections.unmodifiableMap(new LinkedHashMap<>(filteredByReason));
  }

  public int filtered(FilterReason reason) {
    return filteredByReason.getOrDefault(reason.key(), 0);
  }
}
