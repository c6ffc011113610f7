package dev.gavel.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import java.io.IOException;

/**
 * Text as PostgreSQL accepts it. Publishers and bidders can send strings that JSON allows but
 * {@code text} and {@code jsonb} refuse: the NUL character and UTF-16 surrogates that are not part
 * of a pair (both reach Java from {@code \u0000} and {@code \ud800} escapes). Every event is
 * written through {@link #generator}, so whatever reaches the pipeline is clean: each such
 * character becomes U+FFFD, the replacement character, and nothing else changes.
 */
public final class CleanText {
  static final char REPLACEMENT = '\uFFFD';

  private CleanText() {}

  /** The string with NUL and unpaired surrogates replaced; the same instance when it has none. */
  public static String clean(String s) {
    if (s == null) {
      return null;
    }
    int first = firstBad(s);
    if (first < 0) {
      return s;
    }
    char[] chars = s.toCharArray();
    for (int i = first; i < chars.length; i++) {
      char c = chars[i];
      if (c == 0) {
        chars[i] = REPLACEMENT;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
          i++; // a pair: keep both
        } else {
          chars[i] = REPLACEMENT;
        }
      } else if (Character.isLowSurrogate(c)) {
        chars[i] = REPLACEMENT; // a low surrogate not preceded by a high one
      }
    }
    return new String(chars);
  }

  /** Index of the first character {@link #clean} would replace, or -1. */
  static int firstBad(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return i;
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** Wraps a Jackson generator so that every string value and field name it writes is clean. */
  public static JsonGenerator generator(JsonGenerator delegate) {
    return new JsonGeneratorDelegate(delegate, true) {
      @Override
      public void writeString(String text) throws IOException {
        super.writeString(clean(text));
      }

      @Override
      public void writeString(char[] text, int offset, int len) throws IOException {
        super.writeString(clean(new String(text, offset, len)));
      }

      @Override
      public void writeFieldName(String name) throws IOException {
        super.writeFieldName(clean(name));
      }
    };
  }
}
