package dev.gavel.pipeline.fraud;

import dev.gavel.events.TrackingEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * Known auctions, and tracking events waiting for theirs, for {@code ivt.unknown_auction}. Auction
 * and tracking events come from different topics, so an auction may be read after its own win
 * notice: a tracking event for an auction not yet seen waits {@code graceMs} (event time) before
 * it is judged; its auction arriving meanwhile cancels the wait.
 *
 * <p>Both topics are keyed by auction id, so an auction and its tracking events share a partition
 * number; waits are kept per partition, and each partition's mature against how far that
 * partition of the auctions topic has been read (see {@link #expire}). Waiting events are kept in
 * arrival order and at most {@code maxPending} of them; when full, the oldest of the newcomer's
 * partition is dropped unjudged and counted in {@link #droppedChecks()}: a flood of waits means the
 * auctions topic lags, and flagging everything then would credit real traffic.
 */
final class PendingAuctionChecks {

  /** Whether a tracking event's auction is known, unknown, or not for this detector to say. */
  enum Check { KNOWN, PENDING, CANNOT_TELL }

  private final BoundedEventTimeMap<String, Boolean> knownAuctions;
  private final Map<Integer, LinkedHashMap<String, TrackingEvent>> pendingByPartition = new HashMap<>();
  private final Map<String, Integer> partitionByEventId = new HashMap<>();
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
      for (String eventId : waiting) {
        Integer partition = partitionByEventId.remove(eventId);
        pendingByPartition.get(partition).remove(eventId);
      }
    }
  }

  /**
   * Known auctions answer at once; otherwise the event waits, unless its auction would have been
   * read before the detector's memory begins (a restart, or eviction), which no wait can settle.
   */
  Check check(TrackingEvent event, int partition) {
    if (knownAuctions.get(event.auctionId()) != null) {
      return Check.KNOWN;
    }
    // The auction ran before its token was issued, by at most the slack.
    if (!knownAuctions.remembers(event.issuedAtMs() - clockSlackMs)) {
      return Check.CANNOT_TELL;
    }
    if (partitionByEventId.putIfAbsent(event.eventId(), partition) == null) {
      LinkedHashMap<String, TrackingEvent> queue = pendingByPartition.computeIfAbsent(partition, p -> new LinkedHashMap<>());
      queue.put(event.eventId(), event);
      pendingEventIdsByAuction.computeIfAbsent(event.auctionId(), a -> new ArrayList<>(2)).add(event.eventId());
      if (partitionByEventId.size() > maxPending) {
        forget(queue.keySet().iterator().next());
        droppedChecks++;
      }
    }
    return Check.PENDING;
  }

  /**
   * The waiting events whose grace ran out by their partition's time, {@code nowMsOfPartition}
   * (how far that partition of the auctions topic has been read), oldest first; they leave the wait.
   */
  List<TrackingEvent> expire(IntToLongFunction nowMsOfPartition) {
    List<TrackingEvent> unknown = new ArrayList<>();
    for (Map.Entry<Integer, LinkedHashMap<String, TrackingEvent>> queue : pendingByPartition.entrySet()) {
      long nowMs = nowMsOfPartition.applyAsLong(queue.getKey());
      if (nowMs == Long.MIN_VALUE) {
        continue; // nothing read on that partition yet: nothing there can mature
      }
      Iterator<TrackingEvent> it = queue.getValue().values().iterator();
      while (it.hasNext()) {
        TrackingEvent event = it.next();
        if (event.receivedAtMs() + graceMs > nowMs) {
          break;
        }
        it.remove();
        partitionByEventId.remove(event.eventId());
        removeFromAuctionIndex(event);
        unknown.add(event);
      }
    }
    return unknown;
  }

  void expireKnown(long nowMs) {
    knownAuctions.expire(nowMs);
  }

  private void forget(String eventId) {
    Integer partition = partitionByEventId.remove(eventId);
    if (partition != null) {
      removeFromAuctionIndex(pendingByPartition.get(partition).remove(eventId));
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
    return partitionByEventId.size();
  }
}
