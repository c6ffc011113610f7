package dev.gavel.tools.bench;

import dev.gavel.testkit.EmbeddedKafka;
import java.nio.file.Path;

/**
 * Gavel's embedded single-node broker in a JVM of its own, so a benchmark can stop it (kill this
 * process) and start it again on the same directory (same ports, same log) while Gavel keeps
 * running. Run: {@code java -cp target/gavel-tools.jar dev.gavel.tools.bench.StandaloneKafka DIR}.
 * SIGTERM shuts the broker down cleanly.
 */
public final class StandaloneKafka {
  private StandaloneKafka() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: StandaloneKafka DATA_DIR");
      System.exit(2);
    }
    EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]));
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-shutdown"));
    System.out.println("KAFKA READY " + kafka.bootstrapServers());
    System.out.flush();
    Thread.currentThread().join();
  }
}
