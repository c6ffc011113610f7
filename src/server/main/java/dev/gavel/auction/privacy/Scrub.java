package dev.gavel.auction.privacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.Device;
import dev.gavel.openrtb.Geo;
import dev.gavel.openrtb.User;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Removes from a request what privacy rules forbid a recipient to see. Ids: {@code user.id},
 * {@code buyeruid}, {@code eids}, {@code device.ifa}, and all of {@code user.ext} but its
 * {@code consent} (OpenRTB 2.5 senders keep ids there: {@code eids}, {@code prebid.buyeruids}). Geo: {@code lat}, {@code lon}, {@code accuracy}, {@code city} and
 * {@code zip} of the device's and the user's geo, the IP masked (IPv4 to /24, IPv6 to /56);
 * country and region stay. Demographics: {@code yob}, {@code gender}, {@code keywords}. The
 * consent signals themselves are kept: downstream parties need them.
 */
final class Scrub {
  private static final int IPV6_KEPT_BYTES = 7; // a /56

  private Scrub() {}

  static BidRequest apply(BidRequest r, Set<Rule> rules) {
    boolean ids = rules.stream().anyMatch(rule -> rule.removesIds);
    boolean geo = rules.stream().anyMatch(rule -> rule.masksGeo);
    boolean demographics = rules.stream().anyMatch(rule -> rule.removesDemographics);
    if (!ids && !geo && !demographics) {
      return r;
    }
    return new BidRequest(r.id(), r.imp(), r.site(), r.app(), r.dooh(), device(r.device(), ids, geo), user(r.user(), ids, geo, demographics),
        r.regs(), r.source(), r.test(), r.at(), r.tmax(), r.wseat(), r.bseat(), r.allimps(), r.cur(), r.wlang(), r.bcat(), r.cattax(),
        r.badv(), r.bapp(), r.ext());
  }

  private static Device device(Device d, boolean ids, boolean geo) {
    if (d == null) {
      return null;
    }
    return new Device(d.ua(), geo ? coarse(d.geo()) : d.geo(), d.dnt(), d.lmt(), geo ? maskIpv4(d.ip()) : d.ip(),
        geo ? maskIpv6(d.ipv6()) : d.ipv6(), d.devicetype(), d.make(), d.model(), d.os(), d.osv(), d.h(), d.w(), d.js(),
        d.language(), d.carrier(), d.connectiontype(), ids ? null : d.ifa(), d.ext());
  }

  private static User user(User u, boolean ids, boolean geo, boolean demographics) {
    if (u == null) {
      return null;
    }
    ObjectNode ext = u.ext();
    if (ids && ext != null) {
      // user.ext is where OpenRTB 2.5 senders put ids (eids, prebid.buyeruids, ...): only the consent string stays.
      ObjectNode kept = ext.objectNode();
      if (ext.has("consent")) {
        kept.set("consent", ext.get("consent"));
      }
      ext = kept.isEmpty() ? null : kept;
    }
    return new User(ids ? null : u.id(), ids ? null : u.buyeruid(), demographics ? null : u.yob(), demographics ? null : u.gender(),
        demographics ? null : u.keywords(), u.consent(), geo ? coarse(u.geo()) : u.geo(), ids ? null : u.eids(), ext);
  }

  private static Geo coarse(Geo g) {
    return g == null ? null : new Geo(null, null, g.type(), null, g.country(), g.region(), null, null, g.utcoffset(), g.ext());
  }

  /** {@code 203.0.113.77} becomes {@code 203.0.113.0}; what is not an IPv4 address is dropped. */
  static String maskIpv4(String ip) {
    if (ip == null) {
      return null;
    }
    String[] octets = ip.trim().split("\\.");
    if (octets.length != 4) {
      return null;
    }
    for (String octet : octets) {
      if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
        return null;
      }
    }
    return octets[0] + "." + octets[1] + "." + octets[2] + ".0";
  }

  /** The first 56 bits kept, the rest zero; what is not an IPv6 literal is dropped. */
  static String maskIpv6(String ip) {
    if (ip == null || !ip.contains(":") || !ip.matches("[0-9A-Fa-f:.]+")) {
      return null; // only a literal: InetAddress would otherwise resolve a name
    }
    try {
      byte[] bytes = InetAddress.getByName(ip.trim()).getAddress();
      if (bytes.length != 16) {
        return null;
      }
      for (int i = IPV6_KEPT_BYTES; i < bytes.length; i++) {
        bytes[i] = 0;
      }
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
