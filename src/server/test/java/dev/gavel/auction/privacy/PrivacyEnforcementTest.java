package dev.gavel.auction.privacy;

import static dev.gavel.auction.privacy.ConsentStrings.gppUsNat;
import static dev.gavel.auction.privacy.ConsentStrings.gppWithTcfEu;
import static dev.gavel.auction.privacy.ConsentStrings.tcf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.EventAddresses;
import dev.gavel.events.EventEnvelope;
import dev.gavel.testing.Eventually;
import dev.gavel.testing.ServingHarness;
import dev.gavel.testing.TestVertx;
import dev.gavel.testkit.MockBidder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Privacy signals enforced on the wire: what each recording bidder received, with real TCF and
 * GPP strings. Vendor 10 ("consented") is the one the strings name; vendor 20 ("other") is named
 * by none; "unlisted" has no gvlVendorId; Gavel's own campaigns are vendor 30.
 */
class PrivacyEnforcementTest {
  private static final int CONSENTED = 10;
  private static final int HOUSE = 30;

  private static Vertx bidderVertx;
  private static final Map<String, MockBidder> BIDDERS = new java.util.LinkedHashMap<>();
  private static final Map<String, JsonObject> EVENTS = new ConcurrentHashMap<>();
  private static ServingHarness gavel;

  @BeforeAll
  static void start() {
    bidderVertx = Vertx.vertx();
    JsonArray bidders = new JsonArray();
    for (Map.Entry<String, Integer> b : Map.of("consented", CONSENTED, "other", 20, "unlisted", 0).entrySet()) {
      MockBidder bidder = new MockBidder(MockBidder.Settings.bidding(0, b.getKey(), new BigDecimal("0.50"), 0));
      TestVertx.await(bidderVertx.deployVerticle(bidder));
      BIDDERS.put(b.getKey(), bidder);
      bidders.add(new JsonObject().put("name", b.getKey()).put("url", "http://127.0.0.1:" + bidder.port() + "/bid")
          .put("gvlVendorId", b.getValue()));
    }
    gavel = ServingHarness.start(new JsonObject()
        .put("auction", new JsonObject().put("privacy", new JsonObject().put("houseGvlVendorId", HOUSE)))
        .put("bidders", bidders), null);
    gavel.vertx.eventBus().<EventEnvelope>consumer(EventAddresses.PUBLISH, m -> {
      JsonObject event = new JsonObject(io.vertx.core.buffer.Buffer.buffer(m.body().value()));
      EVENTS.put(event.getString("requestId"), event);
    });
  }

  @AfterAll
  static void stop() {
    gavel.close();
    TestVertx.await(bidderVertx.close());
  }

  /** A request with every personal field a bidder could be sent; {@code privacy} adds the signals. */
  private static JsonObject request(String id, Consumer<JsonObject> privacy) {
    JsonObject geo = new JsonObject().put("lat", 52.5200).put("lon", 13.4050).put("type", 2).put("accuracy", 10)
        .put("country", "DEU").put("region", "BE").put("city", "Berlin").put("zip", "10115");
    JsonObject r = new JsonObject().put("id", id).put("tmax", 1000).put("test", 1)
        .put("imp", new JsonArray().add(new JsonObject().put("id", "1")
            .put("banner", new JsonObject().put("format", new JsonArray().add(new JsonObject().put("w", 300).put("h", 250))))))
        .put("site", new JsonObject().put("domain", "dailyledger-news.com").put("page", "https://dailyledger-news.com/a"))
        .put("device", new JsonObject().put("ua", "Mozilla/5.0").put("ip", "203.0.113.77").put("ipv6", "2001:db8:abcd:12ff:1:2:3:4")
            .put("ifa", "6d92078a-8246-4ba4-ae5b-76104861e7dc").put("devicetype", 2).put("geo", geo.copy()))
        .put("user", new JsonObject().put("id", "u-1").put("buyeruid", "b-1").put("yob", 1990).put("gender", "F")
            .put("keywords", "cycling,jazz").put("geo", geo.copy())
            .put("eids", new JsonArray().add(new JsonObject().put("source", "id5-sync.com")
                .put("uids", new JsonArray().add(new JsonObject().put("id", "ID5*x"))))));
    privacy.accept(r);
    return r;
  }

