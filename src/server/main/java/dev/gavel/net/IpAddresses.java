package dev.gavel.net;

/**
 * Parses IPv4 and IPv6 literals into bytes without ever touching DNS ({@code InetAddress.getByName}
 * would resolve anything that is not a literal, which a rule on the event path must never do).
 */
public final class IpAddresses {

  private IpAddresses() {}

  /**
   * The address as 4 bytes (IPv4, including IPv4-mapped IPv6 such as {@code ::ffff:1.2.3.4}, so
   * one client matches the same ranges whichever way a proxy wrote it) or 16 bytes, or null when
   * the text is not an IP literal.
   */
  public static byte[] parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      return parseV4(text, 0, text.length());
    }
    byte[] v6 = parseV6(text);
    return v6 != null && isV4Mapped(v6) ? java.util.Arrays.copyOfRange(v6, 12, 16) : v6;
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  /** Dotted quad in text[from, to): four decimal parts 0-255, no leading '+' or empty parts. */
  private static byte[] parseV4(String text, int from, int to) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    for (int i = from; i <= to; i++) {
      char c = i < to ? text.charAt(i) : '.';
      if (c == '.') {
        if (value < 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
      } else if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  /** Eight hex groups, at most one "::" standing for a run of zero groups, optional dotted-quad tail. */
  private static byte[] parseV6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] groups = new int[8];
    int[] head = gap < 0 ? parseGroups(text, 0, text.length(), 8) : parseGroups(text, 0, gap, 7);
    if (head == null) {
      return null;
    }
    int[] tail = gap < 0 ? new int[0] : parseGroups(text, gap + 2, text.length(), 7 - head.length);
    if (tail == null || (gap < 0 && head.length != 8)) {
      return null;
    }
    System.arraycopy(head, 0, groups, 0, head.length);
    System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
    byte[] out = new byte[16];
    for (int g = 0; g < 8; g++) {
      out[2 * g] = (byte) (groups[g] >>> 8);
      out[2 * g + 1] = (byte) groups[g];
    }
    return out;
  }

  /** Colon-separated hex groups in text[from, to), at most maxGroups; a final dotted quad counts as two. */
  private static int[] parseGroups(String text, int from, int to, int maxGroups) {
    if (from == to) {
      return new int[0];
    }
    int[] groups = new int[8];
    int count = 0;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i < to && text.charAt(i) != ':') {
        continue;
      }
      if (i == to && text.lastIndexOf('.', to - 1) >= start) {
        byte[] v4 = parseV4(text, start, to);
        if (v4 == null || count + 2 > maxGroups) {
          return null;
        }
        groups[count++] = (v4[0] & 0xff) << 8 | (v4[1] & 0xff);
        groups[count++] = (v4[2] & 0xff) << 8 | (v4[3] & 0xff);
        break;
      }
      int group = parseHexGroup(text, start, i);
      if (group < 0 || count == maxGroups) {
        return null;
      }
      groups[count++] = group;
      start = i + 1;
    }
    return java.util.Arrays.copyOf(groups, count);
  }

  private static int parseHexGroup(String text, int from, int to) {
    if (to - from < 1 || to - from > 4) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      // ASCII only: Character.digit would also accept other scripts' digits.
      int digit = c >= '0' && c <= '9' ? c - '0'
          : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) {
        return -1;
      }
      value = value << 4 | digit;
    }
    return value;
  }
}
