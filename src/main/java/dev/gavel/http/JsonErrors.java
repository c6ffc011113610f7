package dev.gavel.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The one shape of every error Gavel returns: {"error": code, "message": text, "field": path?}.
 * Short, stable codes for machines; a sentence for the person reading the log.
 */
public final class JsonErrors {
  private JsonErrors() {}

  public static JsonObject body(String code, String message) {
    return new JsonObject().put("error", code).put("message", message);
  }

  public static void send(RoutingContext ctx, int status, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.headWritten()) {
      return;
    }
    response.setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  public static void send(RoutingContext ctx, int status, String code, String message) {
    send(ctx, status, body(code, message));
  }
}
