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

  /** A code as the rates are keyed: upper case ("usd" from a sender is USD). */
  public static String canonical(String code) {
    return code == null ? null : code.toUpperCase(java.util.Locale.ROOT);
  }

  public boolean supports(String code) {
    return code != null && ratesPerUsd.containsKey(canonical(code));
  }

  /** The first of the request's allowed currencies that Gavel can bid in; USD when none is named. */
  public String choose(List<String> allowed) {
    if (allowed == null || allowed.isEmpty()) {
      return USD;
    }
    for (String code : allowed) {
      if (supports(code)) {
        return canonical(code);
      }
    }
    return null;
  }

  public long convert(long micros, String from, String to, RoundingMode rounding) {
    if (from.equalsIgnoreCase(to)) {
      return micros;
    }
    // One division, last: a pre-computed ratio would carry its own rounding into the result.
    return BigDecimal.valueOf(micros).multiply(rate(to)).divide(rate(from), 0, rounding).longValueExact();
  }

  private BigDecimal rate(String code) {
    BigDecimal rate = ratesPerUsd.get(canonical(code));
    if (rate == null) {
      throw new IllegalArgumentException("unsupported currency " + code);
    }
    return rate;
  }
}
