package dev.gavel.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** Liveness, readiness and Prometheus metrics: what an orchestrator and an SRE poll. */
public final class OpsRoutes {
  private OpsRoutes() {}

  /** Mount first: its counting handler must see every route's answers. */
  public static void mount(Router router, Readiness readiness, PrometheusMeterRegistry registry) {
    router.route().handler(new ResponseCounts(registry)::handle);
    // Liveness only proves the event loop answers; dependencies belong to readiness.
    router.get("/health").handler(ctx -> ctx.json(new io.vertx.core.json.JsonObject().put("status", "UP")));
    router.get("/ready").handler(ctx -> ctx.response()
        .setStatusCode(readiness.ready() ? 200 : 503)
        .putHeader("content-type", "application/json")
        .end(readiness.report().encode()));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
  }
}
