package dev.gavel.auction.supply;

import dev.gavel.config.SupplyChainConfig;
import dev.gavel.http.RouteModule;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /sellers.json}: Gavel's sellers in the IAB sellers.json format (1.0), made from
 * {@code supplyChain} once at start. Buyers check each schain node's {@code sid} against it.
 */
public final class SellersJsonRoutes implements RouteModule {
  public static final String PATH = "/sellers.json";
  private final String body;

  public SellersJsonRoutes(SupplyChainConfig config) {
    this.body = sellersJson(config).encodePrettily();
  }

  static JsonObject sellersJson(SupplyChainConfig config) {
    JsonArray sellers = new JsonArray();
    for (SupplyChainConfig.Seller s : config.sellers()) {
      JsonObject seller = new JsonObject().put("seller_id", s.sellerId()).put("seller_type", s.sellerType());
      if (s.confidential()) {
        seller.put("is_confidential", 1); // name and domain withheld, as the spec allows
      } else {
        seller.put("name", s.name()).put("domain", s.domain());
      }
      sellers.add(seller);
    }
    JsonObject out = new JsonObject().put("version", "1.0");
    if (!config.contactEmail().isEmpty()) {
      out.put("contact_email", config.contactEmail());
    }
    if (!config.contactAddress().isEmpty()) {
      out.put("contact_address", config.contactAddress());
    }
    return out.put("sellers", sellers);
  }

  @Override
  public void mount(Vertx vertx, Router router) {
    router.get(PATH).handler(ctx -> ctx.response().putHeader("content-type", "application/json")
        .putHeader("cache-control", "public, max-age=3600").end(body));
  }
}
