package dev.gavel.auction.campaign;

import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Inverted index of one targeting dimension: for each value, the ordinals of the campaigns that
 * name it, plus the campaigns that accept any value. Immutable once built.
 */
final class DimensionIndex<K> {

  private final Map<K, BitSet> byValue;
  private final BitSet anyValue;

  private DimensionIndex(Map<K, BitSet> byValue, BitSet anyValue) {
    this.byValue = byValue;
    this.anyValue = anyValue;
  }

  /** Replaces {@code into} with the campaigns accepting {@code value}; null matches only "any". */
  void matching(K value, BitSet into) {
    into.clear();
    into.or(anyValue);
    orNaming(value, into);
  }

  /** Adds the campaigns that name {@code value} explicitly. */
  void orNaming(K value, BitSet into) {
    if (value == null) {
      return;
    }
    BitSet named = byValue.get(value);
    if (named != null) {
      into.or(named);
    }
  }

  void orAny(BitSet into) {
    into.or(anyValue);
  }

  static final class Builder<K> {
    private final Map<K, BitSet> byValue = new HashMap<>();
    private final BitSet anyValue = new BitSet();

    Builder<K> any(int ordinal) {
      anyValue.set(ordinal);
      return this;
    }

    Builder<K> value(K value, int ordinal) {
      byValue.computeIfAbsent(value, v -> new BitSet()).set(ordinal);
      return this;
    }

    /** Indexes the campaign under each of its values (none: it is simply not indexed here). */
    Builder<K> values(Collection<? extends K> values, int ordinal) {
      for (K value : values) {
        value(value, ordinal);
      }
      return this;
    }

    /** Indexes the campaign under each value, or as accepting any value when there are none. */
    Builder<K> valuesOrAny(Collection<? extends K> values, int ordinal) {
      return values.isEmpty() ? any(ordinal) : values(values, ordinal);
    }

    DimensionIndex<K> build() {
      return new DimensionIndex<>(Map.copyOf(byValue), (BitSet) anyValue.clone());
    }
  }
}
