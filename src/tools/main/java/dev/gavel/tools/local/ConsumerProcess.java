package dev.gavel.tools.local;

import dev.gavel.config.GavelConfig;
import dev.gavel.testkit.LowerPriority;
import dev.gavel.testkit.ParentWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume role of a local run in a JVM of its own ({@link LocalConsumers}, {@code
 * embedded.consumersApart}): the same jar and config, pointed at the same Kafka and PostgreSQL, at
 * a lower CPU priority where {@code nice} exists. On two cores the consumers' collections would
 * otherwise stop the auctions' event loops, their allocation fill the auctions' young generation,
 * and their JIT compile in the auctions' compiler queue. Its log goes to this process's output.
 * It stops with this process, even one killed with -9 ({@link ParentWatch}).
 *
 * <p>Every method blocks: call them from a worker thread, never an event loop.
 */
final class ConsumerProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerProcess.class);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final URI ops;

  private ConsumerProcess(Process process, URI ops) {
    this.process = process;
    this.ops = ops;
  }

  /**
   * Starts the consumers for {@code config} (already pointed at the broker and database) and waits
   * until their /ready answers 200: their topics, schema and consumer groups are in place.
   */
  static ConsumerProcess start(GavelConfig config, String[] args, Duration timeout) {
    List<String> prefix = LowerPriority.prefix();
    List<String> command = new ArrayList<>(prefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.stream(config.embedded().consumersJvmOptions().trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
    // Its log lines, interleaved with this process's, start with "consumers ".
    command.addAll(List.of("-Dgavel.process=consumers ", "-cp", System.getProperty("java.class.path"), LocalConsumers.class.getName()));
    command.addAll(Arrays.asList(args));
    command.add(ParentWatch.FLAG);
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(environment(config));
    long t0 = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the consumer process", e);
    }
    LowerPriority.lowerSession(process.pid());
    String host = config.http().host();
    URI ops = URI.create("http://" + (host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host) + ":"
        + config.embedded().consumersPort() + "/ready");
    ConsumerProcess started = new ConsumerProcess(process, ops);
    started.awaitReady(timeout);
    LOG.info("the consumers run in a process of their own (pid {}, {}) since {} ms; their /ready and /metrics on port {}", process.pid(),
        prefix.stream().anyMatch(p -> p.endsWith("nice")) ? "niced" : "usual priority", (System.nanoTime() - t0) / 1_000_000,
        config.embedded().consumersPort());
    return started;
  }

  /** What the child's config differs in: the consume role only, the services found, no admin API, its own port. */
  static Map<String, String> environment(GavelConfig config) {
    return Map.of(
        "GAVEL_VERTICLES_ROLES", "consume",
        "GAVEL_KAFKA_BOOTSTRAP_SERVERS", config.kafka().bootstrapServers(),
        "GAVEL_POSTGRES_URL", config.postgres().url(),
        "GAVEL_POSTGRES_USER", config.postgres().user(),
        "GAVEL_POSTGRES_PASSWORD", config.postgres().password(),
        "GAVEL_HTTP_PORT", String.valueOf(config.embedded().consumersPort()),
        "GAVEL_ADMIN_ENABLED", "false");
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Closes the pipe to the child's standard input, as this process's death would: it then stops by itself. */
  void abandon() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGTERM (the consumers finish their batch and commit), then a kill if it has not exited within 20 s. */
  void stop() {
    ParentWatch.stopChild(process, 20, "the consumers");
  }


  private void awaitReady(Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - until < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the consumer process exited with " + process.exitValue() + " (its log is above)");
      }
      try {
        HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(ops).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      try {
        Thread.sleep(100); // a worker thread polling a child; never an event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("the consumer process was not ready within " + timeout.toSeconds() + " s at " + ops);
  }
}
