package dev.gavel;

import dev.gavel.config.GavelConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * What a launcher runs around Gavel: started before it, stopped after it. In production there is
 * none ({@link #NONE}: Kafka and PostgreSQL are where the config says). The local build
 * ({@code dev.gavel.tools.local.LocalGavel} in gavel-tools) starts an embedded broker and database
 * for what the config leaves unset.
 */
public interface Infrastructure {

  Infrastructure NONE = new Infrastructure() {
    @Override
    public Future<GavelConfig> start(Vertx vertx, GavelConfig config) {
      return Future.succeededFuture(config);
    }

    @Override
    public Future<Void> stop(Vertx vertx) {
      return Future.succeededFuture();
    }
  };

  /** Starts what it runs; answers the config pointed at it. */
  Future<GavelConfig> start(Vertx vertx, GavelConfig config);

  /** Stops what {@link #start} started (also after a failed or partial start). */
  Future<Void> stop(Vertx vertx);
}
