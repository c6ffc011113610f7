package dev.gavel.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * A group of routes (auction, ops, tracking, ...) mounted by each HTTP verticle instance. Mounting
 * happens on the instance's own event loop, so per-instance resources (HTTP clients) are made here.
 */
public interface RouteModule {

  void mount(Vertx vertx, Router router);

  /** Releases what {@link #mount} made; called when the verticle stops. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
