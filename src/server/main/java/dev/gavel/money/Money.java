package dev.gavel.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact money: amounts are held as integer micros of a currency unit (1.25 USD CPM is 1_250_000),
 * converted from and to decimals only at the edges. No double ever touches a price.
 */
public final class Money {
  public static final long MICROS_PER_UNIT = 1_000_000L;
  /** The second-price increment, 0.01 of the currency unit. */
  public static final long ONE_CENT_MICROS = 10_000L;
  /** A CPM above this is a mistake, not a price; it also keeps every conversion far from overflow. */
  public static final BigDecimal MAX_PRICE = BigDecimal.valueOf(100_000);
  /**
   * Decimal places (or powers of ten) beyond which an amount is refused before any arithmetic:
   * 1e-50000000 is a valid JSON number, and rounding it would take the CPU for minutes.
   */
  public static final int MAX_SCALE = 20;

  private Money() {}

  /**
   * Micros for an amount that must already be exact (config and campaign files): rejects
   * negatives, more than 6 decimals (which would need rounding) and amounts too large for a long.
   */
  public static long exactMicros(BigDecimal amount) {
    if (amount.signum() < 0) {
      throw new IllegalArgumentException("must not be negative, got " + amount.toPlainString());
    }
    BigDecimal stripped = amount.stripTrailingZeros();
    if (stripped.scale() > 6) {
      throw new IllegalArgumentException("has more than 6 decimals, got " + amount.toPlainString() + " (amounts are exact micros)");
    }
    try {
      return stripped.movePointRight(6).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("is too large, got " + amount.toPlainString(), e);
    }
  }

  public static long toMicros(BigDecimal amount, RoundingMode rounding) {
    return amount.movePointRight(6).setScale(0, rounding).longValueExact();
  }

  /** A decimal with at least two places and no trailing noise: 1.5 -> 1.50, 1.234 -> 1.234. */
  public static BigDecimal toDecimal(long micros) {
    BigDecimal exact = BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    return exact.scale() < 2 ? exact.setScale(2) : exact;
  }

  /** The plain text of {@link #toDecimal}, as macros and reports show it. */
  public static String format(long micros) {
    return toDecimal(micros).toPlainString();
  }
}
