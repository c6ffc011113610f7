package dev.gavel.auction;

import dev.gavel.auction.BidderOutcome.Status;
import dev.gavel.auction.campaign.AdSlot;
import dev.gavel.auction.campaign.BudgetView;
import dev.gavel.auction.campaign.Campaign;
import dev.gavel.auction.campaign.CampaignIndex;
import dev.gavel.auction.campaign.Delivery;
import dev.gavel.auction.campaign.FrequencyCounts;
import dev.gavel.auction.campaign.MatchExplanation;
import dev.gavel.auction.campaign.SpendHolds;
import dev.gavel.auction.privacy.RequestPrivacy;
import dev.gavel.auction.privacy.Treatment;
import dev.gavel.auction.supply.SupplyChain;
import dev.gavel.config.BidderConfig;
import dev.gavel.config.PrivacyConfig;
import dev.gavel.money.CurrencyRates;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.Imp;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs auctions on one event loop: campaigns and external bidders, closed once, at the deadline
 * or when every bidder has answered (see {@link OpenAuction}), with the bids in hand. A bidder
 * whose concurrency budget is used up is not called (throttled).
 */
public final class AuctionEngine {
  private final AuctionClock clock;
  private final BidderTransport transport;
  private final BidderSlots slots;
  private final CampaignBids campaigns;
  private final Floors floors;
  private final CurrencyRates rates;
  private final Supplier<BudgetView> budgets;
  private final SpendHolds holds;
  private final FrequencyCounts frequency;
  private final boolean uncountableUsersAllowed;
  private final AuctionMetrics metrics;
  private final PrivacyConfig privacy;
  private final SupplyChain supplyChain;

  /**
   * @param clock the event loop's clock and timers (the close of each auction)
   * @param transport how bidders are called
   * @param campaigns the house seat's bids, from Gavel's own campaigns
   * @param uncountableUsersAllowed whether a frequency-capped campaign bids for a request that names no user
   */
  AuctionEngine(AuctionClock clock, BidderTransport transport, BidderSlots slots, CampaignBids campaigns, Floors floors,
                CurrencyRates rates, Supplier<BudgetView> budgets, SpendHolds holds, FrequencyCounts frequency,
                boolean uncountableUsersAllowed, AuctionMetrics metrics, PrivacyConfig privacy, SupplyChain supplyChain) {
    this.clock = clock;
    this.transport = transport;
    this.slots = slots;
    this.campaigns = campaigns;
    this.floors = floors;
    this.rates = rates;
    this.budgets = budgets;
    this.holds = holds;
    this.frequency = frequency;
    this.uncountableUsersAllowed = uncountableUsersAllowed;
    this.metrics = metrics;
    this.privacy = privacy;
    this.supplyChain = supplyChain;
  }

  /**
   * Runs one auction with these external {@code bidders}; the future completes by the deadline's
   * close. {@code notes} start its notes (what was dropped before it ran).
   */
  public Future<AuctionResult> run(AuctionIds ids, BidRequest request, Deadline deadline, List<BidderConfig> bidders,
                                   List<String> notes) {
    return run(ids, request, deadline, bidders, notes, true);
  }

  /** @param counted false for the warm-up's own auctions: their privacy actions stay out of the metrics */
  public Future<AuctionResult> run(AuctionIds ids, BidRequest request, Deadline deadline, List<BidderConfig> bidders,
                                   List<String> notes, boolean counted) {
    String currency = rates.choose(request.cur());
    if (currency == null) {
      List<String> all = new ArrayList<>(notes);
      all.add("none of the allowed currencies " + request.cur() + " is supported");
      return Future.succeededFuture(new AuctionResult(ids, request, deadline, null, List.of(), List.of(), Map.of(), List.copyOf(all),
          null));
    }
    Round round = new Round(ids, request, deadline, currency, bidders, counted);
    round.notes.addAll(notes);
    OpenAuction<AuctionResult> auction = new OpenAuction<>(clock, deadline, round::result);
    try {
      round.addCampaignBids();
      round.callBidders(auction);
    } catch (RuntimeException e) {
      round.held.releaseAll();
      return auction.fail(e);
    }
    return auction.started();
  }

