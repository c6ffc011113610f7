package dev.gavel.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The one shape of every error Gavel returns: {"error": code, "message": text, "field": path?}.
 * Short, stable codes for machines; a sentence for the person reading the log.
 */
public final class JsonErrors {
  /** How long a connection about to close still drains a request body the answer refused. */
  static final long LINGER_MS = 1_000;

  private JsonErrors() {}

  public static JsonObject body(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }

  public static void send(RoutingContext ctx, int status, JsonObject body) {
    end(ctx, status, body);
  }

  /** The write's future, or null when an answer had already been started. */
  private static Future<Void> end(RoutingContext ctx, int status, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.headWritten()) {
      return null;
    }
    return response.setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  /**
   * Sends the error and then closes the HTTP/1.x connection: for a request whose body was left
   * unread (too large), since what remains of it cannot be told from a next request.
   */
  public static void sendAndClose(RoutingContext ctx, int status, String code, String message) {
    boolean http1 = ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2;
    if (http1 && !ctx.response().headWritten()) {
      ctx.response().putHeader("connection", "close");
    }
    Future<Void> written = end(ctx, status, body(code, message));
    if (written == null) {
      return;
    }
    if (http1) {
      written.onComplete(v -> closeOnceRead(ctx));
    }
    // Vert.x flushes what is written during a read when the read completes; after a decoder
    // failure it closes the channel before that, and the answer would be dropped. Flush now (an
    // internal class: without it, the client just sees the connection close, as before).
    if (ctx.request().connection() instanceof io.vertx.core.net.impl.VertxConnection connection) {
      connection.flush();
    }
  }

  /**
   * Closes once the client has sent what it meant to, for at most {@link #LINGER_MS}: a socket
   * closed with request bytes still unread is reset by the kernel, and the reset can destroy the
   * answer in the client's buffers before it is read (the client then sees "no bytes").
   */
  private static void closeOnceRead(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long timer = ctx.vertx().setTimer(LINGER_MS, t -> connection.close());
    request.handler(ignored -> { });
    request.endHandler(v -> {
      ctx.vertx().cancelTimer(timer);
      connection.close();
    });
    request.resume();
  }

  public static void send(RoutingContext ctx, int status, String code, String message) {
    send(ctx, status, body(code, message));
  }
}
