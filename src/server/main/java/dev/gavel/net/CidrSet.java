package dev.gavel.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A fixed set of IPv4 and IPv6 ranges in CIDR notation, matched in time proportional to the number
 * of distinct prefix lengths configured (at most 33 + 129), not to the number of ranges: ranges are
 * grouped by prefix length, and an address is masked once per length and looked up in a hash map.
 * Longer (more specific) prefixes are tried first, so the reported range is the narrowest match.
 *
 * <p>Immutable after construction, so one instance may be shared across threads.
 */
public final class CidrSet {

  /** One prefix length's ranges: masked network (as two longs) to the range text as configured. */
  private record PrefixTable(int prefixLength, Map<Network, String> networks) {}

  /** An address masked to a prefix, in two 64-bit halves (IPv4 uses only the low half). */
  private record Network(long high, long low) {}

  private final List<PrefixTable> v4Tables;
  private final List<PrefixTable> v6Tables;

  private CidrSet(List<PrefixTable> v4Tables, List<PrefixTable> v6Tables) {
    this.v4Tables = v4Tables;
    this.v6Tables = v6Tables;
  }

  /** Equal when they hold the same ranges (as configured text too), so configs compare by value. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CidrSet other && v4Tables.equals(other.v4Tables) && v6Tables.equals(other.v6Tables);
  }

  @Override
  public int hashCode() {
    return 31 * v4Tables.hashCode() + v6Tables.hashCode();
  }

  @Override
  public String toString() {
    List<String> ranges = new ArrayList<>();
    v4Tables.forEach(t -> ranges.addAll(t.networks().values()));
    v6Tables.forEach(t -> ranges.addAll(t.networks().values()));
    return ranges.toString();
  }

  /**
   * Parses ranges such as "203.0.113.0/24" or "2001:db8::/32"; a bare address means that one host.
   *
   * @throws IllegalArgumentException naming the bad entry, when a range is malformed, its prefix is
   *     out of range, or it has host bits set (a likely typo: "203.0.113.9/24" for "203.0.113.0/24")
   */
  public static CidrSet of(List<String> cidrs) {
    TreeMap<Integer, Map<Network, String>> v4 = new TreeMap<>();
    TreeMap<Integer, Map<Network, String>> v6 = new TreeMap<>();
    for (String cidr : cidrs) {
      String text = cidr == null ? "" : cidr.strip();
      int slash = text.indexOf('/');
      byte[] address = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException("not an IP range: '" + cidr + "' (expected e.g. 203.0.113.0/24 or 2001:db8::/32)");
      }
      int maxLength = address.length * 8;
      int prefix = slash < 0 ? maxLength : parsePrefix(cidr, text.substring(slash + 1), maxLength);
      Network network = toNetwork(address);
      if (!network.equals(mask(network, prefix, maxLength))) {
        throw new IllegalArgumentException("IP range '" + cidr + "' has host bits set beyond /" + prefix);
      }
      (address.length == 4 ? v4 : v6).computeIfAbsent(prefix, p -> new HashMap<>()).put(network, text);
    }
    return new CidrSet(tables(v4), tables(v6));
  }

  private static int parsePrefix(String cidr, String digits, int maxLength) {
    if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("IP range '" + cidr + "' needs a prefix length after '/'");
    }
    int prefix = Integer.parseInt(digits);
    if (prefix > maxLength) {
      throw new IllegalArgumentException("IP range '" + cidr + "': prefix length must be 0-" + maxLength);
    }
    return prefix;
  }

  private static List<PrefixTable> tables(TreeMap<Integer, Map<Network, String>> byLength) {
    List<PrefixTable> tables = new ArrayList<>();
    byLength.descendingMap().forEach((length, networks) -> tables.add(new PrefixTable(length, Map.copyOf(networks))));
    return List.copyOf(tables);
  }

  /** The configured range containing {@code ip}, if any; text that is not an IP literal matches nothing. */
  public Optional<String> match(String ip) {
    byte[] address = IpAddresses.parse(ip);
    if (address == null) {
      return Optional.empty();
    }
    int maxLength = address.length * 8;
    Network network = toNetwork(address);
    for (PrefixTable table : address.length == 4 ? v4Tables : v6Tables) {
      String range = table.networks().get(mask(network, table.prefixLength(), maxLength));
      if (range != null) {
        return Optional.of(range);
      }
    }
    return Optional.empty();
  }

  public boolean contains(String ip) {
    return match(ip).isPresent();
  }

  public boolean isEmpty() {
    return v4Tables.isEmpty() && v6Tables.isEmpty();
  }

  private static Network toNetwork(byte[] address) {
    long high = 0;
    long low = 0;
    int split = address.length - Math.min(8, address.length);
    for (int i = 0; i < address.length; i++) {
      if (i < split) {
        high = high << 8 | (address[i] & 0xff);
      } else {
        low = low << 8 | (address[i] & 0xff);
      }
    }
    return new Network(high, low);
  }

  /** Keeps the first {@code prefix} bits of a {@code maxLength}-bit address held right-aligned in (high, low). */
  private static Network mask(Network n, int prefix, int maxLength) {
    int hostBits = maxLength - prefix;
    long lowMask = hostBits >= 64 ? 0 : -1L << hostBits;
    long highMask = hostBits <= 64 ? -1L : hostBits >= 128 ? 0 : -1L << (hostBits - 64);
    return new Network(n.high() & highMask, n.low() & lowMask);
  }
}
