package dev.gavel.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.auction.WinnerTracking.Urls;
import dev.gavel.auction.WinnerTracking.TrackedWin;
import dev.gavel.config.TrackingConfig;
import dev.gavel.events.TrackingEvent;
import org.junit.jupiter.api.Test;

class TrackingUrlsTest {
  private static final long NOW = TokenSignerTest.NOW;
  private final TrackingConfig config = TokenSignerTest.config(TokenSignerTest.NEW);
  private final TokenSigner signer = new TokenSigner(config);
  private final TrackingUrls urls = new TrackingUrls(config, signer);

  @Test
  void aCampaignGetsWinImpressionAndALongerLivedClick() {
    Urls made = urls.forWinner(new TrackedWin("auc-1", "1", "b1", "gavel", "cmp-7", null, 2_000_000, "USD", "trace-1",
        null, null, "https://advertiser.example.com/"), NOW);

    TrackingToken win = tokenOf(made.win());
    TrackingToken impression = tokenOf(made.impression());
    TrackingToken click = tokenOf(made.click());
    assertThat(win.kind()).isEqualTo(TrackingEvent.WIN);
    assertThat(impression.kind()).isEqualTo(TrackingEvent.IMPRESSION);
    assertThat(click.kind()).isEqualTo(TrackingEvent.CLICK);
    assertThat(win.expiresAtMs()).isEqualTo(NOW + config.ttlSeconds() * 1000L);
    assertThat(click.expiresAtMs()).isEqualTo(NOW + config.clickTtlSeconds() * 1000L);
    assertThat(click.landingUrl()).isEqualTo("https://advertiser.example.com/");
    assertThat(win.landingUrl()).isNull();
    assertThat(win.notifyUrl()).isNull();
    assertThat(win.campaignId()).isEqualTo("cmp-7");
    assertThat(win.priceMicros()).isEqualTo(2_000_000);
  }

  @Test
  void anExternalWinnerCarriesItsOwnNoticesAndNoClick() {
    Urls made = urls.forWinner(new TrackedWin("auc-1", "1", "b1", "dsp1", null, "dsp1", 2_000_000, "USD", "trace-1",
        "https://dsp.example/win?p=2.00", "https://dsp.example/bill?p=2.00", null), NOW);
    assertThat(made.click()).isNull();
    assertThat(tokenOf(made.win()).notifyUrl()).isEqualTo("https://dsp.example/win?p=2.00");
    assertThat(tokenOf(made.impression()).notifyUrl()).isEqualTo("https://dsp.example/bill?p=2.00");
    assertThat(tokenOf(made.win()).bidder()).isEqualTo("dsp1");
  }

  @Test
  void refusesAWinnerThatIsBothOrNeither() {
    assertThatThrownBy(() -> urls.forWinner(new TrackedWin("a", "1", "b", "s", "cmp", "dsp", 1, "USD", "t", null, null, null), 0L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> urls.forWinner(new TrackedWin("a", "1", "b", "s", null, null, 1, "USD", "t", null, null, null), 0L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private TrackingToken tokenOf(String url) {
    assertThat(url).startsWith("https://track.example.com/event?t=");
    Verification verification = signer.verify(url.substring(url.indexOf("t=") + 2), NOW);
    assertThat(verification.valid()).isTrue();
    return verification.token();
  }
}