  /** The state of one auction: what it has received so far. Touched only on its event loop. */
  private final class Round {
    final AuctionIds ids;
    final BidRequest request;
    final Deadline deadline;
    final String currency;
    final List<BidderConfig> bidders;
    final List<String> notes = new ArrayList<>();
    final Map<String, ImpTerms> terms = new LinkedHashMap<>();
    final List<CandidateBid> bids = new ArrayList<>();
    /** The house bids whose price this auction holds against their campaign's budget. */
    final HouseBidHolds held = new HouseBidHolds(holds, frequency);
    /** What Gavel's own campaigns may see of the request (set when they may bid at all). */
    Treatment house;
    /** The user frequency caps count (hashed); null until a capped campaign asks, or when there is none. */
    String frequencyKey;
    boolean frequencyKeyKnown;
    final Map<String, MatchExplanation> filters = new LinkedHashMap<>();
    final Map<String, BidderOutcome> outcomes = new HashMap<>();
    final Map<String, CallPlan> calls = new HashMap<>();
    final Map<String, Treatment> treatments = new HashMap<>();
    final RequestPrivacy requestPrivacy;
    final boolean counted;

    Round(AuctionIds ids, BidRequest request, Deadline deadline, String currency, List<BidderConfig> bidders, boolean counted) {
      this.ids = ids;
      this.counted = counted;
      this.request = request;
      // What every bidder is sent, before each one's privacy treatment and imps: with Gavel's schain node.
      this.requestPrivacy = RequestPrivacy.of(supplyChain.appendTo(request));
      this.deadline = deadline;
      this.currency = currency;
      this.bidders = bidders;
    }

    void addCampaignBids() {
      boolean debug = Integer.valueOf(1).equals(request.test());
      BudgetView budgetView = holds.over(budgets.get());
      String houseRefusal = houseRefusal(budgetView);
      CampaignIndex index = campaigns.index();
      if (houseRefusal != null) {
        notes.add("campaigns do not bid: " + houseRefusal);
      }
      for (Imp imp : request.imp()) {
        ImpTerms impTerms = floors.termsFor(imp, currency);
        if (impTerms == null) {
          notes.add("imp " + imp.id() + ": a floor currency has no configured rate; the imp is not auctioned");
          continue;
        }
        terms.put(imp.id(), impTerms);
        AdSlot slot = AdSlots.of(request, imp);
        if (houseRefusal == null) {
          List<CandidateBid> house = campaigns.bidsFor(index, slot, impTerms, budgetView, currency, this::withinCap);
          bids.addAll(house);
          house.forEach(held::hold);
        }
        if (debug) {
          filters.put(imp.id(), campaigns.explain(index, slot, budgetView));
        }
      }
    }

    /** Why the house seat sits this auction out, or null when its campaigns may bid. */
    private String houseRefusal(BudgetView budgetView) {
      if (!budgetView.known()) {
        return "spend is not known yet (billing unreadable since start, no local snapshot), so any bid could overspend";
      }
      Treatment house = requestPrivacy.forHouse(privacy.houseGvlVendorId(), privacy.housePurposes());
      if (house.refused()) {
        recordPrivacy("no_consent");
        return house.refusal();
      }
      this.house = house;
      String refusal = CallPlan.seatRefusal(request, campaigns.houseSeat());
      return refusal == null ? null : "house seat " + refusal;
    }

    /** Whether a campaign's frequency cap lets it bid for this request's user. */
    private boolean withinCap(Campaign campaign) {
      Delivery.FrequencyCap cap = campaign.delivery().frequencyCap();
      if (cap == null) {
        return true;
      }
      String user = frequencyKey();
      if (user == null) {
        return uncountableUsersAllowed;
      }
      return !frequency.reached(campaign.id(), cap, user, System.currentTimeMillis());
    }

