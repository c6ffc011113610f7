package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 BidRequest (section 3.2.1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BidRequest(
    String id,
    List<Imp> imp,
    Site site,
    App app,
    Dooh dooh,
    Device device,
    User user,
    Regs regs,
    Source source,
    Integer test,
    Integer at,
    Integer tmax,
    List<String> wseat,
    List<String> bseat,
    Integer allimps,
    List<String> cur,
    List<String> wlang,
    List<String> bcat,
    Integer cattax,
    List<String> badv,
    List<String> bapp,
    ObjectNode ext) {

  public BidRequest {
    imp = Lists.copyOrNull(imp);
    wseat = Lists.copyOrNull(wseat);
    bseat = Lists.copyOrNull(bseat);
    cur = Lists.copyOrNull(cur);
    wlang = Lists.copyOrNull(wlang);
    bcat = Lists.copyOrNull(bcat);
    badv = Lists.copyOrNull(badv);
    bapp = Lists.copyOrNull(bapp);
  }

  /** The publisher's id, from the site or else the app; null when the request names none. */
  public String publisherId() {
    if (site != null && site.publisher() != null) {
      return site.publisher().id();
    }
    return app != null && app.publisher() != null ? app.publisher().id() : null;
  }

  /** The same request for a different set of impressions, e.g. the ones one bidder may see. */
  public BidRequest withImps(List<Imp> imps) {
    return new BidRequest(id, imps, site, app, dooh, device, user, regs, source, test, at, tmax,
        wseat, bseat, allimps, cur, wlang, bcat, cattax, badv, bapp, ext);
  }

  /** The same request with the time a downstream bidder is given to answer. */
  public BidRequest withTmax(Integer newTmax) {
    return new BidRequest(id, imp, site, app, dooh, device, user, regs, source, test, at, newTmax,
        wseat, bseat, allimps, cur, wlang, bcat, cattax, badv, bapp, ext);
  }

  /** The same request with this source (Gavel's supply-chain node added, say). */
  public BidRequest withSource(Source newSource) {
    return new BidRequest(id, imp, site, app, dooh, device, user, regs, newSource, test, at, tmax,
        wseat, bseat, allimps, cur, wlang, bcat, cattax, badv, bapp, ext);
  }

  /** The same request restricted to the currencies a downstream bidder may answer in. */
  public BidRequest withCur(List<String> newCur) {
    return new BidRequest(id, imp, site, app, dooh, device, user, regs, source, test, at, tmax,
        wseat, bseat, allimps, newCur, wlang, bcat, cattax, badv, bapp, ext);
  }
}
