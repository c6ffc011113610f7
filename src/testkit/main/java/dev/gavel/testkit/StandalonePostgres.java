package dev.gavel.testkit;

import java.nio.file.Path;

/**
 * Gavel's embedded PostgreSQL in a JVM of its own, so a benchmark can take the database away
 * (SIGTERM this process: the server is stopped by the shutdown hook) and bring it back on the same
 * directory and port. Run: {@code java -cp target/gavel-tools.jar dev.gavel.testkit.StandalonePostgres DIR}.
 * Never kill it with -9: the postgres child process would outlive it.
 */
public final class StandalonePostgres {
  private StandalonePostgres() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: StandalonePostgres DATA_DIR");
      System.exit(2);
    }
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(Path.of(args[0]));
    Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "postgres-shutdown"));
    System.out.println("POSTGRES READY " + postgres.url());
    System.out.flush();
    Thread.currentThread().join();
  }
}
