package dev.gavel.pipeline;

import static dev.gavel.pipeline.PipelineTest.CHROME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.db.PgPools;
import dev.gavel.testing.Eventually;
import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.SharedServices;
import dev.gavel.testing.TestVertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Gavel stopped (as on SIGTERM) while Kafka is away keeps the events in its spool on disk; the
 * next start replays them, in order, once Kafka is back. None is lost.
 */
class ShutdownSpoolTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @AfterAll
  static void leaveTheBrokerRunning() {
    if (!SharedServices.kafka().running()) {
      SharedServices.kafka().restart();
    }
  }

  @Test
  void spooledEventsSurviveAStopAndAreDeliveredByTheNextStart() throws Exception {
    JsonObject config = SharedServices.config(SharedServices.createDatabase("spool"), SharedServices.uniqueTopics("spool"))
        .put("verticles", new JsonObject().put("http", new JsonObject().put("instances", 1)))
        .put("auction", new JsonObject().put("campaignsFile", "src/server/test/resources/campaigns-test.json"));
    config.getJsonObject("kafka").put("producer", new JsonObject().put("deliveryTimeoutMs", 3000));
    Path spool = Path.of(config.getJsonObject("kafka").getJsonObject("spool").getString("dir"));

    GavelHarness first = GavelHarness.fromJson("spool", config);
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      urls.add(PipelineTest.winningBid(first.postAuction(PipelineTest.banner("spool-" + i, 300, 250).encode())).getString("burl"));
    }
    Eventually.await("auction events delivered", () -> first.registry.find("gavel.publisher.sent").counter().count() >= 10, WAIT);
    SharedServices.kafka().stop();
    for (String url : urls) {
      assertThat(first.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", CHROME).GET().build()).statusCode())
          .isEqualTo(204);
    }
    first.close(); // what SIGTERM runs: HTTP drained, publisher stopped, spool flushed
    assertThat(spoolBytes(spool)).as("bytes left in the spool").isPositive();

    SharedServices.kafka().restart();
    GavelHarness second = GavelHarness.fromJson("spool", config);
    Pool db = PgPools.create(second.vertx, second.gavel.postgres(), 2);
    try {
      Eventually.await("every spooled event persisted", () -> TestVertx.await(db.query(
          "SELECT count(*) FROM tracking_events t JOIN auctions a USING (auction_id) WHERE a.request_id LIKE 'spool-%'").execute())
          .iterator().next().getLong(0) == 10, WAIT);
      Eventually.await("the spool emptied", () -> spoolBytes(spool) == 0, WAIT);
    } finally {
      TestVertx.await(db.close());
      second.close();
    }
  }

  private static long spoolBytes(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
