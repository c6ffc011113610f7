package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.auction.BidderOutcome.Status;
import dev.gavel.auction.campaign.BudgetSnapshot;
import dev.gavel.auction.campaign.CampaignFile;
import dev.gavel.auction.campaign.CampaignIndex;
import dev.gavel.auction.campaign.CampaignLoader;
import dev.gavel.auction.campaign.FrequencyCounts;
import dev.gavel.auction.campaign.SpendHolds;
import dev.gavel.auction.supply.SupplyChain;
import dev.gavel.config.BidderConfig;
import dev.gavel.config.GavelConfig;
import dev.gavel.money.CurrencyRates;
import dev.gavel.openrtb.Bid;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.OpenRtbJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine alone, on a hand-driven clock and a fake bidder transport: when an auction closes,
 * what a bidder is told, and what a late or busy bidder costs. No network, no waiting.
 */
class AuctionEngineTest {
  private static final OpenRtbJson JSON = new OpenRtbJson();
  private static final long MARGIN_NANOS = 20_000_000L;
  private static final GavelConfig CONFIG = GavelConfig.from(new JsonObject());
  private static final CampaignIndex CAMPAIGNS = campaigns();

  private final ManualClock clock = new ManualClock();
  private final FakeTransport transport = new FakeTransport();

  /** A call the test answers (or never does). */
  private record Call(BidderConfig bidder, BidRequest outbound, long timeoutMs, Promise<BidderOutcome> answer) {}

  private static final class FakeTransport implements BidderTransport {
    final List<Call> calls = new ArrayList<>();

    @Override
    public Future<BidderOutcome> call(BidderConfig bidder, BidRequest outbound, String currency, long timeoutMs) {
      Call call = new Call(bidder, outbound, timeoutMs, Promise.promise());
      calls.add(call);
      return call.answer().future();
    }
  }

