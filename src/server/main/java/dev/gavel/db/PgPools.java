package dev.gavel.db;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * Reactive PostgreSQL pools. A pool needs no help after a database restart: a connection the server
 * closed is evicted when it fails, and the next use opens a new one. Idle connections are also
 * retired after a while, so a pool does not hold stale sockets for long.
 */
public final class PgPools {
  private PgPools() {}

  public static Pool create(Vertx vertx, String host, int port, String database, String user, String password, int poolSize) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password);
    return create(vertx, connect, poolSize);
  }

  public static Pool create(Vertx vertx, PostgresEndpoint endpoint, int poolSize) {
    return create(vertx, endpoint.host(), endpoint.port(), endpoint.database(), endpoint.user(), endpoint.password(), poolSize);
  }

  private static Pool create(Vertx vertx, PgConnectOptions connect, int poolSize) {
    // A server that is restarting can accept a connection and then say nothing: give up quickly
    // and let the caller retry, rather than wait out the 60 s default.
    NetClientOptions net = new NetClientOptions().setConnectTimeout(2_000);
    PoolOptions pool = new PoolOptions()
        .setMaxSize(poolSize)
        .setMaxWaitQueueSize(10_000)
        .setConnectionTimeout(10)
        .setConnectionTimeoutUnit(TimeUnit.SECONDS)
        .setIdleTimeout(60)
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setPoolCleanerPeriod(5_000);
    return PgBuilder.pool().with(pool).with(net).connectingTo(connect).using(vertx).build();
  }
}
