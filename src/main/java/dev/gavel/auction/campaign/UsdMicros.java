package dev.gavel.auction.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Exact conversion between decimal USD amounts and integer micros (1.50 USD = 1_500_000). */
public final class UsdMicros {

  public static final long MICROS_PER_USD = 1_000_000L;
  private static final int MAX_DECIMALS = 6;

  private UsdMicros() {}

  /**
   * Micros for a decimal USD amount; rejects negatives, more than 6 decimals (which would need
   * rounding) and amounts too large for a long.
   */
  public static long fromUsd(BigDecimal usd) {
    if (usd.signum() < 0) {
      throw new IllegalArgumentException("must not be negative, got " + usd.toPlainString());
    }
    BigDecimal stripped = usd.stripTrailingZeros();
    if (stripped.scale() > MAX_DECIMALS) {
      throw new IllegalArgumentException(
          "has more than 6 decimals, got " + usd.toPlainString() + " (amounts are exact micros)");
    }
    try {
      return stripped.movePointRight(MAX_DECIMALS).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("is too large, got " + usd.toPlainString(), e);
    }
  }

  /** Parses a decimal string such as {@code "2.50"}. */
  public static long parse(String usd) {
    try {
      return fromUsd(new BigDecimal(usd.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a decimal amount such as 2.50, got '" + usd + "'", e);
    }
  }

  /** The amount in USD with at least two decimals, e.g. {@code "2.50"} or {@code "0.000125"}. */
  public static String format(long micros) {
    BigDecimal usd = BigDecimal.valueOf(micros, MAX_DECIMALS).stripTrailingZeros();
    return usd.scale() < 2 ? usd.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : usd.toPlainString();
  }
}
