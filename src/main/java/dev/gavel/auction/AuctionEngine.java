package dev.gavel.auction;

import dev.gavel.money.CurrencyRates;
import dev.gavel.auction.BidderOutcome.Status;
import dev.gavel.auction.campaign.AdSlot;
import dev.gavel.auction.campaign.BudgetView;
import dev.gavel.auction.campaign.MatchExplanation;
import dev.gavel.config.BidderConfig;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.Imp;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs auctions on one event loop: campaigns and external bidders in parallel, closed by one timer
 * at the deadline with the bids in hand. Whatever arrives after the close is discarded.
 */
public final class AuctionEngine {
  private final Vertx vertx;
  private final List<BidderConfig> bidders;
  private final BidderClient client;
  private final CampaignBids campaigns;
  private final Supplier<BudgetView> budgets;
  private final CurrencyRates rates;
  private final Floors floors;
  private final AuctionMetrics metrics;
  private final String houseSeat;

  public AuctionEngine(Vertx vertx, AuctionSetup setup, BidderClient client) {
    this.vertx = vertx;
    this.bidders = setup.config().bidders().stream().filter(BidderConfig::enabled).toList();
    this.client = client;
    this.campaigns = new CampaignBids(setup.campaigns(), setup.rates(), setup.config().auction().houseSeat());
    this.budgets = setup.budgets();
    this.rates = setup.rates();
    this.floors = new Floors(setup.rates());
    this.metrics = setup.metrics();
    this.houseSeat = setup.config().auction().houseSeat();
  }

  public Future<AuctionResult> run(AuctionIds ids, BidRequest request, Deadline deadline) {
    String currency = rates.choose(request.cur());
    if (currency == null) {
      return Future.succeededFuture(new AuctionResult(ids, request, deadline, null, List.of(), List.of(), Map.of(),
          List.of("none of the allowed currencies " + request.cur() + " is supported")));
    }
    boolean debug = Integer.valueOf(1).equals(request.test());
    List<String> notes = new ArrayList<>();
    Map<String, ImpTerms> terms = new LinkedHashMap<>();
    List<CandidateBid> bids = new ArrayList<>();
    Map<String, MatchExplanation> filters = new LinkedHashMap<>();
    BudgetView budgetView = budgets.get();
    String houseRefusal = BidderCall.seatRefusal(request, houseSeat);
    if (houseRefusal != null) {
      notes.add("campaigns do not bid: house seat " + houseRefusal);
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
        bids.addAll(campaigns.bidsFor(slot, impTerms, budgetView, currency));
      }
      if (debug) {
        filters.put(imp.id(), campaigns.explain(slot, budgetView));
      }
    }
    return collectBidders(request, deadline, currency, terms).map(outcomes -> {
      for (BidderOutcome outcome : outcomes) {
        bids.addAll(outcome.bids());
      }
      return new AuctionResult(ids, request, deadline, currency, decide(request, terms, bids), outcomes, filters, notes);
    });
  }

  private static List<ImpDecision> decide(BidRequest request, Map<String, ImpTerms> terms, List<CandidateBid> bids) {
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

  /** Calls every eligible bidder at once; completes when all have answered or the deadline passes. */
  private Future<List<BidderOutcome>> collectBidders(
      BidRequest request, Deadline deadline, String currency, Map<String, ImpTerms> terms) {
    Map<String, BidderOutcome> outcomes = new LinkedHashMap<>();
    List<BidderCall> calls = new ArrayList<>();
    for (BidderConfig bidder : bidders) {
      BidderCall call = BidderCall.plan(bidder, request, deadline, currency, terms.keySet());
      if (call.skipReason() != null) {
        outcomes.put(bidder.name(), BidderOutcome.failed(bidder.name(), Status.SKIPPED, 0, call.skipReason()));
      } else {
        calls.add(call);
      }
    }
    if (calls.isEmpty()) {
      return Future.succeededFuture(finish(outcomes, calls));
    }
    Promise<List<BidderOutcome>> closed = Promise.promise();
    long timer = vertx.setTimer(Math.max(1, deadline.remainingMillis(System.nanoTime())),
        t -> closed.tryComplete(finish(outcomes, calls)));
    int[] pending = {calls.size()};
    for (BidderCall call : calls) {
      client.call(call.bidder(), call.outbound(), currency, call.timeoutMs()).onSuccess(outcome -> {
        if (closed.future().isComplete()) {
          return; // late: the auction has closed without it
        }
        outcomes.put(call.bidder().name(), outcome);
        if (--pending[0] == 0) {
          vertx.cancelTimer(timer);
          closed.tryComplete(finish(outcomes, calls));
        }
      });
    }
    return closed.future();
  }

  /** The outcomes in config order; a bidder still pending at the close is recorded as a timeout. */
  private List<BidderOutcome> finish(Map<String, BidderOutcome> outcomes, List<BidderCall> calls) {
    List<BidderOutcome> all = new ArrayList<>(bidders.size());
    for (BidderConfig bidder : bidders) {
      BidderOutcome outcome = outcomes.get(bidder.name());
      if (outcome == null) {
        long waited = calls.stream().filter(c -> c.bidder() == bidder).findFirst().map(BidderCall::elapsedMs).orElse(0L);
        outcome = BidderOutcome.failed(bidder.name(), Status.TIMEOUT, waited, "no answer before the auction deadline");
      }
      metrics.recordBidder(outcome);
      all.add(outcome);
    }
    return all;
  }
}
