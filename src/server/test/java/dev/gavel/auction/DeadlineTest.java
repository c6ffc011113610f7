package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadlineTest {
  private static final long MS = 1_000_000L;

  @Test
  void closesAMarginBeforeTheAnswerIsDueAndCountsDownToTheClose() {
    Deadline d = Deadline.of(1_000 * MS, 100, 15 * MS);
    assertThat(d.budgetMillis()).isEqualTo(85);
    assertThat(d.remainingMillis(1_000 * MS)).isEqualTo(85);
    assertThat(d.remainingMillis(1_040 * MS)).isEqualTo(45);
    assertThat(d.passed(1_040 * MS)).isFalse();
    assertThat(d.passed(1_085 * MS)).isTrue();
    assertThat(d.remainingMillis(1_200 * MS)).isZero();
  }

  @Test
  void lateOnlyAfterTheAnswerIsDue() {
    Deadline d = Deadline.of(1_000 * MS, 100, 15 * MS);
    assertThat(d.late(1_090 * MS)).isFalse();
    assertThat(d.late(1_100 * MS)).isFalse();
    assertThat(d.late(1_100 * MS + 1)).isTrue();
  }

  @Test
  void aMarginLargerThanTmaxClosesAtArrival() {
    Deadline d = Deadline.of(1_000 * MS, 10, 50 * MS);
    assertThat(d.closeNanos()).isEqualTo(1_000 * MS);
    assertThat(d.remainingMillis(1_000 * MS)).isZero();
  }
}
