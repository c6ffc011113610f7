package dev.gavel.http;

import dev.gavel.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every HTTP route on one port. Several instances share the port, Vert.x spreading the
 * connections across their event loops, so one instance per core is the usual count.
 */
public final class HttpServerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);

  private static final RateLimitedLog UNREADABLE = new RateLimitedLog(LOG, 10, java.util.concurrent.TimeUnit.SECONDS);
  private final HttpConfig config;
  private final Supplier<List<RouteModule>> modules;
  private List<RouteModule> mounted = List.of();
  private HttpServer server;

  /** @param modules makes this instance's route modules; called once, on its event loop */
  public HttpServerVerticle(HttpConfig config, Supplier<List<RouteModule>> modules) {
    this.config = config;
    this.modules = modules;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    mounted = modules.get();
    mounted.forEach(m -> m.mount(vertx, router));
    installErrorHandlers(router);
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setDecompressionSupported(false) // gzip bodies are inflated by the handler, with a size cap
        .setCompressionSupported(false)
        .setTcpNoDelay(true)
        .setIdleTimeout(60);
    server = vertx.createHttpServer(options).requestHandler(router);
    return server.listen().onSuccess(s -> LOG.debug("HTTP verticle listening on {}", s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    // Stop accepting, let in-flight exchanges finish, then release clients.
    return server.shutdown().transform(v -> Future.join(mounted.stream().map(RouteModule::close).toList()));
  }

  private void installErrorHandlers(Router router) {
    // A body the HTTP decoder cannot read (a malformed chunk size, say) reaches the body handler as
    // a failure with status 200 unless Netty wrapped it: the client's fault, so a 400, and the
    // connection (which the decoder gives up on) closed. Logged without a trace, rate-limited.
    router.route().failureHandler(ctx -> {
      if (ctx.statusCode() != 200 || ctx.failure() == null) {
        ctx.next();
        return;
      }
      UNREADABLE.warn("unreadable request body: {}", String.valueOf(ctx.failure().getMessage()));
      JsonErrors.sendAndClose(ctx, 400, "bad_request", "the request body could not be read: " + ctx.failure().getMessage());
    });
    router.errorHandler(404, ctx -> JsonErrors.send(ctx, 404, "not_found", "no route for " + ctx.request().path()));
    router.errorHandler(405, ctx -> JsonErrors.send(ctx, 405, "method_not_allowed",
        ctx.request().method() + " is not allowed on " + ctx.request().path()));
    router.errorHandler(413, ctx -> JsonErrors.sendAndClose(ctx, 413, "body_too_large",
        "the request body exceeds the limit of " + config.maxBodyBytes() + " bytes"));
    router.errorHandler(400, ctx -> JsonErrors.send(ctx, 400, "bad_request", "the request could not be read"));
    router.errorHandler(500, ctx -> {
      LOG.error("unhandled failure on {}", ctx.request().path(), ctx.failure());
      JsonErrors.send(ctx, 500, "internal_error", "Gavel failed to handle this request; it has been logged");
    });
  }
}
