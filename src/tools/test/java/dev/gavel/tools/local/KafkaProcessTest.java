package dev.gavel.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.Eventually;
import dev.gavel.testing.SharedServices;
import dev.gavel.testkit.KafkaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The local run's broker in a process of its own: it answers, and it never outlives its parent. */
class KafkaProcessTest {

  @Test
  void answersThenStopsByItselfWhenItsParentsPipeCloses() throws Exception {
    Path dir = SharedServices.tempDir("kafka-process");
    KafkaProcess kafka = KafkaProcess.start(dir, Duration.ofSeconds(120));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertThat(admin.describeCluster().nodes().get()).hasSize(1);
    }
    ProcessHandle broker = ProcessHandle.of(kafka.pid()).orElseThrow();

    kafka.abandon(); // what the parent's death (even kill -9) does to the pipe

    Eventually.await("the broker process exits", () -> !broker.isAlive(), Duration.ofSeconds(60));
  }
}
