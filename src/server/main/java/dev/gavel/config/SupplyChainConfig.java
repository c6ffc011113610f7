package dev.gavel.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gavel in the supply chain: {@code asi} is its advertising-system domain (the one its
 * sellers.json is served from); each seller is a publisher (by the request's
 * {@code site.publisher.id} or {@code app.publisher.id}) with the seller id Gavel knows it by.
 * An empty {@code asi}: Gavel adds no schain node and serves an empty sellers.json.
 */
public record SupplyChainConfig(String asi, String contactEmail, String contactAddress, List<Seller> sellers) {

  /** @param sellerType PUBLISHER (Gavel sells its inventory directly), INTERMEDIARY or BOTH */
  public record Seller(String publisherId, String sellerId, String name, String domain, String sellerType, boolean confidential) {
    static Seller from(ConfigReader r) {
      String type = r.string("sellerType", "PUBLISHER").toUpperCase(Locale.ROOT);
      if (!Set.of("PUBLISHER", "INTERMEDIARY", "BOTH").contains(type)) {
        throw new ConfigException(r.key("sellerType") + ": expected PUBLISHER, INTERMEDIARY or BOTH, got '" + type + "'");
      }
      return new Seller(r.requiredString("publisherId"), r.requiredString("sellerId"), r.optionalString("name"), r.optionalString("domain"),
          type, r.boolValue("confidential", false));
    }

    /** A direct seller: the chain that starts at it is complete. */
    public boolean direct() {
      return sellerType.equals("PUBLISHER");
    }
  }

  static SupplyChainConfig from(ConfigReader r) {
    List<Seller> sellers = r.list("sellers", Seller::from);
    Set<String> ids = new HashSet<>();
    Set<String> publishers = new HashSet<>();
    for (Seller s : sellers) {
      if (!ids.add(s.sellerId())) {
        throw new ConfigException(r.key("sellers") + ": the sellerId '" + s.sellerId() + "' is used twice");
      }
      if (!publishers.add(s.publisherId())) {
        throw new ConfigException(r.key("sellers") + ": the publisherId '" + s.publisherId() + "' is used twice");
      }
    }
    return new SupplyChainConfig(r.optionalString("asi"), r.optionalString("contactEmail"), r.optionalString("contactAddress"), sellers);
  }

  /** The sellers by publisher id. */
  public Map<String, Seller> byPublisher() {
    Map<String, Seller> out = new HashMap<>();
    sellers.forEach(s -> out.put(s.publisherId(), s));
    return Map.copyOf(out);
  }
}
