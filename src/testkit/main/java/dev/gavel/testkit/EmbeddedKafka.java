package dev.gavel.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), in-process, on
 * loopback. Its log lives under {@code dataDir/logs} and survives {@link #stop()}, {@link #restart()}
 * and the next {@link #start(Path)} on the same directory; the ports are remembered in
 * {@code dataDir/ports.properties} and reused when free.
 *
 * <p>Every method blocks: call them from a worker or a test thread, never an event loop.
 */
public final class EmbeddedKafka {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private KafkaRaftServer server;

  private EmbeddedKafka(Path dataDir, int brokerPort, int controllerPort) {
    this.dataDir = dataDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /** Starts a broker on {@code dataDir}, formatting its log the first time, reusing it afterwards. */
  public static EmbeddedKafka start(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dataDir, e);
    }
    LocalPorts ports = LocalPorts.in(dataDir);
    int brokerPort = ports.reuseOrPick("broker");
    int controllerPort = ports.reuseOrPick("controller", brokerPort);
    EmbeddedKafka kafka = new EmbeddedKafka(dataDir.toAbsolutePath(), brokerPort, controllerPort);
    kafka.startServer();
    return kafka;
  }

  /** {@code 127.0.0.1:port}, for producers, consumers and admin clients. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** Shuts the broker down cleanly and waits for it; the log stays on disk. Idempotent. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    long t0 = System.nanoTime();
    server.shutdown();
    server.awaitShutdown();
    server = null;
    log.info("Kafka stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  /** Starts a new broker on the same ports and the same log (stopping the running one first). */
  public synchronized void restart() {
    stop();
    startServer();
  }

  public synchronized boolean running() {
    return server != null;
  }

  private synchronized void startServer() {
    long t0 = System.nanoTime();
    Properties props = properties();
    Path logDir = dataDir.resolve("logs");
    String formatted = "reused";
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(props);
      formatted = "formatted in " + (System.nanoTime() - t0) / 1_000_000 + " ms";
    }
    KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
    try {
      started.startup();
    } catch (RuntimeException e) {
      started.shutdown();
      started.awaitShutdown();
      throw e;
    }
    server = started;
    log.info("Kafka started on {} in {} ms (log in {}, {})", bootstrapServers(), (System.nanoTime() - t0) / 1_000_000, logDir, formatted);
  }

  private void format(Properties props) {
    Path file = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "written by Gavel's embedded Kafka to format its log");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    String[] args = {"format", "--config", file.toString(), "--cluster-id", Uuid.randomUuid().toString(), "--standalone"};
    int code;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      code = StorageTool.execute(args, out);
    }
    if (code != 0) {
      throw new IllegalStateException("formatting the Kafka log in " + dataDir + " failed (" + code + "): " + output.toString(StandardCharsets.UTF_8));
    }
    log.debug("Kafka log formatted: {}", output.toString(StandardCharsets.UTF_8).trim());
  }

  private Properties properties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
    p.setProperty("log.dirs", dataDir.resolve("logs").toString());
    // One node: every internal topic has one replica, and few partitions so they load fast.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "5");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "5");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("num.partitions", "1");
    // Topics are created on purpose, with their partition count (see KafkaTopics).
    p.setProperty("auto.create.topics.enable", "false");
    // Groups form at once and notice a vanished member within seconds.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("group.consumer.min.heartbeat.interval.ms", "500");
    p.setProperty("group.consumer.heartbeat.interval.ms", "1000");
    p.setProperty("group.consumer.min.session.timeout.ms", "3000");
    p.setProperty("group.consumer.session.timeout.ms", "10000");
    p.setProperty("group.min.session.timeout.ms", "3000");
    // Fast, quiet shutdown of a single node.
    p.setProperty("controlled.shutdown.enable", "true");
    p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    return p;
  }
}
