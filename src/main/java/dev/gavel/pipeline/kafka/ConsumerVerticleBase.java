package dev.gavel.pipeline.kafka;

import dev.gavel.config.KafkaConfig;
import dev.gavel.embedded.EmbeddedServices.PostgresEndpoint;
import dev.gavel.embedded.PgPools;
import dev.gavel.events.Event;
import dev.gavel.events.EventDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Set;

/**
 * A Kafka consumer verticle with its own consumer group and PostgreSQL pool. Subclasses say what
 * they read and how a batch becomes durable; the base handles polling, dead letters and commits.
 */
public abstract class ConsumerVerticleBase extends VerticleBase {

  /** What every consumer verticle needs from the process. */
  public record Deps(String bootstrapServers, KafkaConfig kafka, PostgresEndpoint postgres, int poolSize, MeterRegistry registry) {}

  protected final Deps deps;
  private final String group;
  private Pool pool;
  private ConsumerLoop loop;

  protected ConsumerVerticleBase(Deps deps, String group) {
    this.deps = deps;
    this.group = group;
  }

  protected abstract Set<String> topics();

  /** Makes the batch durable; the returned future fails if it is not (the batch is then retried). */
  protected abstract Future<Void> handle(List<Event> events);

  /** Extra set-up a subclass needs once the pool exists (e.g. loading state). */
  protected Future<Void> prepare() {
    return Future.succeededFuture();
  }

  protected Pool pool() {
    return pool;
  }

  @Override
  public Future<?> start() {
    pool = PgPools.create(vertx, deps.postgres(), deps.poolSize());
    loop = new ConsumerLoop(vertx, context,
        new ConsumerLoop.Settings(deps.bootstrapServers(), group, topics(), 500),
        new EventDecoder(deps.kafka().topics()),
        new DeadLetters(deps.bootstrapServers(), deps.kafka().topics().deadLetter(), group + "-dlq"),
        this::handle, deps.registry());
    return prepare().compose(v -> loop.start());
  }

  @Override
  public Future<?> stop() {
    return loop.stop().eventually(() -> pool.close());
  }
}
