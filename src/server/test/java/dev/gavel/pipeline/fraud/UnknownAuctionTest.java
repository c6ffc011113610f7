package dev.gavel.pipeline.fraud;

import static dev.gavel.pipeline.fraud.TestEvents.T0;
import static dev.gavel.pipeline.fraud.TestEvents.impression;
import static dev.gavel.pipeline.fraud.TestEvents.win;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.FraudVerdict;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnknownAuctionTest {

  private static final long GRACE_MS = InvalidTrafficDetectorTest.GRACE_MS;

  private InvalidTrafficDetector detector;

  @BeforeEach
  void startWithOneOlderAuctionKnown() {
    detector = new InvalidTrafficDetector(InvalidTrafficDetectorTest.CONFIG, InvalidTrafficDetectorTest.limits(1000),
        SharedAnalyzer.INSTANCE);
    detector.auctionSeen("a0", T0 - 1_000);
  }

  @Test
  void anAuctionArrivingWithinTheGraceCancelsTheCheck() {
    assertThat(detector.inspect(win("w1").auction("a1").receivedAt(T0 + 100).build())).isEmpty();
    assertThat(detector.expire(T0 + 100 + GRACE_MS - 1)).isEmpty();
    detector.auctionSeen("a1", T0);
    assertThat(detector.expire(T0 + 100 + GRACE_MS * 10)).isEmpty();
    assertThat(detector.stateSizes().pendingAuctionChecks()).isZero();
  }

  /** Issue 8 item 5: after an outage the tracking topic is read ahead of the auctions; that is our lag, not fraud. */
  @Test
  void checksMatureOnlyAsFarAsTheAuctionsHaveBeenRead() {
    detector.inspect(impression("i1").auction("late-auction").receivedAt(T0 + 100).build());
    // Tracking events far ahead in event time, and no auction read past T0 - 1 s yet.
    for (int i = 0; i < 5; i++) {
      detector.inspect(impression("later-" + i).auction("a0").receivedAt(T0 + 100 + (i + 1) * GRACE_MS).build());
    }
    assertThat(detector.clockMs()).isGreaterThan(T0 + 100 + GRACE_MS);
    assertThat(detector.expireByWatermarks()).as("judged by the auctions' watermark").isEmpty();

    // The auctions topic catches up: first the late auction itself, then later ones.
    detector.auctionSeen("late-auction", T0 + 50);
    detector.auctionSeen("a-after", T0 + 100 + 2 * GRACE_MS);
    assertThat(detector.expireByWatermarks()).isEmpty();
    assertThat(detector.stateSizes().pendingAuctionChecks()).isZero();

    // A pixel whose auction never comes is judged once the auctions have been read past it plus the grace.
    detector.inspect(impression("i2").auction("ghost").receivedAt(T0 + 200 + 2 * GRACE_MS).build());
    assertThat(detector.expireByWatermarks()).isEmpty();
    detector.auctionSeen("a-much-later", T0 + 200 + 3 * GRACE_MS);
    assertThat(detector.expireByWatermarks()).extracting(FraudVerdict::subjectEventId).containsExactly("i2");
  }

  /**
   * Issue 8 item 5, per partition: a replay after an outage can read one auctions partition far
   * ahead of another. An event waits for its own partition of the auctions topic, never another's.
   */
  @Test
  void eachPartitionMaturesByItsOwnAuctionsWatermark() {
    detector.auctionSeen("p0-old", T0 - 1_000, 0);
    detector.auctionSeen("p1-old", T0 - 1_000, 1);
    detector.inspect(impression("lagging").auction("p0-late").receivedAt(T0 + 100).build(), 0);
    detector.inspect(impression("forged").auction("p1-ghost").receivedAt(T0 + 100).build(), 1);

    detector.auctionSeen("p1-far-ahead", T0 + 100 + 10 * GRACE_MS, 1);
    assertThat(detector.expireByWatermarks()).as("partition 1 is read past its event; partition 0 is not")
        .extracting(FraudVerdict::subjectEventId).containsExactly("forged");

    detector.auctionSeen("p0-late", T0 + 50, 0);
    detector.auctionSeen("p0-far-ahead", T0 + 100 + 10 * GRACE_MS, 0);
    assertThat(detector.expireByWatermarks()).as("its auction came with partition 0's catch-up").isEmpty();
    assertThat(detector.stateSizes().pendingAuctionChecks()).isZero();
  }

  @Test
  void anAuctionNeverSeenYieldsAVerdictOnceTheGraceHasPassed() {
    detector.inspect(win("w1").auction("ghost").receivedAt(T0 + 100).build());
    detector.inspect(impression("i1").auction("ghost").receivedAt(T0 + 5_000).build());
    assertThat(detector.expire(T0 + 100 + GRACE_MS - 1)).isEmpty();

    List<FraudVerdict> first = detector.expire(T0 + 100 + GRACE_MS);
    assertThat(first).singleElement().satisfies(v -> {
      assertThat(v.ruleId()).isEqualTo(RuleIds.UNKNOWN_AUCTION);
      assertThat(v.subjectEventId()).isEqualTo("w1");
      assertThat(v.auctionId()).isEqualTo("ghost");
      assertThat(v.decidedAtMs()).isEqualTo(T0 + 100);
      assertThat(v.evidence()).isEqualTo("auction ghost not seen within 10000 ms of the event");
    });
    assertThat(detector.expire(T0 + 5_000 + GRACE_MS)).extracting(FraudVerdict::subjectEventId).containsExactly("i1");
    assertThat(detector.expire(T0 + 10 * GRACE_MS)).isEmpty();
  }

  @Test
  void aKnownAuctionAnswersAtOnceAndLateAuctionsDoNotUndoAVerdict() {
    detector.inspect(win("w0").auction("a0").build());
    detector.inspect(win("w1").auction("late").build());
    assertThat(detector.expire(T0 + 1_000 + GRACE_MS)).extracting(FraudVerdict::subjectEventId).containsExactly("w1");
    detector.auctionSeen("late", T0);
    assertThat(detector.inspect(impression("i1").auction("late").build())).isEmpty();
    assertThat(detector.expire(T0 + 10 * GRACE_MS)).isEmpty();
  }

  @Test
  void tokensIssuedBeforeTheFirstAuctionSeenAreNotJudged() {
    // After a restart the auctions before the committed offset are never read again.
    detector.inspect(win("w1").auction("before-restart").issuedAt(T0 - 60_000).build());
    assertThat(detector.expire(T0 + 10 * GRACE_MS)).isEmpty();
  }

  @Test
  void aFullWaitingTableDropsTheOldestCheckUnjudged() {
    FraudLimits small = new FraudLimits(GRACE_MS, 0, 3_600_000, 1000, 1000, 1000, 2, 1000, 1000);
    detector = new InvalidTrafficDetector(InvalidTrafficDetectorTest.CONFIG, small, SharedAnalyzer.INSTANCE);
    detector.auctionSeen("a0", T0 - 1_000);
    for (int i = 0; i < 3; i++) {
      detector.inspect(win("w" + i).auction("ghost" + i).build());
    }
    assertThat(detector.stateSizes().pendingAuctionChecks()).isEqualTo(2);
    assertThat(detector.stateSizes().droppedAuctionChecks()).isEqualTo(1);
    assertThat(detector.expire(T0 + 10 * GRACE_MS)).extracting(FraudVerdict::subjectEventId).containsExactly("w1", "w2");
  }
}
