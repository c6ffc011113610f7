package dev.gavel.net;

import java.util.List;

/**
 * The client's IP for the fraud rules. {@code X-Forwarded-For} can be written by anyone, so it is
 * believed only as far as the chain of trusted proxies ({@code http.trustedProxies}) vouches for
 * it: from the peer leftwards, each trusted hop's predecessor is taken, and the first address that
 * is not a trusted proxy is the client. With no proxies configured, the peer is the client.
 */
public final class ClientAddress {
  private final CidrSet trustedProxies;

  public ClientAddress(CidrSet trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  /**
   * @param peer the connection's remote address
   * @param forwardedFor every X-Forwarded-For header value, in order (empty for none)
   */
  public String resolve(String peer, List<String> forwardedFor) {
    if (peer == null || trustedProxies.isEmpty() || !trustedProxies.contains(peer) || forwardedFor.isEmpty()) {
      return peer;
    }
    String client = peer;
    for (int h = forwardedFor.size() - 1; h >= 0; h--) {
      String[] hops = forwardedFor.get(h).split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = literal(hops[i].strip());
        if (hop == null) {
          return client; // garbage past a trusted hop: the nearest address vouched for
        }
        client = hop;
        if (!trustedProxies.contains(hop)) {
          return hop;
        }
      }
    }
    return client;
  }

  /** The IP literal in a hop ({@code 1.2.3.4}, {@code 1.2.3.4:5678}, {@code [2001:db8::1]:443}), or null. */
  static String literal(String hop) {
    String text = hop;
    if (text.startsWith("[")) {
      int end = text.indexOf(']');
      text = end < 0 ? "" : text.substring(1, end);
    } else if (text.indexOf(':') > 0 && text.indexOf(':') == text.lastIndexOf(':') && text.indexOf('.') > 0) {
      text = text.substring(0, text.indexOf(':')); // IPv4 with a port
    }
    return IpAddresses.parse(text) == null ? null : text;
  }
}
