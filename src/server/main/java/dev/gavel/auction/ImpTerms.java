package dev.gavel.auction;

import java.util.Map;

/**
 * What a bid must satisfy to compete for one imp: its floor and its deals, converted to the
 * auction's currency. A deal without a floor of its own takes the imp's.
 */
public record ImpTerms(String impId, long floorMicros, boolean privateAuction, Map<String, DealTerms> deals) {

  /** @param at the deal's own auction type, or null to follow the request's */
  public record DealTerms(String id, long floorMicros, Integer at) {}
}
