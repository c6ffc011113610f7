package dev.gavel.ops;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Named readiness checks shared by every HTTP verticle of the process. Gavel is ready when every
 * check passes: a load balancer should send traffic only then.
 */
public final class Readiness {
  private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();

  public void register(String name, BooleanSupplier check) {
    checks.put(name, check);
  }

  public boolean ready() {
    return !checks.isEmpty() && checks.values().stream().allMatch(BooleanSupplier::getAsBoolean);
  }

  public JsonObject report() {
    JsonObject details = new JsonObject();
    checks.forEach((name, check) -> details.put(name, check.getAsBoolean() ? "UP" : "DOWN"));
    return new JsonObject().put("status", ready() ? "UP" : "DOWN").put("checks", details);
  }
}