  private static CampaignIndex campaigns() {
    try {
      return CampaignIndex.of(CampaignFile.resolve("src/server/test/resources/campaigns-test.json").parse(new CampaignLoader()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private AuctionEngine engine(List<BidderConfig> bidders) {
    CurrencyRates rates = new CurrencyRates(CONFIG.currency());
    return new AuctionEngine(clock, transport, new BidderSlots(bidders, new SimpleMeterRegistry()),
        new CampaignBids(() -> CAMPAIGNS, rates, "gavel"), new Floors(rates), rates, () -> BudgetSnapshot.EMPTY,
        new SpendHolds(60_000, System::currentTimeMillis), new FrequencyCounts(10_000), false, new AuctionMetrics(new SimpleMeterRegistry()), CONFIG.auction().privacy(),
        new SupplyChain(CONFIG.supplyChain()));
  }

  private static BidderConfig bidder(String name, int tmaxDeductionMs, int maxInFlight) {
    return new BidderConfig(name, URI.create("http://127.0.0.1:1/" + name), true, tmaxDeductionMs, Set.of("banner"), maxInFlight);
  }

  private static BidRequest request(String id) {
    return JSON.readBidRequest(("{\"id\":\"" + id + "\",\"tmax\":200,\"imp\":[{\"id\":\"1\",\"banner\":{\"format\":[{\"w\":300,\"h\":250}]}}],"
        + "\"site\":{\"domain\":\"news.example\",\"page\":\"https://news.example/a\"},\"device\":{\"ua\":\"Mozilla/5.0\",\"ip\":\"203.0.113.9\"}}")
        .getBytes(StandardCharsets.UTF_8));
  }

  private Future<AuctionResult> run(AuctionEngine engine, String id, List<BidderConfig> bidders) {
    Deadline deadline = Deadline.of(clock.nanoTime(), 200, MARGIN_NANOS); // closes 180 ms from now
    return engine.run(new AuctionIds("auction-" + id, "trace-" + id), request(id), deadline, bidders, List.of());
  }

  private static BidderOutcome bidOf(String bidder, String price) {
    Bid bid = JSON.readBidResponse(("{\"id\":\"r\",\"seatbid\":[{\"seat\":\"" + bidder + "\",\"bid\":[{\"id\":\"b-" + bidder
        + "\",\"impid\":\"1\",\"price\":" + price + ",\"adm\":\"<div/>\",\"adomain\":[\"x.example\"],\"crid\":\"c\",\"w\":300,\"h\":250}]}]}")
        .getBytes(StandardCharsets.UTF_8)).seatbid().get(0).bid().get(0);
    long micros = new java.math.BigDecimal(price).movePointRight(6).longValueExact();
    return new BidderOutcome(bidder, Status.BID, 5, null, List.of(new CandidateBid(bidder, bidder, bid, micros, null)), List.of());
  }

  private static BidderOutcome outcomeOf(AuctionResult result, String bidder) {
    return result.bidders().stream().filter(o -> o.bidder().equals(bidder)).findFirst().orElseThrow();
  }

  @Test
  void closesAsSoonAsTheLastBidderAnswersNotAtTheDeadline() {
    List<BidderConfig> bidders = List.of(bidder("dsp", 10, 8));
    Future<AuctionResult> result = run(engine(bidders), "early", bidders);

    clock.advanceMillis(30);
    assertThat(result.isComplete()).isFalse();
    transport.calls.get(0).answer().complete(bidOf("dsp", "50.00"));

    assertThat(result.isComplete()).as("closed at the answer, 30 ms in, not at 180 ms").isTrue();
    assertThat(clock.pendingTimers()).as("the close timer is cancelled").isZero();
    assertThat(result.result().decisions().get(0).winner().seat()).isEqualTo("dsp");
  }

  @Test
  void aBidderThatNeverAnswersIsATimeoutAtTheCloseAndTheCampaignsStillWin() {
    List<BidderConfig> bidders = List.of(bidder("silent", 10, 8));
    Future<AuctionResult> result = run(engine(bidders), "silent", bidders);

    clock.advanceMillis(179);
    assertThat(result.isComplete()).as("still open 1 ms before its close").isFalse();
    clock.advanceMillis(1);

    assertThat(result.isComplete()).as("closed at its deadline").isTrue();
    assertThat(outcomeOf(result.result(), "silent").status()).isEqualTo(Status.TIMEOUT);
    assertThat(outcomeOf(result.result(), "silent").latencyMs()).isEqualTo(180);
    assertThat(result.result().decisions().get(0).winner().seat()).as("a house campaign, with the bids in hand").isEqualTo("gavel");

    transport.calls.get(0).answer().complete(bidOf("silent", "99.00")); // after the close
    assertThat(result.result().decisions().get(0).winner().seat()).as("a late answer changes nothing").isEqualTo("gavel");
  }

  @Test
  void aBidderIsToldTheTimeLeftLessItsDeduction() {
    List<BidderConfig> bidders = List.of(bidder("dsp", 15, 8));
    AuctionEngine engine = engine(bidders);
    Deadline deadline = Deadline.of(clock.nanoTime(), 200, MARGIN_NANOS);
    clock.advanceMillis(50); // the request took 50 ms to arrive in full and be read
    engine.run(new AuctionIds("a", "t"), request("late-start"), deadline, bidders, List.of());

    Call call = transport.calls.get(0);
    assertThat(call.timeoutMs()).as("waited for until the close").isEqualTo(130);
    assertThat(call.outbound().tmax()).as("the close less the deduction").isEqualTo(115);
  }

  @Test
  void aBidderAtItsConcurrencyBudgetIsThrottledWithoutACall() {
    List<BidderConfig> bidders = List.of(bidder("busy", 10, 1));
    AuctionEngine engine = engine(bidders);
    Future<AuctionResult> first = run(engine, "first", bidders); // holds the one slot
    Future<AuctionResult> second = run(engine, "second", bidders);

    assertThat(transport.calls).hasSize(1);
    assertThat(second.isComplete()).as("nothing to wait for: closed at once").isTrue();
    assertThat(outcomeOf(second.result(), "busy").status()).isEqualTo(Status.THROTTLED);

    transport.calls.get(0).answer().complete(BidderOutcome.failed("busy", Status.NO_BID, 3, null));
    assertThat(first.isComplete()).isTrue();
    run(engine, "third", bidders);
    assertThat(transport.calls).as("the slot is free again once the call is over").hasSize(2);
  }
}
