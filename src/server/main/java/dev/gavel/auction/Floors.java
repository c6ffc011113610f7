package dev.gavel.auction;

import dev.gavel.auction.ImpTerms.DealTerms;
import dev.gavel.money.CurrencyRates;
import dev.gavel.money.Money;
import dev.gavel.openrtb.Deal;
import dev.gavel.openrtb.Imp;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an imp's floors (and its deals' floors) into {@link ImpTerms} in the auction's currency.
 * Conversion rounds up: a converted floor is never below the publisher's.
 */
final class Floors {
  private final CurrencyRates rates;

  Floors(CurrencyRates rates) {
    this.rates = rates;
  }

  /** The imp's terms, or null when a floor is in a currency Gavel has no rate for. */
  ImpTerms termsFor(Imp imp, String auctionCurrency) {
    Long impFloor = convert(imp.bidfloor(), imp.bidfloorcur(), auctionCurrency);
    if (impFloor == null) {
      return null;
    }
    Map<String, DealTerms> deals = new LinkedHashMap<>();
    if (imp.pmp() != null && imp.pmp().deals() != null) {
      for (Deal deal : imp.pmp().deals()) {
        Long dealFloor = deal.bidfloor() == null ? impFloor : convert(deal.bidfloor(), deal.bidfloorcur(), auctionCurrency);
        if (dealFloor == null) {
          return null;
        }
        deals.put(deal.id(), new DealTerms(deal.id(), dealFloor, deal.at()));
      }
    }
    boolean privateAuction = imp.pmp() != null && Integer.valueOf(1).equals(imp.pmp().privateAuction());
    return new ImpTerms(imp.id(), impFloor, privateAuction, Map.copyOf(deals));
  }

  private Long convert(BigDecimal floor, String floorCurrency, String auctionCurrency) {
    String from = floorCurrency == null ? CurrencyRates.USD : floorCurrency;
    if (!rates.supports(from)) {
      return null;
    }
    long micros = floor == null ? 0 : Money.toMicros(floor, RoundingMode.UP);
    return rates.convert(micros, from, auctionCurrency, RoundingMode.UP);
  }
}
