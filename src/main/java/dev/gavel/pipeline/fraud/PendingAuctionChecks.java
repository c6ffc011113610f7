package dev.gavel.pipeline.fraud;

import dev.gavel.events.TrackingEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Known auctions, and tracking events waiting for theirs, for {@code ivt.unknown_auction}. Auction
 * and tracking events come from different topics, so an auction may be read after its own win
 * notice: a tracking event for an auction not yet seen waits {@code graceMs} (event time) before
 * it is judged; its auction arriving meanwhile cancels the wait.
 *
 * <p>Waiting events are kept in arrival order and at most {@code maxPending} of them; when full,
 * the oldest is dropped unjudged and counted in {@link #droppedChecks()}: a flood of waits means
 * the auctions topic lags, and flagging everything then would credit real traffic.
 */
final class PendingAuctionChecks {

  /** Whether a tracking event's auction is known, unknown, or not for this detector to say. */
  enum Check { KNOWN, PENDING, CANNOT_TELL }

  private final BoundedEventTimeMap<String, Boolean> knownAuctions;
  private final LinkedHashMap<String, TrackingEvent> pendingByEventId = new LinkedHashMap<>();
  private final Map<String, List<String>> pendingEventIdsByAuction = new HashMap<>();
  private final long graceMs;
  private final long clockSlackMs;
  private final int maxPending;
  private long droppedChecks;

  PendingAuctionChecks(FraudLimits limits) {
    this.knownAuctions = new BoundedEventTimeMap<>(limits.maxAuctions(), limits.stateRetentionMs());
    this.graceMs = limits.unknownAuctionGraceMs();
    this.clockSlackMs = limits.clockSlackMs();
    this.maxPending = limits.maxPendingChecks();
  }

  /** Only auctions move the start of this memory: tracking events say nothing about what the auctions topic held. */
  void auctionSeen(String auctionId, long occurredAtMs) {
    knownAuctions.observed(occurredAtMs);
    if (knownAuctions.get(auctionId) == null) {
      knownAuctions.put(auctionId, Boolean.TRUE, occurredAtMs);
    }
    List<String> waiting = pendingEventIdsByAuction.remove(auctionId);
    if (waiting != null) {
      waiting.forEach(pendingByEventId::remove);
    }
  }

  /**
   * Known auctions answer at once; otherwise the event waits, unless its auction would have been
   * read before the detector's memory begins (a restart, or eviction), which no wait can settle.
   */
  Check check(TrackingEvent event) {
    if (knownAuctions.get(event.auctionId()) != null) {
      return Check.KNOWN;
    }
    // The auction ran before its token was issued, by at most the slack.
    if (!knownAuctions.remembers(event.issuedAtMs() - clockSlackMs)) {
      return Check.CANNOT_TELL;
    }
    if (pendingByEventId.putIfAbsent(event.eventId(), event) == null) {
      pendingEventIdsByAuction.computeIfAbsent(event.auctionId(), a -> new ArrayList<>(2)).add(event.eventId());
      if (pendingByEventId.size() > maxPending) {
        forget(pendingByEventId.keySet().iterator().next());
        droppedChecks++;
      }
    }
    return Check.PENDING;
  }

  /** The waiting events whose grace ran out by {@code nowMs}, oldest first; they leave the wait. */
  List<TrackingEvent> expire(long nowMs) {
    List<TrackingEvent> unknown = new ArrayList<>();
    Iterator<TrackingEvent> it = pendingByEventId.values().iterator();
    while (it.hasNext()) {
      TrackingEvent event = it.next();
      if (event.receivedAtMs() + graceMs > nowMs) {
        break;
      }
      it.remove();
      removeFromAuctionIndex(event);
      unknown.add(event);
    }
    return unknown;
  }

  void expireKnown(long nowMs) {
    knownAuctions.expire(nowMs);
  }

  private void forget(String eventId) {
    TrackingEvent event = pendingByEventId.remove(eventId);
    if (event != null) {
      removeFromAuctionIndex(event);
    }
  }

  private void removeFromAuctionIndex(TrackingEvent event) {
    List<String> ids = pendingEventIdsByAuction.get(event.auctionId());
    if (ids != null && ids.remove(event.eventId()) && ids.isEmpty()) {
      pendingEventIdsByAuction.remove(event.auctionId());
    }
  }

  long droppedChecks() {
    return droppedChecks;
  }

  int knownSize() {
    return knownAuctions.size();
  }

  int pendingSize() {
    return pendingByEventId.size();
  }
}
