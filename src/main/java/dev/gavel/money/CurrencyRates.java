package dev.gavel.money;

import dev.gavel.config.CurrencyConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Exact conversion between the configured currencies. Rates are units per US dollar; the
 * conversion multiplies by the rate ratio in BigDecimal and rounds once, in the direction the
 * caller names (floors round up so Gavel never bids under a floor; bids round down so a
 * campaign never pays more than its price).
 */
public final class CurrencyRates {
  public static final String USD = "USD";
  private final Map<String, BigDecimal> ratesPerUsd;

  public CurrencyRates(CurrencyConfig config) {
    this.ratesPerUsd = config.ratesPerUsd();
  }

  public boolean supports(String code) {
    return ratesPerUsd.containsKey(code);
  }

  /** The first of the request's allowed currencies that Gavel can bid in; USD when none is named. */
  public String choose(List<String> allowed) {
    if (allowed == null || allowed.isEmpty()) {
      return USD;
    }
    for (String code : allowed) {
      if (supports(code)) {
        return code;
      }
    }
    return null;
  }

  public long convert(long micros, String from, String to, RoundingMode rounding) {
    if (from.equals(to)) {
      return micros;
    }
    // One division, last: a pre-computed ratio would carry its own rounding into the result.
    return BigDecimal.valueOf(micros).multiply(rate(to)).divide(rate(from), 0, rounding).longValueExact();
  }

  private BigDecimal rate(String code) {
    BigDecimal rate = ratesPerUsd.get(code);
    if (rate == null) {
      throw new IllegalArgumentException("unsupported currency " + code);
    }
    return rate;
  }
}
