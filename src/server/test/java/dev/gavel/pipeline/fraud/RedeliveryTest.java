package dev.gavel.pipeline.fraud;

import static dev.gavel.pipeline.fraud.TestEvents.T0;
import static dev.gavel.pipeline.fraud.TestEvents.click;
import static dev.gavel.pipeline.fraud.TestEvents.impression;
import static dev.gavel.pipeline.fraud.TestEvents.win;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.FraudVerdict;
import dev.gavel.events.TrackingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After a consumer crash the same events are read again; they must change nothing. */
class RedeliveryTest {

  private static InvalidTrafficDetector detector(int maxRememberedEvents) {
    InvalidTrafficDetector detector = new InvalidTrafficDetector(InvalidTrafficDetectorTest.CONFIG,
        InvalidTrafficDetectorTest.limits(maxRememberedEvents), SharedAnalyzer.INSTANCE);
    detector.auctionSeen("a1", T0);
    return detector;
  }

  @Test
  void theSameEventTwiceIsNotADuplicateOfItself() {
    InvalidTrafficDetector detector = detector(1000);
    TrackingEvent event = impression("e1").token("t1").build();
    assertThat(detector.inspect(event)).isEmpty();
    assertThat(detector.inspect(event)).isEmpty();
    assertThat(detector.stateSizes().tokens()).isEqualTo(1);
  }

  @Test
  void aRedeliveredEventGetsTheSameVerdictsWithTheSameIds() {
    InvalidTrafficDetector detector = detector(1000);
    detector.inspect(win("w0").receivedAt(T0).build());
    detector.inspect(impression("e1").token("t1").build());
    TrackingEvent suspicious = click("e2").bid("bid2").token("t1").ip("203.0.113.5").userAgent("curl/8.5.0").build();
    List<FraudVerdict> first = detector.inspect(suspicious);
    assertThat(first).extracting(FraudVerdict::ruleId).containsExactly(RuleIds.DUPLICATE_TOKEN,
        RuleIds.CLICK_WITHOUT_IMPRESSION, RuleIds.BOT_USER_AGENT, RuleIds.DATACENTER_IP);
    // An impression arriving in between must not change the answer for the click read again.
    detector.inspect(impression("e3").bid("bid2").build());
    assertThat(detector.inspect(suspicious)).isEqualTo(first);
  }

  @Test
  void verdictIdsDependOnlyOnTheEventAndTheRule() {
    TrackingEvent event = impression("e1").userAgent("curl/8.5.0").build();
    FraudVerdict once = detector(1000).inspect(event).get(0);
    FraudVerdict again = detector(1000).inspect(event).get(0);
    assertThat(once).isEqualTo(again);
    assertThat(once.eventId()).isEqualTo(Verdicts.idFor("e1", RuleIds.BOT_USER_AGENT))
        .isNotEqualTo(Verdicts.idFor("e1", RuleIds.IP_RATE))
        .isNotEqualTo(Verdicts.idFor("e2", RuleIds.BOT_USER_AGENT));
  }

  @Test
  void beyondTheRememberedEventsTheTokenRuleStillKnowsWhoUsedEachToken() {
    InvalidTrafficDetector detector = detector(1);
    TrackingEvent first = impression("e1").token("t1").build();
    TrackingEvent second = impression("e2").token("t1").build();
    detector.inspect(first);
    FraudVerdict duplicate = detector.inspect(second).get(0);
    detector.inspect(impression("pushes-the-others-out").build());

    assertThat(detector.inspect(first)).isEmpty();
    assertThat(detector.inspect(second)).containsExactly(duplicate);
  }

  @Test
  void aRedeliveredEventDoesNotCountTwiceTowardsTheIpRate() {
    InvalidTrafficDetector detector = detector(1000);
    TrackingEvent event = impression("e1").ip("198.51.100.7").build();
    for (int i = 0; i < 20; i++) {
      assertThat(detector.inspect(event)).isEmpty();
    }
  }

  @Test
  void aRedeliveredEventWaitingForItsAuctionWaitsOnce() {
    InvalidTrafficDetector detector = detector(1000);
    TrackingEvent event = win("w1").auction("ghost").build();
    detector.inspect(event);
    detector.inspect(event);
    assertThat(detector.expire(T0 + 1_000 + InvalidTrafficDetectorTest.GRACE_MS))
        .extracting(FraudVerdict::eventId).containsExactly(Verdicts.idFor("w1", RuleIds.UNKNOWN_AUCTION));
  }
}
