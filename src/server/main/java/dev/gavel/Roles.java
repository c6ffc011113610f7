package dev.gavel;

import dev.gavel.auction.WinnerTracking;
import dev.gavel.config.GavelConfig;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.ops.Degradations;
import dev.gavel.pipeline.billing.BillingVerticle;
import dev.gavel.pipeline.fraud.FraudVerticle;
import dev.gavel.pipeline.fraud.InvalidTrafficDetector;
import dev.gavel.pipeline.kafka.ConsumerVerticleBase;
import dev.gavel.pipeline.persist.PersistenceVerticle;
import dev.gavel.pipeline.publish.KafkaPublisherVerticle;
import dev.gavel.tracking.TokenSigner;
import dev.gavel.tracking.TrackingUrls;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.util.function.BooleanSupplier;

/** Builds each role's verticles from the config and the running services. */
final class Roles {

  private final GavelConfig config;
  private final PostgresEndpoint postgres;
  private final MeterRegistry registry;
  private final Degradations degradations;

  Roles(GavelConfig config, PostgresEndpoint postgres, MeterRegistry registry, Degradations degradations) {
    this.config = config;
    this.postgres = postgres;
    this.registry = registry;
    this.degradations = degradations;
  }

  /** One publisher per process: it owns the spool directory. */
  Future<Void> deployPublisher(Deployments deployments) {
    return deployments.deploy(Deployments.Tier.PUBLISHER,
        () -> new KafkaPublisherVerticle(config.kafka().bootstrapServers(), config.kafka(), registry, degradations), 1).mapEmpty();
  }

  /** @param servingBusy true while this process's auctions are short of time: the consumers then pace themselves */
  Future<Void> deployConsumers(Deployments deployments, BooleanSupplier servingBusy) {
    ConsumerVerticleBase.Deps deps = new ConsumerVerticleBase.Deps(
        config.kafka().bootstrapServers(), config.kafka(), postgres, config.postgres().poolSize(), registry, servingBusy);
    return deployments.deployWorker(Deployments.Tier.CONSUMERS, () -> new PersistenceVerticle(deps), config.verticles().persistenceInstances())
        .compose(v -> deployments.deployWorker(Deployments.Tier.CONSUMERS, () -> new BillingVerticle(deps, config.currency()), config.verticles().billingInstances()))
        // Yauaa takes about a second to build: on a worker, once, shared by every fraud instance.
        .compose(v -> deployments.vertx().executeBlocking(InvalidTrafficDetector::newUserAgentAnalyzer, false))
        .compose(analyzer -> deployments.deployWorker(Deployments.Tier.CONSUMERS, () -> new FraudVerticle(deps, config.fraud(), analyzer),
            config.verticles().fraudInstances()))
        .mapEmpty();
  }

  /** Signed tracking URLs for the auction's winners. */
  WinnerTracking winnerTracking() {
    return new TrackingUrls(config.tracking(), new TokenSigner(config.tracking()));
  }
}
