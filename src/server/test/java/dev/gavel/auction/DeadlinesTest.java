package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.config.GavelConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The request path's time arithmetic ({@link Deadlines}, {@link Deadline}), with the time given: no clock read. */
class DeadlinesTest {
  private static final Deadlines DEADLINES = new Deadlines(GavelConfig.from(new JsonObject()
      .put("auction", new JsonObject().put("defaultTmaxMs", 300).put("maxTmaxMs", 1000).put("minAuctionMs", 5))).auction());
  private static final long ARRIVAL = -9_000_000_000L; // nanoTime may be negative
  private static final long MS = 1_000_000L;

  @Test
  void tmaxIsTheRequestsOrTheDefaultAndNeverOverTheCap() {
    assertThat(DEADLINES.tmaxMs(null)).isEqualTo(300);
    assertThat(DEADLINES.tmaxMs(120)).isEqualTo(120);
    assertThat(DEADLINES.tmaxMs(5_000)).isEqualTo(1000);
  }

  @Test
  void theAuctionClosesTheMarginBeforeTheAnswerIsDue() {
    Deadline d = DEADLINES.deadline(ARRIVAL, 200, 25_000_000L);
    assertThat(d.answerByNanos() - ARRIVAL).isEqualTo(200_000_000L);
    assertThat(d.closeNanos() - ARRIVAL).isEqualTo(175_000_000L);
    assertThat(d.remainingMillis(ARRIVAL + 75_000_000L)).isEqualTo(100);
    assertThat(d.late(ARRIVAL + 200_000_001L)).isTrue();
    assertThat(d.late(ARRIVAL + 200_000_000L)).isFalse();
  }

  @Test
  void lessThanTheMinimumLeftIsTooShort() {
    Deadline d = DEADLINES.deadline(ARRIVAL, 100, 25_000_000L); // closes at 75 ms
    assertThat(DEADLINES.tooShort(d, ARRIVAL + 69_000_000L)).as("6 ms left").isFalse();
    assertThat(DEADLINES.tooShort(d, ARRIVAL + 71_000_000L)).as("4 ms left").isTrue();
  }

  @Test
  void aBidderIsToldWhatIsLeftLessItsDeduction() {
    Deadline d = DEADLINES.deadline(ARRIVAL, 200, 20_000_000L); // closes at 180 ms
    assertThat(Deadlines.bidderTmaxMs(d, ARRIVAL + 30_000_000L, 10)).isEqualTo(140);
    assertThat(Deadlines.bidderTmaxMs(d, ARRIVAL + 175_000_000L, 10)).as("not worth a call").isNegative();
  }

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
    assertThat(DEADLINES.tooShort(d, 1_000 * MS)).isTrue();
  }
}
