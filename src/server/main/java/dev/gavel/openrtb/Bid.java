package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/** OpenRTB 2.6 Bid (section 4.2.3). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Bid(
    String id,
    String impid,
    BigDecimal price,
    String nurl,
    String burl,
    String lurl,
    String adm,
    String adid,
    List<String> adomain,
    String bundle,
    String iurl,
    String cid,
    String crid,
    String tactic,
    Integer cattax,
    List<String> cat,
    List<Integer> attr,
    Integer api,
    Integer protocol,
    Integer qagmediarating,
    String language,
    String dealid,
    Integer w,
    Integer h,
    Integer wratio,
    Integer hratio,
    Integer exp,
    Integer dur,
    Integer mtype,
    Integer slotinauction,
    ObjectNode ext) {

  public Bid {
    adomain = Lists.copyOrNull(adomain);
    cat = Lists.copyOrNull(cat);
    attr = Lists.copyOrNull(attr);
  }

  /** The same bid with the markup and notice URLs the exchange rewrote (e.g. macros, tracking). */
  public Bid withMarkup(String newAdm, String newNurl, String newBurl, String newLurl) {
    return new Bid(id, impid, price, newNurl, newBurl, newLurl, newAdm, adid, adomain, bundle,
        iurl, cid, crid, tactic, cattax, cat, attr, api, protocol, qagmediarating, language, dealid,
        w, h, wratio, hratio, exp, dur, mtype, slotinauction, ext);
  }

  /** The same bid at the price the auction settled on (e.g. second price). */
  public Bid withPrice(BigDecimal newPrice) {
    return new Bid(id, impid, newPrice, nurl, burl, lurl, adm, adid, adomain, bundle, iurl, cid,
        crid, tactic, cattax, cat, attr, api, protocol, qagmediarating, language, dealid, w, h,
        wratio, hratio, exp, dur, mtype, slotinauction, ext);
  }
}
