package dev.gavel.pipeline.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.EventEnvelope;
import dev.gavel.testing.SharedServices;
import dev.gavel.testing.TestVertx;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The disk spool on its own: rollover, a full spool, what a crash leaves, and the order of replay. */
class SpoolTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = TestVertx.create(TestVertx.registry());
  }

  @AfterAll
  static void stop() {
    TestVertx.await(vertx.close());
  }

  private static EventEnvelope event(int n) {
    return new EventEnvelope("tracking", "key-" + n, null, ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
  }

  /** Runs on one Vert.x context, as the publisher verticle confines its spool. */
  private static <T> T on(Context context, Callable<Future<T>> work) {
    return TestVertx.await(Future.<Future<T>>future(p -> context.runOnContext(v -> {
      try {
        p.complete(work.call());
      } catch (Exception e) {
        p.fail(e);
      }
    })).compose(f -> f));
  }

  /** Every record left in the directory, segment by segment, in replay order, as a fresh start finds them. */
  private static List<String> replay(Path dir) {
    Context context = vertx.getOrCreateContext();
    Spool spool = new Spool(vertx, dir, 1 << 20, 200);
    on(context, spool::start);
    List<String> keys = new ArrayList<>();
    String segment;
    while ((segment = on(context, () -> Future.succeededFuture(spool.oldestSealed()))) != null) {
      String current = segment;
      SpoolCodec.Decoded decoded = on(context, () -> spool.read(current));
      decoded.envelopes().forEach(e -> keys.add(e.key()));
      on(context, () -> spool.delete(current));
    }
    return keys;
  }

  @Test
  void segmentsRollOverAndAreReplayedOldestFirstAfterARestart() throws Exception {
    Path dir = SharedServices.tempDir("spool");
    Context context = vertx.getOrCreateContext();
    Spool spool = new Spool(vertx, dir, 1 << 20, 150); // ~4 records a segment
    on(context, spool::start);
    for (int i = 0; i < 30; i++) {
      int n = i;
      assertThat(on(context, () -> Future.succeededFuture(spool.append(event(n))))).isTrue();
    }
    on(context, spool::close);
    try (var files = Files.list(dir)) {
      assertThat(files.count()).as("segments").isGreaterThan(5);
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      expected.add("key-" + i);
    }
    assertThat(replay(dir)).containsExactlyElementsOf(expected);
  }

  @Test
  void aFullSpoolRefusesTheAppendAndSaysSo() {
    Path dir = SharedServices.tempDir("spool");
    Context context = vertx.getOrCreateContext();
    int one = SpoolCodec.encode(event(0)).length();
    Spool spool = new Spool(vertx, dir, 3L * one, 1 << 20);
    on(context, spool::start);
    for (int i = 0; i < 3; i++) {
      int n = i;
      assertThat(on(context, () -> Future.succeededFuture(spool.append(event(n))))).isTrue();
    }
    assertThat(on(context, () -> Future.succeededFuture(spool.append(event(3))))).as("over maxBytes").isFalse();
    on(context, spool::close);
    assertThat(replay(dir)).containsExactly("key-0", "key-1", "key-2");
  }

  @Test
  void aTornTailFromACrashLosesOnlyTheRecordBeingWritten() throws Exception {
    Path dir = SharedServices.tempDir("spool");
    Context context = vertx.getOrCreateContext();
    Spool spool = new Spool(vertx, dir, 1 << 20, 1 << 20);
    on(context, spool::start);
    for (int i = 0; i < 5; i++) {
      int n = i;
      on(context, () -> Future.succeededFuture(spool.append(event(n))));
    }
    on(context, spool::flush);
    // The process died writing the sixth: half of it reached the disk, and the segment was never sealed.
    byte[] sixth = SpoolCodec.encode(event(5)).getBytes();
    Path segment;
    try (var files = Files.list(dir)) {
      segment = files.findFirst().orElseThrow();
    }
    Files.write(segment, java.util.Arrays.copyOf(sixth, sixth.length / 2), StandardOpenOption.APPEND);

    assertThat(replay(dir)).containsExactly("key-0", "key-1", "key-2", "key-3", "key-4");
  }
}