    /** The hashed user, or null when the request names none; worked out only if a capped campaign asks. */
    private String frequencyKey() {
      if (!frequencyKeyKnown && house != null) {
        frequencyKey = FrequencyKeys.of(requestPrivacy.requestFor(house));
        frequencyKeyKnown = true;
      }
      return frequencyKey;
    }

    /** Calls every eligible bidder at once; each answer that comes before the close joins the auction. */
    void callBidders(OpenAuction<AuctionResult> auction) {
      for (BidderConfig bidder : bidders) {
        Treatment treatment = requestPrivacy.forVendor(bidder.gvlVendorId());
        if (treatment.refused()) {
          recordPrivacy("no_consent");
          outcomes.put(bidder.name(), BidderOutcome.failed(bidder.name(), Status.SKIPPED, 0, treatment.refusal()));
          continue;
        }
        CallPlan call = CallPlan.plan(bidder, requestPrivacy.requestFor(treatment), deadline, currency, terms.keySet(), clock.nanoTime());
        if (call.skipReason() != null) {
          outcomes.put(bidder.name(), BidderOutcome.failed(bidder.name(), Status.SKIPPED, 0, call.skipReason()));
          continue;
        }
        if (!slots.tryAcquire(bidder.name())) {
          outcomes.put(bidder.name(), BidderOutcome.failed(bidder.name(), Status.THROTTLED, 0,
              "its " + slots.max(bidder.name()) + " concurrent calls (maxInFlight) are all open"));
          continue;
        }
        calls.put(bidder.name(), call);
        treatments.put(bidder.name(), treatment);
        treatment.rules().forEach(rule -> recordPrivacy(rule.label()));
        Future<BidderOutcome> answer;
        try {
          answer = transport.call(bidder, call.outbound(), currency, call.timeoutMs());
        } catch (RuntimeException e) {
          slots.release(bidder.name()); // a call that never started holds no slot
          throw e;
        }
        answer.onComplete(done -> slots.release(bidder.name()));
        auction.await(answer, outcome -> {
          outcomes.put(bidder.name(), outcome);
          bids.addAll(outcome.bids());
        });
      }
    }

    private void recordPrivacy(String action) {
      if (counted) {
        metrics.recordPrivacy(action);
      }
    }

    /** At the close: a bidder still pending is a timeout; the imps are decided with the bids in hand. */
    AuctionResult result() {
      List<BidderOutcome> all = new ArrayList<>(bidders.size());
      for (BidderConfig bidder : bidders) {
        BidderOutcome outcome = outcomes.get(bidder.name());
        if (outcome == null) {
          CallPlan call = calls.get(bidder.name());
          outcome = BidderOutcome.failed(bidder.name(), Status.TIMEOUT, call == null ? 0 : call.elapsedMs(clock.nanoTime()),
              "no answer before the auction deadline");
        }
        metrics.recordBidder(outcome);
        Treatment treatment = treatments.get(bidder.name()); // called bidders only
        all.add(treatment == null || treatment.rules().isEmpty() ? outcome : outcome.withPrivacy(List.copyOf(treatment.rules())));
      }
      List<ImpDecision> decisions = decide();
      held.settle(decisions, counted && !Integer.valueOf(1).equals(request.test()), frequencyKey);
      return new AuctionResult(ids, request, deadline, currency, decisions, all, filters, notes, frequencyKey);
    }

    private List<ImpDecision> decide() {
      Map<String, List<CandidateBid>> byImp = new HashMap<>();
      for (CandidateBid bid : bids) {
        byImp.computeIfAbsent(bid.impId(), k -> new ArrayList<>()).add(bid);
      }
      int auctionType = request.at() == null ? AuctionRules.SECOND_PRICE : request.at();
      List<ImpDecision> decisions = new ArrayList<>(terms.size());
      for (ImpTerms impTerms : terms.values()) {
        decisions.add(AuctionRules.decide(impTerms, byImp.getOrDefault(impTerms.impId(), List.of()), auctionType));
      }
      return decisions;
    }
  }
}
