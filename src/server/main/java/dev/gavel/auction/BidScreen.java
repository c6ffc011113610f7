package dev.gavel.auction;

import dev.gavel.auction.BidderOutcome.BidWarning;
import dev.gavel.auction.BidderOutcome.RejectedBid;
import dev.gavel.config.BidChecks;
import dev.gavel.config.BidderConfig;
import dev.gavel.money.CurrencyRates;
import dev.gavel.money.Money;
import dev.gavel.openrtb.Bid;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.BidResponse;
import dev.gavel.openrtb.Imp;
import dev.gavel.openrtb.SeatBid;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks each bid of an external bidder's response against the request it answered: a bid for an
 * unknown imp, with no positive price, in the wrong currency, from a blocked seat, advertiser or
 * category, or without markup is refused with its OpenRTB loss reason and never competes; so is
 * one that fails a creative check (insecure markup for a secure imp, a banner size the imp does
 * not take) unless its bidder's {@code checks} say warn or off. Prices are multiplied by the
 * bidder's {@code bidAdjustment} before the auction.
 */
final class BidScreen {
  private final String bidder;
  private final BidChecks checks;
  private final BigDecimal adjustment;
  private final BidRequest sent;
  private final String currency;
  private final Map<String, Imp> imps = new HashMap<>();
  private final List<BidWarning> warnings = new ArrayList<>();

  BidScreen(BidderConfig bidder, BidRequest sent, String currency) {
    this.bidder = bidder.name();
    this.checks = bidder.checks();
    this.adjustment = bidder.bidAdjustment();
    this.sent = sent;
    this.currency = currency;
    for (Imp imp : sent.imp()) {
      imps.put(imp.id(), imp);
    }
  }

  BidderOutcome screen(BidResponse response, long latencyMs) {
    String responseCurrency = response.cur() == null ? CurrencyRates.USD : response.cur();
    List<CandidateBid> valid = new ArrayList<>();
    List<RejectedBid> rejected = new ArrayList<>();
    for (SeatBid seatBid : nonNull(response.seatbid())) {
      String seat = seatBid.seat() == null || seatBid.seat().isBlank() ? bidder : seatBid.seat();
      for (Bid bid : nonNull(seatBid.bid())) {
        RejectedBid refusal = refusal(seat, bid, responseCurrency);
        if (refusal == null) {
          BigDecimal price = adjustment.compareTo(BigDecimal.ONE) == 0 ? bid.price() : bid.price().multiply(adjustment);
          valid.add(new CandidateBid(seat, bidder, bid, Money.toMicros(price, RoundingMode.DOWN), null));
        } else {
          rejected.add(refusal);
        }
      }
    }
    BidderOutcome.Status status = valid.isEmpty() ? BidderOutcome.Status.NO_BID : BidderOutcome.Status.BID;
    return new BidderOutcome(bidder, status, latencyMs, null, List.copyOf(valid), List.copyOf(rejected), List.of(), List.copyOf(warnings));
  }

  /** Why a bid is refused, or null when it may compete. */
  private RejectedBid refusal(String seat, Bid bid, String responseCurrency) {
    if (bid.id() == null || bid.id().isBlank()) {
      return refuse(bid, LossReason.INVALID_BID_RESPONSE, "missing bid id");
    }
    Imp imp = bid.impid() == null ? null : imps.get(bid.impid());
    if (imp == null) {
      return refuse(bid, LossReason.INVALID_BID_RESPONSE, "unknown impid '" + bid.impid() + "'");
    }
    if (bid.price() == null || bid.price().signum() <= 0) {
      return refuse(bid, LossReason.MISSING_PRICE, "price must be greater than 0");
    }
    if (bid.price().compareTo(Money.MAX_PRICE) > 0 || Math.abs(bid.price().scale()) > Money.MAX_SCALE) {
      return refuse(bid, LossReason.INVALID_BID_RESPONSE, "price " + bid.price().toPlainString() + " is implausibly high");
    }
    if (!responseCurrency.equals(currency)) {
      return refuse(bid, LossReason.INVALID_BID_RESPONSE, "currency " + responseCurrency + " does not match the requested " + currency);
    }
    if (contains(sent.bseat(), seat) || (sent.wseat() != null && !sent.wseat().isEmpty() && !sent.wseat().contains(seat))) {
      return refuse(bid, LossReason.BUYER_SEAT_BLOCKED, "seat '" + seat + "' is blocked");
    }
    if (intersects(sent.badv(), bid.adomain())) {
      return refuse(bid, LossReason.ADVERTISER_EXCLUSION, "advertiser domain is blocked");
    }
    if (intersects(sent.bcat(), bid.cat())) {
      return refuse(bid, LossReason.CATEGORY_EXCLUSION, "category is blocked");
    }
    if ((bid.adm() == null || bid.adm().isEmpty()) && (bid.nurl() == null || bid.nurl().isEmpty())) {
      return refuse(bid, LossReason.MISSING_MARKUP, "no markup: neither adm nor nurl");
    }
    RejectedBid insecure = check(bid, "secureMarkup", checks.secureMarkup(), LossReason.CREATIVE_NOT_SECURE,
        CreativeChecks.insecure(imp, bid));
    return insecure != null ? insecure
        : check(bid, "bannerSize", checks.bannerSize(), LossReason.SIZE_NOT_ALLOWED, CreativeChecks.wrongSize(imp, bid));
  }

  /** A creative check's finding as the bidder's config wants it: a refusal, a warning, or nothing. */
  private RejectedBid check(Bid bid, String check, BidChecks.Mode mode, int lossReason, String finding) {
    if (mode == BidChecks.Mode.OFF || finding == null) {
      return null;
    }
    if (mode == BidChecks.Mode.WARN) {
      warnings.add(new BidWarning(bid.id(), check, finding));
      return null;
    }
    return refuse(bid, lossReason, finding);
  }

  private static RejectedBid refuse(Bid bid, int lossReason, String why) {
    return new RejectedBid(bid.id(), bid.impid(), lossReason, why);
  }

  private static <T> Collection<T> nonNull(Collection<T> items) {
    return items == null ? List.of() : items;
  }

  private static boolean contains(List<String> list, String value) {
    return list != null && list.contains(value);
  }

  private static boolean intersects(List<String> blocked, List<String> values) {
    if (blocked == null || values == null || blocked.isEmpty()) {
      return false;
    }
    for (String v : values) {
      if (blocked.contains(v)) {
        return true;
      }
    }
    return false;
  }
}
