package dev.gavel.auction.supply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.config.SupplyChainConfig;
import dev.gavel.config.SupplyChainConfig.Seller;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.Source;
import java.util.Map;

/**
 * Gavel's node in the request's supply chain (IAB SupplyChain object, OpenRTB 2.6
 * {@code source.schain}): appended to the chain the request came with (read from
 * {@code source.schain} or, as OpenRTB 2.5 senders put it, {@code source.ext.schain}), or a new
 * chain started with it, complete when the publisher is Gavel's direct seller. The node's
 * {@code sid} is the publisher's seller id from config ({@code supplyChain.sellers}); a publisher
 * not listed there is named by its own id, in a chain marked incomplete.
 */
public final class SupplyChain {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final String asi;
  private final Map<String, Seller> sellers;

  public SupplyChain(SupplyChainConfig config) {
    this.asi = config.asi();
    this.sellers = config.byPublisher();
  }

  /** The request as bidders see it: with Gavel's node. Unchanged when no {@code supplyChain.asi} is configured. */
  public BidRequest appendTo(BidRequest r) {
    if (asi.isEmpty()) {
      return r;
    }
    String publisherId = r.publisherId();
    Seller seller = publisherId == null ? null : sellers.get(publisherId);
    Source source = r.source();
    ObjectNode ext = source == null ? null : source.ext();
    JsonNode incoming = source != null && source.schain() != null ? source.schain() : ext == null ? null : ext.get("schain");
    ObjectNode chain;
    if (incoming instanceof ObjectNode given && given.get("nodes") instanceof ArrayNode) {
      chain = given.deepCopy();
    } else {
      chain = NODES.objectNode().put("complete", seller != null && seller.direct() ? 1 : 0).put("ver", "1.0");
      chain.putArray("nodes");
    }
    if (seller == null) {
      chain.put("complete", 0);
    }
    ObjectNode node = ((ArrayNode) chain.get("nodes")).addObject().put("asi", asi)
        .put("sid", seller != null ? seller.sellerId() : publisherId == null ? "unknown" : publisherId).put("hp", 1);
    if (r.id() != null) {
      node.put("rid", r.id());
    }
    if (ext != null && ext.has("schain")) { // the chain has one place in OpenRTB 2.6
      ext = ext.deepCopy();
      ext.remove("schain");
    }
    Source out = source == null ? new Source(null, null, null, chain, null)
        : new Source(source.fd(), source.tid(), source.pchain(), chain, ext);
    return r.withSource(out);
  }
}
