package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void remainingCountsDownAndNeverGoesNegative() {
    Deadline d = Deadline.after(1_000_000_000L, 100);
    assertThat(d.budgetMillis()).isEqualTo(100);
    assertThat(d.remainingMillis(1_000_000_000L)).isEqualTo(100);
    assertThat(d.remainingMillis(1_040_000_000L)).isEqualTo(60);
    assertThat(d.passed(1_040_000_000L)).isFalse();
    assertThat(d.remainingMillis(1_200_000_000L)).isZero();
    assertThat(d.passed(1_200_000_000L)).isTrue();
  }
}
