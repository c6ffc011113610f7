package dev.gavel;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/** Deploys verticles with their instance counts and undeploys them last-in, first-out. */
final class Deployments {
  private final Vertx vertx;
  private final Deque<String> ids = new ArrayDeque<>();

  Deployments(Vertx vertx) {
    this.vertx = vertx;
  }

  Vertx vertx() {
    return vertx;
  }

  Future<String> deploy(Supplier<? extends Deployable> verticle, int instances) {
    return deploy(verticle, new DeploymentOptions().setInstances(instances));
  }

  /**
   * On worker threads: for the consumers, whose batches (JSON, user-agent parsing) must never
   * share an event loop with an auction's deadline timer.
   */
  Future<String> deployWorker(Supplier<? extends Deployable> verticle, int instances) {
    return deploy(verticle, new DeploymentOptions().setInstances(instances).setThreadingModel(ThreadingModel.WORKER));
  }

  private Future<String> deploy(Supplier<? extends Deployable> verticle, DeploymentOptions options) {
    return vertx.deployVerticle(verticle, options).onSuccess(ids::push);
  }

  /** The most recently deployed first: HTTP before the publisher it feeds, the publisher before the consumers. */
  Future<Void> undeployAll() {
    String id = ids.poll();
    if (id == null) {
      return Future.succeededFuture();
    }
    return vertx.undeploy(id).otherwiseEmpty().compose(v -> undeployAll());
  }
}
