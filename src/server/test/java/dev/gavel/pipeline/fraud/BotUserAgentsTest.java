package dev.gavel.pipeline.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BotUserAgentsTest {

  private final BotUserAgents bots = new BotUserAgents(SharedAnalyzer.INSTANCE);

  @Test
  void browsersAreNotBots() {
    assertThat(bots.botEvidence(TestEvents.CHROME)).isEmpty();
    assertThat(bots.botEvidence("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
        + "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1")).isEmpty();
    assertThat(bots.botEvidence("Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0")).isEmpty();
  }

  @Test
  void toolsAndCrawlersAreRobots() {
    assertThat(bots.botEvidence("curl/8.5.0")).contains("user agent 'curl/8.5.0' is Robot");
    assertThat(bots.botEvidence("python-requests/2.31.0")).hasValueSatisfying(e -> assertThat(e).endsWith("is Robot"));
    assertThat(bots.botEvidence("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
        .hasValueSatisfying(e -> assertThat(e).contains("Googlebot").containsPattern("is Robot"));
  }

  @Test
  void aMissingUserAgentCountsAsABot() {
    assertThat(bots.botEvidence(null)).contains("no user agent");
    assertThat(bots.botEvidence("  ")).contains("no user agent");
  }

  @Test
  void evidenceQuotesLongOrControlCharacterAgentsSafely() {
    String evidence = bots.botEvidence("curl/8.5.0 " + "x".repeat(500) + "\n").orElseThrow();
    assertThat(evidence).hasSizeLessThan(150).doesNotContain("\n");
  }
}
