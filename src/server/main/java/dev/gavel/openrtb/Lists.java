package dev.gavel.openrtb;

import java.util.List;

/** Keeps the model immutable: lists are copied once, when a record is built. */
final class Lists {

  private Lists() {}

  /** An unmodifiable copy, or null when the field was absent. */
  static <T> List<T> copyOrNull(List<T> list) {
    return list == null ? null : List.copyOf(list);
  }
}
