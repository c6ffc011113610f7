package dev.gavel.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's embedded binaries) in a child process, on loopback, with its
 * cluster under {@code dataDir/pgdata}. The cluster survives {@link #stop()}, {@link #restart()} and
 * the next {@link #start(Path)}; the port is remembered in {@code dataDir/ports.properties} and
 * reused when free. Gavel's tables live in the {@value #DATABASE} database, created on first start.
 *
 * <p>Durable: {@code fsync} and {@code synchronous_commit} are on, so an acknowledged commit survives a
 * crash of the server. Authentication is {@code trust} on loopback: the superuser is {@value #USER} and the password
 * is not checked. Every method blocks: call them from a worker or a test thread, never an event loop.
 */
public final class EmbeddedPostgresServer {
  public static final String DATABASE = "gavel";
  public static final String USER = "postgres";
  private static final String PASSWORD = "postgres";
  private static final String HOST = "localhost";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final Path pgData;
  private final int port;
  private EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(Path pgData, int port) {
    this.pgData = pgData;
    this.port = port;
  }

  /** Starts PostgreSQL on {@code dataDir}, creating the cluster and the gavel database the first time. */
  public static EmbeddedPostgresServer start(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dataDir, e);
    }
    int port = LocalPorts.in(dataDir).reuseOrPick("postgres");
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir.toAbsolutePath().resolve("pgdata"), port);
    server.startServer();
    server.createDatabase(DATABASE);
    return server;
  }

  public String host() {
    return HOST;
  }

  /** The postmaster's process id (from its pid file), or -1 when it is not running. */
  public long postmasterPid() {
    try {
      String first = Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim();
      return Long.parseLong(first);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  public int port() {
    return port;
  }

  public String database() {
    return DATABASE;
  }

  public String user() {
    return USER;
  }

  public String password() {
    return PASSWORD;
  }

  /** JDBC URL of the gavel database. */
  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
  }

  /** {@code postgresql://host:port/gavel}, the form {@code postgres.url} takes in Gavel's config. */
  public String url() {
    return "postgresql://" + HOST + ":" + port + "/" + DATABASE;
  }

  /** Creates {@code database} unless it exists. The name must be a plain SQL identifier. */
  public void createDatabase(String database) {
    if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("not a plain database name: " + database);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
        PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement create = c.createStatement()) {
        create.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database + " on port " + port, e);
    }
  }

  /** Stops the server (fast shutdown: open sessions are ended) and waits for it. Idempotent. */
  public synchronized void stop() {
    if (postgres == null) {
      return;
    }
    long t0 = System.nanoTime();
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("stopping PostgreSQL on port " + port, e);
    } finally {
      postgres = null;
    }
    log.info("PostgreSQL stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  /** Starts a new server on the same port and the same cluster (stopping the running one first). */
  public synchronized void restart() {
    stop();
    startServer();
  }

  public synchronized boolean running() {
    return postgres != null;
  }

  private synchronized void startServer() {
    long t0 = System.nanoTime();
    try {
      postgres = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setPGStartupWait(Duration.ofSeconds(60))
          // Gavel stops it in order (after the consumers' last batch); zonky's own hook would race that.
          .setRegisterShutdownHook(false)
          // zonky turns these off for speed; then a crash of the server (kill -9, OOM killer) loses
          // the last commits it acknowledged: consumers would have committed offsets for rows that
          // are gone (scripts/chaos lost 16 billed pixels that way). Gavel's data is not a test's.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting PostgreSQL on port " + port + " in " + pgData, e);
    }
    log.info("PostgreSQL started on {}:{} in {} ms (cluster in {})", HOST, port, (System.nanoTime() - t0) / 1_000_000, pgData);
  }
}