  private static JsonObject regs(JsonObject r) {
    if (!r.containsKey("regs")) {
      r.put("regs", new JsonObject());
    }
    return r.getJsonObject("regs");
  }

  private static JsonObject lastDebug;

  /** Runs the auction; the answer's debug section. */
  private static JsonObject auction(JsonObject request) {
    BIDDERS.values().forEach(MockBidder::forgetLastRequest);
    String body = gavel.postAuction(request.encode()).body();
    lastDebug = new JsonObject(body).getJsonObject("ext").getJsonObject("debug");
    return lastDebug;
  }

  /**
   * What {@code bidder} received in the last auction, null when Gavel did not call it. A call
   * still on its way when the auction closed (a cold JVM on a loaded machine) is waited for.
   */
  private static JsonObject seen(String bidder) {
    if ("skipped".equals(lastDebug.getJsonObject("bidders").getJsonObject(bidder).getString("status"))) {
      assertThat(BIDDERS.get(bidder).lastRequest()).isNull();
      return null;
    }
    Eventually.await(bidder + " receives the request", () -> BIDDERS.get(bidder).lastRequest() != null, Duration.ofSeconds(5));
    return new JsonObject(io.vertx.core.buffer.Buffer.buffer(BIDDERS.get(bidder).lastRequest()));
  }

  private static void assertUntouched(JsonObject seen) {
    assertThat(seen.getJsonObject("user").getString("id")).isEqualTo("u-1");
    assertThat(seen.getJsonObject("user").getString("buyeruid")).isEqualTo("b-1");
    assertThat(seen.getJsonObject("user").getJsonArray("eids")).hasSize(1);
    assertThat(seen.getJsonObject("device").getString("ifa")).isNotNull();
    assertThat(seen.getJsonObject("device").getString("ip")).isEqualTo("203.0.113.77");
    assertThat(seen.getJsonObject("device").getJsonObject("geo").getDouble("lat")).isEqualTo(52.52);
  }

  private static void assertNoIds(JsonObject seen) {
    JsonObject user = seen.getJsonObject("user");
    assertThat(user.containsKey("id")).isFalse();
    assertThat(user.containsKey("buyeruid")).isFalse();
    assertThat(user.containsKey("eids")).isFalse();
    assertThat(seen.getJsonObject("device").containsKey("ifa")).isFalse();
  }

  private static void assertGeoMasked(JsonObject seen) {
    JsonObject device = seen.getJsonObject("device");
    assertThat(device.getString("ip")).isEqualTo("203.0.113.0");
    assertThat(device.getString("ipv6")).isEqualTo("2001:db8:abcd:1200:0:0:0:0"); // a /56
    for (JsonObject geo : List.of(device.getJsonObject("geo"), seen.getJsonObject("user").getJsonObject("geo"))) {
      assertThat(geo.fieldNames()).doesNotContain("lat", "lon", "accuracy", "city", "zip");
      assertThat(geo.getString("country")).isEqualTo("DEU");
      assertThat(geo.getString("region")).isEqualTo("BE");
    }
  }

  @Test
  void withoutSignalsEveryBidderSeesTheRequestAsSent() {
    auction(request("plain", r -> { }));
    BIDDERS.keySet().forEach(b -> assertUntouched(seen(b)));
  }

