package dev.gavel.auction;

import dev.gavel.config.CurrencyConfig;
import dev.gavel.money.CurrencyRates;
import dev.gavel.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class MoneyAndCurrencyTest {
  private final CurrencyRates rates = new CurrencyRates(new CurrencyConfig(Map.of(
      "USD", BigDecimal.ONE, "EUR", new BigDecimal("0.92"), "JPY", new BigDecimal("151.20"))));

  @Test
  void decimalsBecomeMicrosExactly() {
    assertThat(Money.toMicros(new BigDecimal("1.23"), RoundingMode.UNNECESSARY)).isEqualTo(1_230_000);
    assertThat(Money.toMicros(new BigDecimal("0.0000015"), RoundingMode.UP)).isEqualTo(2);
    assertThat(Money.toMicros(new BigDecimal("0.0000015"), RoundingMode.DOWN)).isEqualTo(1);
    assertThat(Money.format(1_500_000)).isEqualTo("1.50");
    assertThat(Money.format(1_234_000)).isEqualTo("1.234");
    assertThat(Money.format(100_000_000)).isEqualTo("100.00");
  }

  @Test
  void convertsBetweenCurrenciesThroughExactRatios() {
    // 0.92 EUR is exactly 1 USD
    assertThat(rates.convert(920_000, "EUR", "USD", RoundingMode.UP)).isEqualTo(1_000_000);
    assertThat(rates.convert(1_000_000, "USD", "EUR", RoundingMode.DOWN)).isEqualTo(920_000);
    // 1 EUR = 164.347826... JPY; rounding direction is the caller's
    assertThat(rates.convert(1_000_000, "EUR", "JPY", RoundingMode.UP)).isEqualTo(164_347_827);
    assertThat(rates.convert(1_000_000, "EUR", "JPY", RoundingMode.DOWN)).isEqualTo(164_347_826);
  }

  @Test
  void choosesTheFirstAllowedCurrencyItSupports() {
    assertThat(rates.choose(null)).isEqualTo("USD");
    assertThat(rates.choose(List.of())).isEqualTo("USD");
    assertThat(rates.choose(List.of("CHF", "EUR", "USD"))).isEqualTo("EUR");
    assertThat(rates.choose(List.of("CHF"))).isNull();
  }
}
