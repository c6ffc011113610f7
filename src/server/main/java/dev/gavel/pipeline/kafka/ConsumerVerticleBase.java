package dev.gavel.pipeline.kafka;

import dev.gavel.config.KafkaConfig;
import dev.gavel.db.PgPools;
import dev.gavel.db.PostgresEndpoint;
import dev.gavel.events.Event;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A Kafka consumer verticle with its own consumer group and PostgreSQL pool. Subclasses say what
 * they read and how a batch becomes durable; the base handles polling, dead letters and commits.
 */
public abstract class ConsumerVerticleBase extends VerticleBase {

  /**
   * What every consumer verticle needs from the process. {@code servingBusy} says when auctions in
   * the same process are short of time: the consumers then pace their batches (never false when
   * this process serves nothing).
   */
  public record Deps(String bootstrapServers, KafkaConfig kafka, PostgresEndpoint postgres, int poolSize, MeterRegistry registry,
                     BooleanSupplier servingBusy) {

    /** A consumer that never gives way: for a process that serves no auctions. */
    public Deps(String bootstrapServers, KafkaConfig kafka, PostgresEndpoint postgres, int poolSize, MeterRegistry registry) {
      this(bootstrapServers, kafka, postgres, poolSize, registry, () -> false);
    }
  }

  protected final Deps deps;
  private final String group;
  private Pool pool;
  private AckedProducer producer;
  private ConsumerLoop loop;

  protected ConsumerVerticleBase(Deps deps, String group) {
    this.deps = deps;
    this.group = group;
  }

  protected abstract Set<String> topics();

  /** Makes the batch durable; the returned future fails if it is not (the batch is then retried). */
  protected abstract Future<Void> handle(List<ConsumerLoop.Delivered> batch);

  /** The batch's events, for consumers that need neither topic nor partition. */
  protected static List<Event> events(List<ConsumerLoop.Delivered> batch) {
    List<Event> events = new java.util.ArrayList<>(batch.size());
    for (ConsumerLoop.Delivered delivered : batch) {
      events.add(delivered.event());
    }
    return events;
  }

  /**
   * The topics this verticle's producer writes: their metadata is fetched before it starts, since a
   * send that finds none fails at once ({@code max.block.ms=0}).
   */
  protected java.util.List<String> publishes() {
    return java.util.List.of(deps.kafka().topics().deadLetter(), deps.kafka().topics().verdicts());
  }

  /** Extra set-up a subclass needs once the pool exists (e.g. loading state). */
  protected Future<Void> prepare() {
    return Future.succeededFuture();
  }

  protected Pool pool() {
    return pool;
  }

  /**
   * All of {@code rows} in one statement, as one array per column ({@link Columns}: the statement
   * reads them with {@code unnest}); skipped when there are none.
   */
  protected static Future<Void> insertAll(SqlConnection conn, String sql, List<Tuple> rows, Class<?>... types) {
    return rows.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(sql).execute(Columns.of(rows, types)).mapEmpty();
  }

  /** This verticle's Kafka producer (dead letters, and whatever the subclass publishes). */
  protected AckedProducer producer() {
    return producer;
  }

  /** Consumers that only need to know an auction happened skip decoding the rest of its event. */
  protected boolean auctionHeadersOnly() {
    return false;
  }

  /** Consumers that keep nothing in PostgreSQL (fraud) say so, and get no pool. */
  protected boolean usesPostgres() {
    return true;
  }

  @Override
  public Future<?> start() {
    pool = usesPostgres() ? PgPools.create(vertx, deps.postgres(), deps.poolSize()) : null;
    producer = new AckedProducer(deps.bootstrapServers(), group + "-" + Integer.toHexString(System.identityHashCode(this)), context);
    loop = new ConsumerLoop(vertx, context,
        new ConsumerLoop.Subscription(deps.bootstrapServers(), group, topics(), 500, assignor()),
        new EventDecoder(new EventTopics(deps.kafka().topics()), auctionHeadersOnly()),
        new DeadLetters(producer, deps.kafka().topics().deadLetter()),
        this::handle, ConsumerVerticleBase::isPermanent, deps.servingBusy(), deps.registry());
    return producer.warm(vertx, publishes(), 20)
        .compose(v -> prepare()).compose(v -> loop.start());
  }

  /**
   * Failures that retrying cannot fix: PostgreSQL refusing the data itself (SQLSTATE class 22,
   * data exception, or 23, integrity constraint). Anything else (connection lost, timeouts) is an
   * outage and is retried until it passes.
   */
  static boolean isPermanent(Throwable e) {
    return e instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
        && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
  }

  /** The partition assignor; consumers that join two topics by key want partitions co-located. */
  protected String assignor() {
    return org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName();
  }

  @Override
  public Future<?> stop() {
    return loop.stop()
        .eventually(() -> vertx.executeBlocking(() -> {
          producer.closeBlocking();
          return null;
        }, false))
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