  @Test
  void gdprCallsOnlyTheVendorsWithConsentForPurpose2AndKeepsTheRestOut() {
    String consent = tcf(List.of(1, 2, 3, 4), List.of(CONSENTED), true);
    double before = gavel.counter("gavel.privacy.actions", "action", "no_consent");
    JsonObject debug = auction(request("gdpr-full", r -> {
      regs(r).put("gdpr", 1);
      r.getJsonObject("user").put("consent", consent);
    }));

    assertUntouched(seen("consented")); // purposes 2 and 4 and precise geo: it sees all
    assertThat(seen("consented").getJsonObject("user").getString("consent")).isEqualTo(consent);
    assertThat(seen("other")).isNull();
    assertThat(seen("unlisted")).isNull();
    JsonObject other = debug.getJsonObject("bidders").getJsonObject("other");
    assertThat(other.getString("status")).isEqualTo("skipped");
    assertThat(other.getString("reason")).startsWith("no_consent:").contains("purpose 2").contains("vendor 20");
    assertThat(debug.getJsonObject("bidders").getJsonObject("unlisted").getString("reason")).contains("no gvlVendorId");
    // Gavel's own campaigns (vendor 30) are not in the string either.
    assertThat(debug.getJsonArray("notes").encode()).contains("campaigns do not bid: no_consent").contains("vendor 30");
    assertThat(gavel.counter("gavel.privacy.actions", "action", "no_consent")).isEqualTo(before + 3);
    JsonObject event = awaitEvent("gdpr-full");
    assertThat(bidderCall(event, "other").getString("status")).isEqualTo("skipped");
  }

  @Test
  void withoutPurpose4TheBidderGetsNoIdsAndWithoutSpecialFeature1NoPreciseGeo() {
    String consent = tcf(List.of(1, 2), List.of(CONSENTED, HOUSE), false);
    JsonObject debug = auction(request("gdpr-basic", r -> {
      regs(r).put("gdpr", 1);
      r.getJsonObject("user").put("consent", consent);
    }));
    JsonObject seen = seen("consented");
    assertNoIds(seen);
    assertGeoMasked(seen);
    assertThat(seen.getJsonObject("user").getInteger("yob")).isEqualTo(1990); // not an id: TCF leaves it
    JsonArray privacy = debug.getJsonObject("bidders").getJsonObject("consented").getJsonArray("privacy");
    assertThat(privacy.stream().map(p -> ((JsonObject) p).getString("rule")).toList())
        .containsExactly("tcf_no_purpose4", "tcf_no_special_feature1");
    assertThat(debug.getJsonArray("notes").encode()).doesNotContain("no_consent"); // the house has purpose 2
    assertThat(bidderCall(awaitEvent("gdpr-basic"), "consented").getJsonArray("privacy").getList())
        .containsExactly("tcf_no_purpose4", "tcf_no_special_feature1");
  }

  @Test
  void aLegitimateInterestForPurpose2IsEnoughToBeCalled() {
    String consent = tcf(List.of(), List.of(), List.of(2), List.of(CONSENTED), true);
    auction(request("gdpr-li", r -> {
      regs(r).put("gdpr", 1);
      r.getJsonObject("user").put("consent", consent);
    }));
    assertNoIds(seen("consented")); // no purpose 4 consent
    assertThat(seen("other")).isNull();
  }

  @Test
  void underGdprAMissingOrBrokenConsentStringIsNoConsent() {
    JsonObject missing = auction(request("gdpr-none", r -> regs(r).put("gdpr", 1)));
    assertThat(BIDDERS.keySet()).allSatisfy(b -> assertThat(seen(b)).isNull());
    assertThat(missing.getJsonObject("bidders").getJsonObject("consented").getString("reason")).contains("no TCF consent string");

    JsonObject broken = auction(request("gdpr-broken", r -> {
      regs(r).put("gdpr", 1);
      r.getJsonObject("user").put("consent", "not-a-tc-string");
    }));
    assertThat(seen("consented")).isNull();
    assertThat(broken.getJsonObject("bidders").getJsonObject("consented").getString("reason")).contains("undecodable");
  }

