package dev.gavel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.config.ConfigException;
import dev.gavel.config.GavelConfig;
import dev.gavel.testing.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The product jar runs on a Kafka and a PostgreSQL it is pointed at, and says so when it is not. */
class RequiredServicesTest {

  @Test
  void withoutKafkaOrPostgresStartUpFailsAtOnceNamingTheKey() {
    Vertx vertx = TestVertx.create(TestVertx.registry());
    try {
      assertThat(failure(vertx, new JsonObject()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("kafka.bootstrapServers is not set")
          .hasMessageContaining("scripts/run");
      assertThat(failure(vertx, new JsonObject().put("kafka", new JsonObject().put("bootstrapServers", "127.0.0.1:1"))))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("postgres.url is not set");
    } finally {
      TestVertx.await(vertx.close());
    }
  }

  @Test
  void aRefusedStartLeavesNoFileBehind() {
    Vertx vertx = TestVertx.create(TestVertx.registry());
    java.nio.file.Path keyFile = dev.gavel.testing.SharedServices.tempDir("refused").resolve("tracking-key");
    try {
      // As Main does: the config loaded (built-in defaults, no Kafka or PostgreSQL named), then the start.
      GavelConfig config = TestVertx.await(dev.gavel.config.ConfigLoader.load(vertx, null,
          java.util.Map.of("GAVEL_TRACKING_KEY_FILE", keyFile.toString())));
      Future<Gavel> started = Gavel.start(vertx, config, TestVertx.registry());
      TestVertx.await(started.transform(done -> Future.succeededFuture()));
      assertThat(started.cause()).isInstanceOf(ConfigException.class);
      assertThat(keyFile).as("no tracking key made for a start that was refused").doesNotExist();
    } finally {
      TestVertx.await(vertx.close());
    }
  }

  private static Throwable failure(Vertx vertx, JsonObject config) {
    Future<Gavel> started = Gavel.start(vertx, GavelConfig.from(config), TestVertx.registry());
    TestVertx.await(started.transform(done -> Future.succeededFuture()));
    assertThat(started.failed()).as("start-up failed").isTrue();
    return started.cause();
  }
}
