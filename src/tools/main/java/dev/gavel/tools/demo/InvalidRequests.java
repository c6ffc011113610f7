package dev.gavel.tools.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.ThreadLocalRandom;

/** Breaks a valid bid request the ways real integrations do, so that Gavel's 400 path shows. */
final class InvalidRequests {
  private InvalidRequests() {}

  /**
   * A request Gavel must refuse with a 400. A fault in one imp only drops that imp (the rest is
   * auctioned), so the imp-level faults here are made in every imp.
   */
  static String breakIt(JsonObject request) {
    JsonArray imps = request.getJsonArray("imp");
    switch (ThreadLocalRandom.current().nextInt(7)) {
      case 0 -> {
        String body = request.encode();
        return body.substring(0, body.length() / 2); // truncated in transit
      }
      case 1 -> request.put("imp", new JsonArray());
      case 2 -> imps.forEach(imp -> ((JsonObject) imp).put("bidfloor", -0.5));
      case 3 -> request.put("app", new JsonObject().put("bundle", "com.example.confused")).put("site", new JsonObject().put("domain", "confused.example"));
      case 4 -> request.put("cur", new JsonArray().add("DOLLARS"));
      case 5 -> imps.forEach(imp -> ((JsonObject) imp).put("bidfloor", 1.0).put("bidfloorcur", "DOLLARS"));
      default -> request.remove("id");
    }
    return request.encode();
  }
}
