package dev.gavel.auction.campaign;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One spelling for every domain, bundle and country, applied both when campaigns are built and
 * when a slot is queried, so that "WWW.Example.com" in a request matches "example.com" in a
 * campaign.
 */
final class Normalize {

  private Normalize() {}

  /** Lowercase, without a leading "www." or a trailing dot; null stays null. */
  static String domain(String domain) {
    if (domain == null) {
      return null;
    }
    String d = domain.trim().toLowerCase(Locale.ROOT);
    if (d.startsWith("www.")) {
      d = d.substring(4);
    }
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    return d;
  }

  /** App bundles compared case-insensitively; null stays null. */
  static String bundle(String bundle) {
    return bundle == null ? null : bundle.trim().toLowerCase(Locale.ROOT);
  }

  /** ISO 3166-1 alpha-3 in upper case, as OpenRTB geo.country; null stays null. */
  static String country(String country) {
    return country == null ? null : country.trim().toUpperCase(Locale.ROOT);
  }

  /**
   * An immutable copy with every element normalised; returns the given set itself when it is
   * already immutable and normal, which is the usual case in the request path.
   */
  static Set<String> all(Set<String> values, UnaryOperator<String> normalizer) {
    if (values == null || values.isEmpty()) {
      return Set.of();
    }
    boolean normal = true;
    for (String value : values) {
      if (value == null || value.isBlank() || !value.equals(normalizer.apply(value))) {
        normal = false;
        break;
      }
    }
    if (normal) {
      return Set.copyOf(values);
    }
    Set<String> copy = new HashSet<>();
    for (String value : values) {
      if (value != null && !value.isBlank()) { // a blank block-list entry blocks nothing
        copy.add(normalizer.apply(value));
      }
    }
    return Set.copyOf(copy);
  }
}
