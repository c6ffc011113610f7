package dev.gavel.auction;

import dev.gavel.events.EventBusSink;
import dev.gavel.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** Mounts {@code POST /openrtb2/auction} with this event loop's own bidder client. */
public final class AuctionRoutes implements RouteModule {
  public static final String PATH = "/openrtb2/auction";

  private final AuctionSetup setup;
  private BidderClient client;

  public AuctionRoutes(AuctionSetup setup) {
    this.setup = setup;
  }

  @Override
  public void mount(Vertx vertx, Router router) {
    client = new BidderClient(vertx, setup.config().bidderClient(), setup.json());
    AuctionHandler handler = new AuctionHandler(setup, new AuctionEngine(vertx, setup, client), new EventBusSink(vertx));
    // Two routes: Vert.x Web wants the body handler first on a route, and the clock must start
    // (and non-JSON be refused) before the body is read.
    router.post(PATH).handler(handler::accept);
    router.post(PATH)
        .handler(BodyHandler.create(false).setBodyLimit(setup.config().http().maxBodyBytes()))
        .handler(handler::handle);
  }

  @Override
  public Future<Void> close() {
    return client == null ? Future.succeededFuture() : client.close();
  }
}
