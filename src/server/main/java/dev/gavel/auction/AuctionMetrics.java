package dev.gavel.auction;

import dev.gavel.auction.admission.Admissions;
import dev.gavel.auction.admission.ShedReason;
import dev.gavel.auction.campaign.FrequencyCounts;
import dev.gavel.auction.campaign.SpendHolds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The auction's meters: latency, requests by outcome, per-bidder calls and bids, and responses
 * sent after the publisher's deadline (which must stay at zero). Meters are looked up once and
 * cached, so the hot path only increments.
 */
public final class AuctionMetrics {
  private final MeterRegistry registry;
  private final Timer latency;
  private final Counter lateResponses;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Counter> bidderCalls = new ConcurrentHashMap<>();
  private final Map<String, Counter> bidderBids = new ConcurrentHashMap<>();
  private final Map<ShedReason, Counter> shed = new EnumMap<>(ShedReason.class);
  private final Map<String, Counter> privacy = new ConcurrentHashMap<>();
  private final Map<String, Counter> warnings = new ConcurrentHashMap<>();

  public AuctionMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.latency = Timer.builder("gavel.auction.latency")
        .description("Time from a bid request's arrival to its response")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(50_000))
        .maximumExpectedValue(Duration.ofSeconds(2))
        .register(registry);
    this.lateResponses = Counter.builder("gavel.auction.late.responses")
        .description("Responses sent after the publisher's deadline (arrival + tmax); must stay at zero")
        .register(registry);
    for (ShedReason reason : ShedReason.values()) {
      shed.put(reason, Counter.builder("gavel.auction.shed")
          .description("Auctions answered at once with a no-bid instead of being run, by reason")
          .tag("reason", reason.label()).register(registry));
    }
  }

  /** Gauges over every event loop's admission control. */
  public void watch(Admissions admissions) {
    Gauge.builder("gavel.auction.in.flight", admissions, Admissions::inFlight)
        .description("Auctions admitted and not yet answered").register(registry);
    Gauge.builder("gavel.event.loop.lag", admissions, Admissions::maxLagSeconds).baseUnit("seconds")
        .description("How late the most lagging HTTP event loop runs its tasks").register(registry);
    Gauge.builder("gavel.auction.safety.margin", admissions, Admissions::maxMarginSeconds).baseUnit("seconds")
        .description("How long before tmax auctions close (the largest of the event loops' measured margins)").register(registry);
  }

  /** The (campaign, user) pairs the frequency caps count, and how many were forgotten to stay bounded. */
  public void watch(FrequencyCounts counts) {
    Gauge.builder("gavel.frequency.users", counts, FrequencyCounts::size)
        .description("(campaign, user) pairs whose impressions the frequency caps count").register(registry);
    FunctionCounter.builder("gavel.frequency.evictions", counts, FrequencyCounts::evictions)
        .description("(campaign, user) pairs forgotten to keep the counts bounded: each may see its campaign again early")
        .register(registry);
  }

  /** The wins this node holds against their budgets until billing reports them. */
  public void watch(SpendHolds holds) {
    Gauge.builder("gavel.budget.pending.wins", holds, SpendHolds::pendingWins)
        .description("House wins whose price is held against their budget until billing reports them").register(registry);
  }

  /** A shed auction: counted by reason, and as a response (outcome {@code shed}), late if it was. */
  public void recordShed(ShedReason reason, long latencyNanos, boolean late) {
    shed.get(reason).increment();
    recordResponse("shed", latencyNanos, late);
  }

  public double shedCount(ShedReason reason) {
    return shed.get(reason).count();
  }

  public void recordResponse(String outcome, long latencyNanos, boolean late) {
    latency.record(latencyNanos, TimeUnit.NANOSECONDS);
    outcomes.computeIfAbsent(outcome, o -> Counter.builder("gavel.auction.requests")
        .description("Bid requests by outcome").tag("outcome", o).register(registry)).increment();
    if (late) {
      lateResponses.increment();
    }
  }

  /** One privacy enforcement: a recipient not called ({@code no_consent}) or a rule's removals (its label). */
  public void recordPrivacy(String action) {
    privacy.computeIfAbsent(action, a -> Counter.builder("gavel.privacy.actions")
        .description("Privacy enforcement on outbound requests and Gavel's own campaigns, by action")
        .tag("action", a).register(registry)).increment();
  }

  public void recordBidder(BidderOutcome outcome) {
    String key = outcome.bidder() + '|' + outcome.status().label();
    bidderCalls.computeIfAbsent(key, k -> Counter.builder("gavel.bidder.calls")
        .description("Calls to external bidders by result (bid, no_bid, timeout, error, skipped)")
        .tags("bidder", outcome.bidder(), "result", outcome.status().label()).register(registry)).increment();
    for (BidderOutcome.BidWarning w : outcome.warnings()) {
      warnings.computeIfAbsent(outcome.bidder() + '|' + w.check(), k -> Counter.builder("gavel.bidder.bid.warnings")
          .description("Bids that failed a creative check their bidder is only warned about (checks: warn), by check")
          .tags("bidder", outcome.bidder(), "check", w.check()).register(registry)).increment();
    }
    if (!outcome.bids().isEmpty()) {
      bidderBids.computeIfAbsent(outcome.bidder(), b -> Counter.builder("gavel.bidder.bids")
          .description("Valid bids received from external bidders").tag("bidder", b).register(registry))
          .increment(outcome.bids().size());
    }
  }
}
