package dev.gavel;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Deploys verticles with their instance counts and undeploys them tier by tier, in the order that
 * loses nothing, whatever order they were deployed in (consumers may come up last, after an outage).
 */
final class Deployments {
  /**
   * In stop order: HTTP before what it uses (the spend and currency-rate feeds, the publisher it hands events to),
   * the publisher before the consumers.
   */
  enum Tier { HTTP, FEEDS, PUBLISHER, CONSUMERS }

  private final Vertx vertx;
  private final Map<Tier, Deque<String>> ids = new EnumMap<>(Tier.class);

  Deployments(Vertx vertx) {
    this.vertx = vertx;
    for (Tier tier : Tier.values()) {
      ids.put(tier, new ArrayDeque<>());
    }
  }

  Vertx vertx() {
    return vertx;
  }

  Future<String> deploy(Tier tier, Supplier<? extends Deployable> verticle, int instances) {
    return deploy(tier, verticle, new DeploymentOptions().setInstances(instances));
  }

  /**
   * On worker threads: for the consumers, whose batches (JSON, user-agent parsing) must never
   * share an event loop with an auction's deadline timer.
   */
  Future<String> deployWorker(Tier tier, Supplier<? extends Deployable> verticle, int instances) {
    return deploy(tier, verticle, new DeploymentOptions().setInstances(instances).setThreadingModel(ThreadingModel.WORKER));
  }

  private Future<String> deploy(Tier tier, Supplier<? extends Deployable> verticle, DeploymentOptions options) {
    return vertx.deployVerticle(verticle, options).onSuccess(id -> {
      synchronized (ids) {
        ids.get(tier).push(id);
      }
    });
  }

  /** Tier by tier in stop order; within a tier the most recently deployed first. */
  Future<Void> undeployAll() {
    String id = null;
    synchronized (ids) {
      for (Tier tier : Tier.values()) {
        id = ids.get(tier).poll();
        if (id != null) {
          break;
        }
      }
    }
    if (id == null) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(id).otherwiseEmpty().compose(v -> undeployAll());
  }
}
