package dev.gavel.auction.privacy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How one recipient (an external bidder, or Gavel's own campaigns) may see one request: not at
 * all ({@code refusal} says why), or with what the {@code rules} remove.
 */
public record Treatment(String refusal, Set<Rule> rules) {
  public static final Treatment AS_IS = new Treatment(null, Set.of());

  public Treatment {
    rules = rules.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(rules)); // in declaration order
  }

  static Treatment refused(String why) {
    return new Treatment(why, Set.of());
  }

  public boolean refused() {
    return refusal != null;
  }
}
