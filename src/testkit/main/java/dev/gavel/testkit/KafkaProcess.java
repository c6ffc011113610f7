package dev.gavel.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded broker ({@link StandaloneKafka}) as a child process of this JVM, at a lower CPU
 * priority where {@code nice} exists: its heap, garbage collections and JIT compilation stay out of
 * the process that serves auctions, and the serving process wins when they compete for a core. It
 * stops with this process, even one killed with -9 (it watches the pipe to its standard input).
 *
 * <p>Every method blocks: call them from a worker or a test thread, never an event loop.
 */
public final class KafkaProcess {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaProcess.class);
  private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final Process process;
  private final String bootstrapServers;

  private KafkaProcess(Process process, String bootstrapServers) {
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts the broker on {@code dataDir} (as {@link EmbeddedKafka#start} would) and waits until it answers. */
  public static KafkaProcess start(Path dataDir, Duration timeout) {
    Path log = dataDir.resolve("broker.log");
    try {
      Files.createDirectories(dataDir);
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dataDir, e);
    }
    List<String> command = new ArrayList<>();
    List<String> prefix = LowerPriority.prefix();
    command.addAll(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), StandaloneKafka.class.getName(),
        dataDir.toString(), ParentWatch.FLAG));
    long t0 = System.nanoTime();
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the broker process", e);
    }
    LowerPriority.lowerSession(process.pid());
    String servers = awaitReady(process, log, timeout);
    LOG.info("Kafka up on {} in a process of its own (pid {}{}) in {} ms; its log: {}", servers, process.pid(),
        prefix.isEmpty() ? "" : ", " + String.join(" ", prefix).replaceAll("\\S*/", ""), (System.nanoTime() - t0) / 1_000_000, log);
    return new KafkaProcess(process, servers);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public long pid() {
    return process.pid();
  }

  /** Closes the pipe to the broker's standard input, as this process's death would: the broker then stops by itself. */
  public void abandon() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM (the broker shuts down cleanly), then a kill if it has not exited within 30 s. */
  public void stop() {
    ParentWatch.stopChild(process, 30, "Kafka");
  }


  private static String awaitReady(Process process, Path log, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - until < 0) {
      String text = read(log);
      int at = text.indexOf(StandaloneKafka.READY);
      if (at >= 0) {
        int end = text.indexOf('\n', at);
        if (end > 0) {
          return text.substring(at + StandaloneKafka.READY.length(), end).trim();
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the broker process exited with " + process.exitValue() + ": " + tail(text));
      }
      try {
        Thread.sleep(50); // a worker thread polling a child's log; never an event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the broker process was not ready within " + timeout.toSeconds() + " s: " + tail(read(log)));
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static String tail(String text) {
    return text.length() <= 2_000 ? text : text.substring(text.length() - 2_000);
  }
}
