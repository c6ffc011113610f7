package dev.gavel.auction.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SteadinessTest {
  private static final long MS = 1_000_000L;
  private static final long ROUND = 1_000 * MS;

  @Test
  void aColdJvmIsNotSteadyWhileItsCompilerWorksOrItsAuctionsStillSpeedUp() {
    Steadiness s = new Steadiness();
    s.round(50 * MS, ROUND, 900 * MS);
    s.round(20 * MS, ROUND, 600 * MS);
    s.round(5 * MS, ROUND, 300 * MS);
    assertThat(s.steady()).isFalse(); // the compiler is still busy
    s.round(2 * MS, ROUND, 50 * MS);
    assertThat(s.steady()).isFalse(); // quiet, but 2.5x faster than the round before
    s.round(2 * MS, ROUND, 40 * MS);
    assertThat(s.steady()).isTrue();
  }

  @Test
  void aRoundSlowerThanTheBestByMoreThanAQuarterIsNotSteady() {
    Steadiness s = new Steadiness();
    s.round(1 * MS, ROUND, 0);
    s.round(2 * MS, ROUND, 0);
    s.round(2 * MS, ROUND, 0);
    assertThat(s.steady()).isFalse();
    s.round(1_100_000, ROUND, 0);
    s.round(1 * MS, ROUND, 0);
    assertThat(s.steady()).isTrue();
  }

  @Test
  void needsAFewRoundsWhateverTheyShow() {
    Steadiness s = new Steadiness();
    s.round(1 * MS, ROUND, 0);
    s.round(1 * MS, ROUND, 0);
    assertThat(s.steady()).isFalse();
  }
}
