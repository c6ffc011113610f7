package dev.gavel.openrtb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request in the shape an OpenRTB 2.5 bidder reads: the 2.6 fields that 2.5 carried in
 * {@code ext} moved back there, as Prebid Server writes them: {@code regs.gdpr},
 * {@code us_privacy}, {@code gpp} and {@code gpp_sid} to {@code regs.ext}, {@code user.consent} and
 * {@code user.eids} to {@code user.ext}, {@code source.schain} to {@code source.ext}.
 */
public final class Ortb25 {
  public static final String VERSION = "2.5";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Ortb25() {}

  public static BidRequest downgrade(BidRequest r) {
    return new BidRequest(r.id(), r.imp(), r.site(), r.app(), r.dooh(), r.device(), user(r.user()), regs(r.regs()), source(r.source()),
        r.test(), r.at(), r.tmax(), r.wseat(), r.bseat(), r.allimps(), r.cur(), r.wlang(), r.bcat(), r.cattax(), r.badv(), r.bapp(),
        r.ext());
  }

  private static Regs regs(Regs g) {
    if (g == null || (g.gdpr() == null && g.usPrivacy() == null && g.gpp() == null && g.gppSid() == null)) {
      return g;
    }
    ObjectNode ext = copy(g.ext());
    if (g.gdpr() != null) {
      ext.put("gdpr", g.gdpr());
    }
    if (g.usPrivacy() != null) {
      ext.put("us_privacy", g.usPrivacy());
    }
    if (g.gpp() != null) {
      ext.put("gpp", g.gpp());
    }
    if (g.gppSid() != null) {
      ArrayNode sid = ext.putArray("gpp_sid");
      g.gppSid().forEach(sid::add);
    }
    return new Regs(g.coppa(), null, null, null, null, ext);
  }

  private static User user(User u) {
    if (u == null || (u.consent() == null && u.eids() == null)) {
      return u;
    }
    ObjectNode ext = copy(u.ext());
    if (u.consent() != null) {
      ext.put("consent", u.consent());
    }
    if (u.eids() != null) {
      ArrayNode eids = ext.putArray("eids");
      u.eids().forEach(eids::add);
    }
    return new User(u.id(), u.buyeruid(), u.yob(), u.gender(), u.keywords(), null, u.geo(), null, ext);
  }

  private static Source source(Source s) {
    if (s == null || s.schain() == null) {
      return s;
    }
    ObjectNode ext = copy(s.ext());
    ext.set("schain", s.schain());
    return new Source(s.fd(), s.tid(), s.pchain(), null, ext);
  }

  private static ObjectNode copy(ObjectNode ext) {
    return ext == null ? NODES.objectNode() : ext.deepCopy();
  }
}
