package dev.gavel.auction;

import dev.gavel.auction.admission.Admission;
import dev.gavel.auction.admission.LagSignal;
import dev.gavel.auction.admission.LoopLag;
import dev.gavel.config.AuctionConfig;
import dev.gavel.events.EventBusSink;
import dev.gavel.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Function;

/**
 * Mounts {@code POST /openrtb2/auction} with this event loop's own bidder client, lag probe and
 * admission control.
 */
public final class AuctionRoutes implements RouteModule {
  public static final String PATH = "/openrtb2/auction";

  private final AuctionSetup setup;
  private final Function<Vertx, LagSignal> lagSignals;
  private BidderClient client;
  private LoopLag probe;
  private Admission admission;

  /** Each event loop measures its own lag with a {@link LoopLag}. */
  public AuctionRoutes(AuctionSetup setup) {
    this(setup, null);
  }

  /** @param lagSignals makes the lag signal for an event loop (tests inject one); null for a {@link LoopLag} */
  public AuctionRoutes(AuctionSetup setup, Function<Vertx, LagSignal> lagSignals) {
    this.setup = setup;
    this.lagSignals = lagSignals;
  }

  @Override
  public void mount(Vertx vertx, Router router) {
    AuctionConfig auction = setup.auction();
    LagSignal lag;
    if (lagSignals == null) {
      probe = new LoopLag(vertx, auction.admission().lagProbeIntervalMs(), auction.admission().marginWindowSeconds() * 1000L);
      probe.start();
      lag = probe;
    } else {
      lag = lagSignals.apply(vertx);
    }
    admission = new Admission(auction.admission(), lag, setup.warmUp()::warm, auction.safetyMarginMs(), auction.maxSafetyMarginMs());
    setup.admissions().add(admission);
    client = new BidderClient(vertx, setup.bidderClient(), setup.json());
    AuctionEngine engine = new AuctionEngine(AuctionClock.of(vertx), client, setup.bidderSlots(),
        new CampaignBids(setup.campaigns(), setup.rates(), auction.houseSeat()), new Floors(setup.rates()), setup.rates(),
        setup.budgets(), setup.holds(), setup.frequency(),
        auction.frequencyCapUncountableUsersBid(), setup.metrics(), auction.privacy(), setup.supplyChain());
    AuctionHandler handler = new AuctionHandler(setup, engine, admission, new EventBusSink(vertx));
    // Two routes: Vert.x Web wants the body handler first on a route, and the clock must start
    // (and admission be decided) before the body is read.
    router.post(PATH).handler(handler::accept);
    router.post(PATH)
        .handler(BodyHandler.create(false).setBodyLimit(setup.maxBodyBytes()))
        .handler(handler::handle);
  }

  @Override
  public Future<Void> close() {
    if (probe != null) {
      probe.stop();
    }
    if (admission != null) {
      setup.admissions().remove(admission);
    }
    return client == null ? Future.succeededFuture() : client.close();
  }
}
