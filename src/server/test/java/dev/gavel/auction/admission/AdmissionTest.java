package dev.gavel.auction.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.config.AdmissionConfig;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private static final long MS = 1_000_000L;
  private final FakeLag lag = new FakeLag();
  private final AtomicBoolean warm = new AtomicBoolean(true);
  private final Admission admission = new Admission(new AdmissionConfig(10, 3, 5, 60), lag, warm::get, 25, 80);

  @Test
  void admitsAndCountsWhatIsInFlight() {
    assertThat(admission.admit(0)).isNull();
    assertThat(admission.admit(0)).isNull();
    assertThat(admission.inFlight()).isEqualTo(2);
    admission.done();
    assertThat(admission.inFlight()).isEqualTo(1);
  }

  /** What the consumers in the same process give way to: half-way to shedding for lag, or a shed just now. */
  @Test
  void theProcessIsUnderPressureHalfWayToLagSheddingOrRightAfterAShed() {
    Admissions all = new Admissions();
    all.add(admission);
    assertThat(all.underPressure()).isFalse();
    lag.laggingMs(6);
    assertThat(all.underPressure()).as("6 ms of a 10 ms limit").isTrue();
    lag.laggingMs(4);
    assertThat(all.underPressure()).isFalse();
    all.shed(ShedReason.IN_FLIGHT);
    assertThat(all.underPressure()).as("just shed").isTrue();
  }

  @Test
  void shedsWhileTheJvmIsStillWarmingUp() {
    warm.set(false);
    assertThat(admission.admit(0)).isEqualTo(ShedReason.WARMING);
    assertThat(admission.inFlight()).isZero();
  }

  @Test
  void shedsWhileTheLoopStaysBehindButNotForOnePause() {
    lag.sustainedNanos = 11 * MS;
    assertThat(admission.admit(0)).isEqualTo(ShedReason.LOOP_LAG);
    // Just out of a 40 ms pause (the instantaneous lag), but not lagging on average: admitted;
    // the pause only sets back the auction's clock.
    lag.sustainedNanos = 2 * MS;
    lag.lagNanos = 40 * MS;
    assertThat(admission.admit(0)).isNull();
  }

  /**
   * A loop working through a burst in one go reaches its timers late, the closes of the auctions
   * in flight among them: past half the margin (at least maxLoopLagMs), arrivals are shed so that
   * the closes come sooner.
   */
  @Test
  void shedsWhileTheLoopHasNotReachedItsTimersForHalfTheMargin() {
    lag.marginNanos = 64 * MS; // margin 80 ms, so the bar is 40 ms
    lag.overdueNanos = 39 * MS;
    assertThat(admission.admit(0)).isNull();
    lag.overdueNanos = 41 * MS;
    assertThat(admission.admit(0)).isEqualTo(ShedReason.CLOSES_WAITING);
    lag.marginNanos = 0; // the smallest margin, 25 ms: the bar is 12.5 ms
    lag.overdueNanos = 13 * MS;
    assertThat(admission.admit(0)).isEqualTo(ShedReason.CLOSES_WAITING);
    lag.overdueNanos = 12 * MS;
    assertThat(admission.admit(0)).isNull();
    assertThat(admission.inFlight()).isEqualTo(2);
    // Half a margin under maxLoopLagMs is not a bar: a loop is never shed for less than that.
    Admission small = new Admission(new AdmissionConfig(10, 3, 5, 60), lag, warm::get, 4, 80);
    lag.overdueNanos = 9 * MS;
    assertThat(small.admit(0)).isNull();
    lag.overdueNanos = 11 * MS;
    assertThat(small.admit(0)).isEqualTo(ShedReason.CLOSES_WAITING);
  }

  @Test
  void shedsOnceTheLoopHoldsItsLimitOfAuctions() {
    admission.admit(0);
    admission.admit(0);
    admission.admit(0);
    assertThat(admission.admit(0)).isEqualTo(ShedReason.IN_FLIGHT);
    admission.done();
    assertThat(admission.admit(0)).isNull();
  }

  @Test
  void theMarginIsTheWorstRecentOverrunWithAQuarterOnTopWithinItsBounds() {
    lag.marginNanos = 0;
    assertThat(admission.marginNanos()).isEqualTo(25 * MS);
    lag.marginNanos = 40 * MS;
    assertThat(admission.marginNanos()).isEqualTo(50 * MS);
    lag.marginNanos = 200 * MS;
    assertThat(admission.marginNanos()).isEqualTo(80 * MS);
  }
}
