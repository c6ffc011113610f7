package dev.gavel.auction.admission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenessWindowTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  @Test
  void theWorstSampleIsKeptForAtLeastHalfTheWindowThenForgotten() {
    LatenessWindow w = new LatenessWindow(10 * S, 0);
    w.record(37 * MS + 400_000, 2 * S);
    long[] worst = new long[21];
    for (long t = 0; t <= 20 * S; t += 10 * MS) { // a probe every 10 ms, 1 ms late each time
      w.record(1 * MS, t);
      if (t % S == 0) {
        worst[(int) (t / S)] = w.quantileNanos(1.0, t);
      }
    }
    // Reported at the upper edge of its 1 ms bucket, from when it happened...
    assertThat(worst[3]).isEqualTo(38 * MS);
    // ...through the next half of the window (it was recorded in [0 s, 5 s), kept until 10 s)...
    assertThat(worst[9]).isEqualTo(38 * MS);
    // ...then forgotten: only the 1 ms lateness of every tick is left.
    assertThat(worst[10]).isEqualTo(2 * MS);
    assertThat(worst[20]).isEqualTo(2 * MS);
    assertThat(w.quantileNanos(0.5, 20 * S)).isEqualTo(2 * MS);
  }

  @Test
  void aQuietWindowForgetsEverything() {
    LatenessWindow w = new LatenessWindow(10 * S, 0);
    w.record(50 * MS, 1 * S);
    assertThat(w.quantileNanos(1.0, 1 * S)).isEqualTo(51 * MS);
    assertThat(w.quantileNanos(1.0, 30 * S)).isZero();
  }

  @Test
  void stallsBeyondTheLastBucketReadAsItsEdge() {
    LatenessWindow w = new LatenessWindow(10 * S, 0);
    w.record(2 * S, 0);
    assertThat(w.quantileNanos(1.0, 0)).isEqualTo(256 * MS);
  }
}
