package dev.gavel.auction;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.auction.BidderOutcome.RejectedBid;
import dev.gavel.auction.BidderOutcome.Status;
import dev.gavel.auction.ImpDecision.BidLoss;
import dev.gavel.auction.campaign.MatchExplanation;
import dev.gavel.money.Money;

/**
 * The response {@code ext}: per-bidder response times and errors on every response, and for test
 * requests a {@code debug} section that says, per bidder and per imp, why each bid won or lost and
 * why campaigns were filtered.
 */
final class BidderReport {
  /** Prebid Server's error codes, so existing tooling reads ours. */
  private static final int ERR_TIMEOUT = 1;
  private static final int ERR_BAD_SERVER_RESPONSE = 3;
  private static final int ERR_GENERIC = 999;
  /** Prebid Server's generic warning code. */
  private static final int WARN_GENERIC = 999;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BidderReport() {}

  static ObjectNode ext(AuctionResult result, boolean debug) {
    ObjectNode ext = NODES.objectNode();
    ObjectNode times = ext.putObject("responsetimemillis");
    ObjectNode errors = NODES.objectNode();
    for (BidderOutcome outcome : result.bidders()) {
      if (outcome.status() == Status.SKIPPED || outcome.status() == Status.THROTTLED) {
        continue; // not called: its status is in the debug section and the auction event
      }
      times.put(outcome.bidder(), outcome.latencyMs());
      if (outcome.status() == Status.TIMEOUT || outcome.status() == Status.ERROR) {
        int code = outcome.status() == Status.TIMEOUT ? ERR_TIMEOUT
            : outcome.error() != null && outcome.error().startsWith("malformed") ? ERR_BAD_SERVER_RESPONSE : ERR_GENERIC;
        errors.putArray(outcome.bidder()).addObject().put("code", code).put("message", outcome.error());
      }
    }
    if (!errors.isEmpty()) {
      ext.set("errors", errors);
    }
    if (result.notes() != null && !result.notes().isEmpty()) {
      // Prebid Server's shape: what was left out of the auction (a dropped imp, say), and why.
      ArrayNode warnings = ext.putObject("warnings").putArray("gavel");
      result.notes().forEach(note -> warnings.addObject().put("code", WARN_GENERIC).put("message", note));
    }
    ext.put("tmaxrequest", result.deadline().budgetMillis());
    if (debug) {
      ext.set("debug", debug(result));
    }
    return ext;
  }

  private static ObjectNode debug(AuctionResult result) {
    ObjectNode debug = NODES.objectNode();
    debug.put("currency", result.currency());
    ObjectNode bidders = debug.putObject("bidders");
    for (BidderOutcome outcome : result.bidders()) {
      ObjectNode b = bidders.putObject(outcome.bidder());
      b.put("status", outcome.status().label()).put("latencyMs", outcome.latencyMs()).put("bids", outcome.bids().size());
      if (outcome.error() != null) {
        b.put("reason", outcome.error());
      }
      if (!outcome.privacy().isEmpty()) {
        ArrayNode privacy = b.putArray("privacy");
        outcome.privacy().forEach(rule -> privacy.addObject().put("rule", rule.label()).put("removed", rule.description()));
      }
      if (!outcome.warnings().isEmpty()) {
        ArrayNode warnings = b.putArray("warnings");
        outcome.warnings().forEach(w -> warnings.addObject().put("bidId", w.bidId()).put("check", w.check()).put("why", w.why()));
      }
      ArrayNode rejected = b.putArray("rejected");
      for (RejectedBid r : outcome.rejected()) {
        rejected.addObject().put("bidId", r.bidId()).put("impId", r.impId()).put("lossReason", r.lossReason()).put("why", r.why());
      }
    }
    ObjectNode imps = debug.putObject("imps");
    for (ImpDecision decision : result.decisions()) {
      ObjectNode imp = imps.putObject(decision.impId());
      if (decision.hasWinner()) {
        imp.putObject("winner").put("seat", decision.winner().seat()).put("bidId", decision.winner().bid().id())
            .put("bid", Money.format(decision.winner().priceMicros())).put("clearingPrice", Money.format(decision.clearingMicros()));
      }
      ArrayNode losses = imp.putArray("losses");
      for (BidLoss loss : decision.losses()) {
        losses.addObject().put("seat", loss.bid().seat()).put("bidId", loss.bid().bid().id())
            .put("bid", Money.format(loss.bid().priceMicros())).put("lossReason", loss.lossReason());
      }
      MatchExplanation filters = result.campaignFilters().get(decision.impId());
      if (filters != null) {
        ObjectNode c = imp.putObject("campaigns").put("considered", filters.campaigns()).put("matched", filters.matched());
        ObjectNode filtered = c.putObject("filtered");
        filters.filteredByReason().forEach(filtered::put);
      }
    }
    ArrayNode notes = debug.putArray("notes");
    result.notes().forEach(notes::add);
    return debug;
  }
}
