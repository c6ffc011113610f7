package dev.gavel.pipeline.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenUsesTest {

  @Test
  void eachEventKeepsItsUseNumberWhenSeenAgain() {
    TokenUses uses = new TokenUses(10, 60_000);
    for (int i = 1; i <= 12; i++) {
      assertThat(uses.recordUse("t", "e" + i, i)).isEqualTo(i);
    }
    assertThat(uses.recordUse("t", "e1", 20)).isEqualTo(1);
    assertThat(uses.recordUse("t", "e" + TokenUses.REMEMBERED_EVENT_IDS, 20)).isEqualTo(TokenUses.REMEMBERED_EVENT_IDS);
    // Past the remembered ids a repeat counts again: it can only repeat a verdict already given.
    assertThat(uses.recordUse("t", "e12", 20)).isEqualTo(13);
  }

  @Test
  void tokensAreForgottenAfterTheRetentionOrBeyondTheCap() {
    TokenUses uses = new TokenUses(2, 60_000);
    uses.recordUse("a", "e1", 0);
    uses.recordUse("b", "e2", 1);
    uses.recordUse("c", "e3", 2);
    assertThat(uses.size()).isEqualTo(2);
    assertThat(uses.recordUse("a", "e4", 3)).isEqualTo(1);
    uses.expire(60_003);
    assertThat(uses.size()).isZero();
  }
}
