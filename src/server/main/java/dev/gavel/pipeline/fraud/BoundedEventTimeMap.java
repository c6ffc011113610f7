package dev.gavel.pipeline.fraud;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets: at most {@code maxEntries} entries, each dropped once it is older than
 * {@code retentionMs} by event time. Entries are kept in the order they were last stored, and both
 * limits evict from the oldest end, so eviction is O(1) per entry and needs no timer.
 *
 * <p>Rules must know when an absence proves something, so the map remembers how far back its
 * memory reaches: {@link #remembers(long)} is false for times before the stream that feeds it was
 * first observed (the detector started, or restarted after a crash, with empty state) or at or
 * before the newest time of an entry it has evicted.
 */
final class BoundedEventTimeMap<K, V> {

  private record Slot<V>(V value, long storedAtMs) {}

  private final LinkedHashMap<K, Slot<V>> entries = new LinkedHashMap<>();
  private final int maxEntries;
  private final long retentionMs;
  private long memoryStartsAtMs = Long.MAX_VALUE;
  private long forgottenUpToMs = Long.MIN_VALUE;

  BoundedEventTimeMap(int maxEntries, long retentionMs) {
    if (maxEntries < 1 || retentionMs < 1) {
      throw new IllegalArgumentException("maxEntries and retentionMs must be positive");
    }
    this.maxEntries = maxEntries;
    this.retentionMs = retentionMs;
  }

  V get(K key) {
    Slot<V> slot = entries.get(key);
    return slot == null ? null : slot.value();
  }

  /** Stores the value as the newest entry (moving an existing key to the newest end), then enforces the cap. */
  void put(K key, V value, long atMs) {
    entries.remove(key);
    entries.put(key, new Slot<>(value, atMs));
    memoryStartsAtMs = Math.min(memoryStartsAtMs, atMs);
    while (entries.size() > maxEntries) {
      evictEldest(entries.entrySet().iterator());
    }
  }

  /** The stream that feeds this map reached {@code atMs}: from then on, what is absent was never stored. */
  void observed(long atMs) {
    memoryStartsAtMs = Math.min(memoryStartsAtMs, atMs);
  }

  V remove(K key) {
    Slot<V> slot = entries.remove(key);
    return slot == null ? null : slot.value();
  }

  /**
   * Drops entries stored at or before {@code nowMs - retentionMs}, from the oldest end. An entry
   * stored out of time order behind a younger one waits for it; the size cap still bounds both.
   */
  void expire(long nowMs) {
    long cutoff = nowMs - retentionMs;
    Iterator<Map.Entry<K, Slot<V>>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<K, Slot<V>> eldest = it.next();
      if (eldest.getValue().storedAtMs() > cutoff) {
        return;
      }
      evictEldest(it, eldest);
    }
  }

  private void evictEldest(Iterator<Map.Entry<K, Slot<V>>> it) {
    evictEldest(it, it.next());
  }

  private void evictEldest(Iterator<Map.Entry<K, Slot<V>>> it, Map.Entry<K, Slot<V>> eldest) {
    forgottenUpToMs = Math.max(forgottenUpToMs, eldest.getValue().storedAtMs());
    it.remove();
  }

  /** True when an entry stored at {@code atMs} would still be here: absence at that time means something. */
  boolean remembers(long atMs) {
    return atMs >= memoryStartsAtMs && atMs > forgottenUpToMs;
  }

  int size() {
    return entries.size();
  }
}
