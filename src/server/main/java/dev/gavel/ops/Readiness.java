package dev.gavel.ops;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Named readiness checks shared by every HTTP verticle of the process. Gavel is ready when every
 * check passes: a load balancer should send traffic only then. Details (such as whether auctions
 * are being shed) are reported beside the checks but do not gate readiness: taking a busy node
 * out of rotation would only move its load onto the others.
 */
public final class Readiness {
  private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();
  private final Map<String, Supplier<JsonObject>> details = new ConcurrentHashMap<>();

  public void register(String name, BooleanSupplier check) {
    checks.put(name, check);
  }

  public void detail(String name, Supplier<JsonObject> detail) {
    details.put(name, detail);
  }

  public boolean ready() {
    return !checks.isEmpty() && checks.values().stream().allMatch(BooleanSupplier::getAsBoolean);
  }

  public JsonObject report() {
    JsonObject checked = new JsonObject();
    checks.forEach((name, check) -> checked.put(name, check.getAsBoolean() ? "UP" : "DOWN"));
    JsonObject report = new JsonObject().put("status", ready() ? "UP" : "DOWN").put("checks", checked);
    details.forEach((name, detail) -> report.put(name, detail.get()));
    return report;
  }
}
