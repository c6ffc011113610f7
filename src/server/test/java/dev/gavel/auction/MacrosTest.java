package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MacrosTest {
  private final Map<String, String> values = Map.of("AUCTION_PRICE", "1.25", "AUCTION_ID", "req-1");

  @Test
  void substitutesEveryKnownMacro() {
    assertThat(Macros.substitute("https://w.example/win?p=${AUCTION_PRICE}&a=${AUCTION_ID}&p2=${AUCTION_PRICE}", values))
        .isEqualTo("https://w.example/win?p=1.25&a=req-1&p2=1.25");
  }

  @Test
  void leavesMacrosWithoutDataAndBrokenSyntaxAlone() {
    assertThat(Macros.substitute("${AUCTION_LOSS}|${AUCTION_PRICE}|${unclosed", values))
        .isEqualTo("${AUCTION_LOSS}|1.25|${unclosed");
    assertThat(Macros.substitute("no macros here", values)).isEqualTo("no macros here");
    assertThat(Macros.substitute(null, values)).isNull();
  }
}
