package dev.gavel.testkit;

import java.nio.file.Path;

/**
 * The embedded single-node broker in a JVM of its own: a local run keeps it out of Gavel's heap and
 * JIT, and a benchmark can stop it (SIGTERM this process: the broker shuts down cleanly) and start
 * it again on the same directory (same ports, same log) while Gavel keeps running. Prints
 * {@code KAFKA READY host:port} once it answers. Run:
 * {@code java -cp target/gavel-tools.jar dev.gavel.testkit.StandaloneKafka DIR [--until-stdin-closes]};
 * with the flag it also stops when its standard input closes: when the process that started it
 * with a pipe dies, even by kill -9, the broker does not outlive it.
 */
public final class StandaloneKafka {
  public static final String READY = "KAFKA READY ";

  private StandaloneKafka() {}

  public static void main(String[] args) throws InterruptedException {
    boolean untilStdinCloses = args.length == 2 && args[1].equals(ParentWatch.FLAG);
    if (args.length != 1 && !untilStdinCloses) {
      System.err.println("usage: StandaloneKafka DATA_DIR [--until-stdin-closes]");
      System.exit(2);
    }
    EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]));
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "kafka-shutdown"));
    System.out.println(READY + kafka.bootstrapServers());
    System.out.flush();
    if (untilStdinCloses) {
      ParentWatch.exitWhenClosed(System.in); // the shutdown hook stops the broker
    }
    Thread.currentThread().join();
  }
}