  @Test
  void theOpenRtb25PlacesOfTheSignalsAreReadToo() {
    String consent = tcf(List.of(1, 2), List.of(CONSENTED), false);
    auction(request("gdpr-25", r -> {
      r.put("regs", new JsonObject().put("ext", new JsonObject().put("gdpr", 1)));
      JsonObject user = r.getJsonObject("user");
      user.put("ext", new JsonObject().put("consent", consent).put("eids", user.remove("eids"))
          .put("prebid", new JsonObject().put("buyeruids", new JsonObject().put("other", "b-2"))));
    }));
    JsonObject seen = seen("consented");
    assertThat(seen("other")).isNull();
    assertNoIds(seen);
    assertThat(seen.getJsonObject("user").getJsonObject("ext").fieldNames()).containsExactly("consent"); // no eids, no buyeruids
    assertThat(seen.getJsonObject("user").getJsonObject("ext").getString("consent")).isEqualTo(consent);

    auction(request("usp-25", r -> r.put("regs", new JsonObject().put("ext", new JsonObject().put("us_privacy", "1YYN")))));
    assertNoIds(seen("other"));
  }

  @Test
  void aGppStringWithTheTcfEuSectionIsConsentToo() {
    String gpp = gppWithTcfEu(List.of(1, 2, 4), List.of(CONSENTED));
    auction(request("gpp-tcf", r -> regs(r).put("gpp", gpp).put("gpp_sid", new JsonArray().add(2))));
    assertThat(seen("consented")).isNotNull();
    assertThat(seen("consented").getJsonObject("user").getString("id")).isEqualTo("u-1");
    assertThat(seen("other")).isNull();
  }

  @Test
  void coppaRemovesIdsAndDemographicsAndMasksGeoForEveryone() {
    JsonObject debug = auction(request("coppa", r -> regs(r).put("coppa", 1)));
    for (String b : BIDDERS.keySet()) {
      JsonObject seen = seen(b);
      assertNoIds(seen);
      assertGeoMasked(seen);
      assertThat(seen.getJsonObject("user").fieldNames()).doesNotContain("yob", "gender", "keywords");
    }
    assertThat(debug.getJsonObject("bidders").getJsonObject("other").getJsonArray("privacy").getJsonObject(0).getString("rule"))
        .isEqualTo("coppa");
  }

  @Test
  void aUsOptOutOfSaleRemovesIdsAndPreciseGeo() {
    auction(request("usp-out", r -> regs(r).put("us_privacy", "1YYN")));
    BIDDERS.keySet().forEach(b -> {
      assertNoIds(seen(b));
      assertGeoMasked(seen(b));
    });
    auction(request("usp-in", r -> regs(r).put("us_privacy", "1YNN")));
    BIDDERS.keySet().forEach(b -> assertUntouched(seen(b)));
  }

  @Test
  void aGppUsNationalSaleOptOutRemovesIdsAndNoOptOutLeavesThem() {
    auction(request("gpp-us-out", r -> regs(r).put("gpp", gppUsNat(1)).put("gpp_sid", new JsonArray().add(7))));
    assertNoIds(seen("other"));
    auction(request("gpp-us-in", r -> regs(r).put("gpp", gppUsNat(2)).put("gpp_sid", new JsonArray().add(7))));
    assertUntouched(seen("other"));
    // The section does not apply to this request: it is not enforced.
    auction(request("gpp-us-other-sid", r -> regs(r).put("gpp", gppUsNat(1)).put("gpp_sid", new JsonArray().add(8))));
    assertUntouched(seen("other"));
  }

  private static JsonObject awaitEvent(String requestId) {
    Eventually.await("the auction event of " + requestId, () -> EVENTS.containsKey(requestId), Duration.ofSeconds(5));
    return EVENTS.get(requestId);
  }

  private static JsonObject bidderCall(JsonObject event, String bidder) {
    return event.getJsonArray("bidders").stream().map(JsonObject.class::cast)
        .filter(b -> b.getString("bidder").equals(bidder)).findFirst().orElseThrow();
  }
}
