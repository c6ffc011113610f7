package dev.gavel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.Eventually;
import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.SharedServices;
import dev.gavel.testing.TestVertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Gavel's {@code main} as an operator runs it, in a child JVM: started in an empty folder with no
 * config file (issue 8, item 1), and stopped by a real SIGTERM through the shutdown hook (item 17).
 */
class RunAnywhereTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void inAnEmptyFolderItRunsOnTheBuiltInDefaultsAndASigtermLosesNothing() throws Exception {
    Path dir = SharedServices.tempDir("anywhere");
    int port = TestVertx.freePort();
    Map<String, String> env = new HashMap<>(GavelHarness.sharedServicesEnv("anywhere"));
    env.remove("GAVEL_KAFKA_SPOOL_DIR"); // the default, data/spool, under the empty folder
    env.put("GAVEL_HTTP_PORT", String.valueOf(port));
    env.put("GAVEL_WARM_UP_ENABLED", "false");
    env.put("GAVEL_AUCTION_ADMISSION_MAX_LOOP_LAG_MS", "10000");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("gavel.log").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("GAVEL_"));
    builder.environment().putAll(env);
    Process gavel = builder.start();
    try {
      Eventually.await("ready", () -> !gavel.isAlive() || status(port, "/ready") == 200, Duration.ofSeconds(120));
      assertThat(gavel.isAlive()).as(log(dir)).isTrue();

      // Just started (no warm-up here) on a busy machine, Gavel may still shed: until the sample
      // campaigns built into the jar bid, bounded.
      String sample = Files.readString(Path.of("scripts/sample-request.json"));
      String[] answer = new String[1];
      Eventually.await("a bid from the sample campaigns", () -> {
        answer[0] = auction(port, sample);
        return answer[0] != null && new JsonObject(answer[0]).containsKey("bidid");
      }, Duration.ofSeconds(30));
      String auctionId = new JsonObject(answer[0]).getString("bidid");
      assertThat(dir.resolve("data/tracking-key")).as("the kept tracking key, under the working folder").exists();

      // SIGTERM at once: the auction's event was handed to the publisher; the stop must deliver it.
      gavel.destroy();
      assertThat(gavel.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
      assertThat(gavel.exitValue()).isEqualTo(143); // 128 + SIGTERM: the JVM's own exit through its hooks
      assertThat(log(dir)).contains("running on the defaults built into the jar", "samples built into the jar", "Gavel stopped");
      assertThat(keysOf(env.get("GAVEL_KAFKA_TOPICS_AUCTIONS"))).as("auctions in Kafka after the stop").contains(auctionId);
    } finally {
      gavel.destroyForcibly();
    }
  }

  /** The 200 answer's body, or null for anything else. */
  private static String auction(int port, String body) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/openrtb2/auction"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static int status(int port, String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("gavel.log"));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static Set<String> keysOf(String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", SharedServices.bootstrapServers());
    p.put("group.id", "anywhere-reader-" + System.nanoTime());
    p.put("auto.offset.reset", "earliest");
    Set<String> keys = new java.util.HashSet<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (keys.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
      }
    }
    return keys;
  }
}
