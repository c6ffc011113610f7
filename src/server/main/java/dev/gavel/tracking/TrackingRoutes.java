package dev.gavel.tracking;

import dev.gavel.config.TrackingConfig;
import dev.gavel.events.EventBusSink;
import dev.gavel.http.RouteModule;
import dev.gavel.net.CidrSet;
import dev.gavel.net.ClientAddress;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Mounts {@code GET} and {@code HEAD /event} with this event loop's own notice forwarder. */
public final class TrackingRoutes implements RouteModule {
  public static final String PATH = "/event";

  private final TrackingConfig config;
  private final EventBusSink sink;
  private final TrackingMetrics metrics;
  private final TokenSigner signer;
  private final ClientAddress clientAddress;
  private NoticeForwarder forwarder;

  public TrackingRoutes(TrackingConfig config, CidrSet trustedProxies, EventBusSink sink, MeterRegistry registry) {
    this.config = config;
    this.sink = sink;
    this.metrics = new TrackingMetrics(registry);
    this.signer = new TokenSigner(config);
    this.clientAddress = new ClientAddress(trustedProxies);
  }

  @Override
  public void mount(Vertx vertx, Router router) {
    forwarder = new NoticeForwarder(vertx, config.notifyAttempts(), metrics);
    TrackingHandler handler = new TrackingHandler(signer, sink, metrics, forwarder, clientAddress);
    router.get(PATH).handler(handler::handle);
    router.head(PATH).handler(handler::handle);
  }

  @Override
  public Future<Void> close() {
    return forwarder == null ? Future.succeededFuture() : forwarder.close();
  }
}
