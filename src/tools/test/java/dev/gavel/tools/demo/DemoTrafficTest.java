package dev.gavel.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.auction.RequestValidator;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.InvalidJsonException;
import dev.gavel.openrtb.OpenRtbJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoTrafficTest {
  private final OpenRtbJson json = new OpenRtbJson();
  private final RequestValidator validator = new RequestValidator();

  @Test
  void validRequestsPassGavelsChecksAndBrokenOnesFailThem() {
    RequestFactory factory = new RequestFactory(Inventory.load(Path.of("conf/campaigns.json")), 0.1);
    int valid = 0;
    int broken = 0;
    for (int i = 0; i < 3000; i++) {
      RequestFactory.Planned planned = factory.next();
      boolean accepted = accepted(planned.body());
      assertThat(accepted).as(planned.body()).isEqualTo(planned.valid());
      if (planned.valid()) {
        valid++;
      } else {
        broken++;
      }
    }
    assertThat(valid).isGreaterThan(2000);
    assertThat(broken).isGreaterThan(100);
  }

  @Test
  void trafficCoversTheSampleFormatsAndDeals() {
    Inventory inventory = Inventory.load(Path.of("conf/campaigns.json"));
    RequestFactory factory = new RequestFactory(inventory, 0);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      BidRequest r = json.readBidRequest(factory.next().body().getBytes(StandardCharsets.UTF_8));
      r.imp().forEach(imp -> {
        if (imp.banner() != null) {
          imp.banner().format().forEach(f -> seen.add(f.w() + "x" + f.h()));
        }
        if (imp.video() != null) {
          seen.add("video " + imp.video().w() + "x" + imp.video().h());
        }
        if (imp.audio() != null) {
          seen.add("audio");
        }
        if (imp.nativeAd() != null) {
          seen.add("native");
        }
        if (imp.pmp() != null) {
          imp.pmp().deals().forEach(d -> seen.add(d.id()));
        }
        if ("EUR".equals(imp.bidfloorcur())) {
          seen.add("EUR floor");
        }
      });
    }
    assertThat(seen).contains("300x250", "728x90", "320x50", "300x600", "160x600", "970x250", "video 640x480",
        "video 1920x1080", "audio", "native", "deal-premium-sports-001", "deal-sports-video-002", "deal-ctv-prime-003",
        "EUR floor");
  }

  @Test
  void findsTheClickUrlInBannerVastAndNativeMarkup() {
    String url = "http://127.0.0.1:8080/event?t=AbC-_1.x9";
    assertThat(Pixels.clickUrl("<a href=\"" + url + "\" target=\"_blank\"><img src=\"x.jpg\"></a>")).isEqualTo(url);
    assertThat(Pixels.clickUrl("<ClickThrough><![CDATA[" + url + "]]></ClickThrough>")).isEqualTo(url);
    assertThat(Pixels.clickUrl("{\"native\":{\"link\":{\"url\":\"" + url + "\"}}}")).isEqualTo(url);
    assertThat(Pixels.clickUrl("<div>external creative</div>")).isNull();
  }

  @Test
  void tablesAlignNumbersRightAndTextLeft() {
    String table = new TextTable("campaign", "imps", "net $").row("a", 1200L, "0.1234").row("longer-name", 5L, "12.0000")
        .render("");
    assertThat(table).isEqualTo("""
        campaign      imps    net $
        -----------  -----  -------
        a            1,200   0.1234
        longer-name      5  12.0000
        """);
  }

  private boolean accepted(String body) {
    try {
      return validator.validate(json.readBidRequest(body.getBytes(StandardCharsets.UTF_8))).isEmpty();
    } catch (InvalidJsonException e) {
      return false;
    }
  }
}
