package dev.gavel.pipeline.fraud;

import static dev.gavel.pipeline.fraud.TestEvents.T0;
import static dev.gavel.pipeline.fraud.TestEvents.click;
import static dev.gavel.pipeline.fraud.TestEvents.impression;
import static dev.gavel.pipeline.fraud.TestEvents.win;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.config.FraudConfig;
import dev.gavel.events.FraudVerdict;
import dev.gavel.events.TrackingEvent;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvalidTrafficDetectorTest {

  static final long GRACE_MS = 10_000;
  static final FraudConfig CONFIG = new FraudConfig(60, 5, List.of("203.0.113.0/24", "2001:db8::/32"));

  private InvalidTrafficDetector detector;

  static FraudLimits limits(int maxRememberedEvents) {
    return new FraudLimits(GRACE_MS, 0, 3_600_000, 1000, 1000, 1000, 1000, 1000, maxRememberedEvents);
  }

  @BeforeEach
  void startWithAuctionA1Known() {
    detector = new InvalidTrafficDetector(CONFIG, limits(1000), SharedAnalyzer.INSTANCE);
    detector.auctionSeen("a1", T0);
  }

  private List<String> rulesFiredBy(TestEvents event) {
    return detector.inspect(event.build()).stream().map(FraudVerdict::ruleId).toList();
  }

  @Test
  void aCleanImpressionFiresNothing() {
    assertThat(rulesFiredBy(impression("e1"))).isEmpty();
    assertThat(detector.expire(T0 + 3_600_000)).isEmpty();
  }

  @Test
  void aTokenUsedBySecondEventIsADuplicate() {
    assertThat(rulesFiredBy(impression("e1").token("t1"))).isEmpty();
    List<FraudVerdict> second = detector.inspect(impression("e2").token("t1").receivedAt(T0 + 2_000).build());
    assertThat(second).singleElement().satisfies(v -> {
      assertThat(v.ruleId()).isEqualTo(RuleIds.DUPLICATE_TOKEN);
      assertThat(v.evidence()).isEqualTo("token seen 2 times");
      assertThat(v.subjectEventId()).isEqualTo("e2");
      assertThat(v.subjectKind()).isEqualTo(TrackingEvent.IMPRESSION);
      assertThat(v.auctionId()).isEqualTo("a1");
      assertThat(v.traceId()).isEqualTo("trace-a1");
      assertThat(v.campaignId()).isEqualTo("camp1");
      assertThat(v.seat()).isEqualTo("seat1");
      assertThat(v.priceMicros()).isEqualTo(2_500_000);
      assertThat(v.currency()).isEqualTo("USD");
      assertThat(v.decidedAtMs()).isEqualTo(T0 + 2_000);
      assertThat(v.type()).isEqualTo(FraudVerdict.TYPE);
      assertThat(v.schemaVersion()).isEqualTo(FraudVerdict.SCHEMA_VERSION);
    });
    assertThat(detector.inspect(impression("e3").token("t1").build()).get(0).evidence()).isEqualTo("token seen 3 times");
  }

  @Test
  void anEventReceivedAfterItsTokenExpiredIsFlagged() {
    assertThat(rulesFiredBy(impression("e1").expiresAt(T0 + 1_000).receivedAt(T0 + 1_000))).isEmpty();
    List<FraudVerdict> late = detector.inspect(impression("e2").expiresAt(T0 + 1_000).receivedAt(T0 + 1_001).build());
    assertThat(late).singleElement().satisfies(v -> {
      assertThat(v.ruleId()).isEqualTo(RuleIds.EXPIRED_TOKEN);
      assertThat(v.evidence()).isEqualTo("received 1 ms after the token expired");
    });
  }

  @Test
  void aClickNeedsAnImpressionOfTheSameBidBeforeIt() {
    // The win notice, sent as the auction closes, starts the detector's memory of this stream.
    assertThat(rulesFiredBy(win("w0").receivedAt(T0))).isEmpty();
    assertThat(rulesFiredBy(click("c1").receivedAt(T0 + 2_000))).containsExactly(RuleIds.CLICK_WITHOUT_IMPRESSION);
    assertThat(rulesFiredBy(impression("i1").bid("bid2").receivedAt(T0 + 3_000))).isEmpty();
    assertThat(rulesFiredBy(click("c2").bid("bid2").receivedAt(T0 + 4_000))).isEmpty();
    assertThat(rulesFiredBy(win("w1").bid("bid3").receivedAt(T0 + 4_000))).isEmpty();
  }

  @Test
  void aClickIssuedBeforeTheDetectorStartedIsNotJudgedOnAbsence() {
    assertThat(rulesFiredBy(win("first-seen").bid("other").receivedAt(T0 + 5_000))).isEmpty();
    assertThat(rulesFiredBy(click("c1").issuedAt(T0).receivedAt(T0 + 6_000))).isEmpty();
    assertThat(rulesFiredBy(click("c2").issuedAt(T0 + 5_000).receivedAt(T0 + 7_000)))
        .containsExactly(RuleIds.CLICK_WITHOUT_IMPRESSION);
  }

  @Test
  void robotUserAgentsAndMissingOnesAreFlagged() {
    assertThat(rulesFiredBy(impression("e1").userAgent("curl/8.5.0"))).containsExactly(RuleIds.BOT_USER_AGENT);
    assertThat(rulesFiredBy(impression("e2").userAgent(null))).containsExactly(RuleIds.BOT_USER_AGENT);
    assertThat(rulesFiredBy(impression("e3"))).isEmpty();
  }

  @Test
  void eventsBeyondTheLimitPerIpWithinTheWindowAreFlagged() {
    for (int i = 0; i < 5; i++) {
      assertThat(rulesFiredBy(impression("e" + i).ip("198.51.100.7").receivedAt(T0 + i * 1_000))).isEmpty();
    }
    List<FraudVerdict> sixth = detector.inspect(impression("e5").ip("198.51.100.7").receivedAt(T0 + 59_999).build());
    assertThat(sixth).singleElement().satisfies(v -> {
      assertThat(v.ruleId()).isEqualTo(RuleIds.IP_RATE);
      assertThat(v.evidence()).isEqualTo("more than 5 events from 198.51.100.7 in 60 s (limit 5)");
    });
    assertThat(rulesFiredBy(impression("other-ip").ip("198.51.100.8").receivedAt(T0 + 59_999))).isEmpty();
    // At T0 + 60 s the event at T0 has left the window, but the flagged one still counts: 6 in it.
    assertThat(rulesFiredBy(impression("e6").ip("198.51.100.7").receivedAt(T0 + 60_000))).containsExactly(RuleIds.IP_RATE);
    assertThat(rulesFiredBy(impression("e7").ip("198.51.100.7").receivedAt(T0 + 200_000))).isEmpty();
  }

  @Test
  void dataCenterAddressesAreFlaggedWithTheirRange() {
    List<FraudVerdict> v4 = detector.inspect(impression("e1").ip("203.0.113.9").build());
    assertThat(v4).singleElement().satisfies(v -> {
      assertThat(v.ruleId()).isEqualTo(RuleIds.DATACENTER_IP);
      assertThat(v.evidence()).isEqualTo("203.0.113.9 in 203.0.113.0/24");
    });
    assertThat(rulesFiredBy(impression("e2").ip("2001:db8::42"))).containsExactly(RuleIds.DATACENTER_IP);
    assertThat(rulesFiredBy(impression("e3").ip("2001:db9::42"))).isEmpty();
    assertThat(rulesFiredBy(impression("e4").ip("not-an-ip"))).isEmpty();
  }

  @Test
  void severalRulesCanFireOnOneEventInAFixedOrder() {
    assertThat(rulesFiredBy(win("w0").receivedAt(T0))).isEmpty();
    assertThat(rulesFiredBy(click("c1").token("t").expiresAt(T0).ip("203.0.113.1").userAgent("curl/8.5.0")))
        .containsExactly(RuleIds.EXPIRED_TOKEN, RuleIds.CLICK_WITHOUT_IMPRESSION, RuleIds.BOT_USER_AGENT,
            RuleIds.DATACENTER_IP);
  }
}
