package dev.gavel.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.openrtb.OpenRtbJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What counts as an insecure resource, and which banner sizes an imp takes. */
class CreativeChecksTest {
  private static final OpenRtbJson JSON = new OpenRtbJson();

  private static dev.gavel.openrtb.Imp imp(String json) {
    return JSON.readBidRequest(("{\"id\":\"r\",\"imp\":[" + json + "]}").getBytes(StandardCharsets.UTF_8)).imp().get(0);
  }

  private static dev.gavel.openrtb.Bid bid(String fields) {
    return JSON.readBidResponse(("{\"id\":\"r\",\"seatbid\":[{\"bid\":[{\"id\":\"b\",\"impid\":\"1\",\"price\":1" + fields + "}]}]}")
        .getBytes(StandardCharsets.UTF_8)).seatbid().get(0).bid().get(0);
  }

  @Test
  void anyLoadedHttpResourceFailsASecureImpButALinkDoesNot() {
    dev.gavel.openrtb.Imp secure = imp("{\"id\":\"1\",\"secure\":1,\"banner\":{\"w\":300,\"h\":250}}");
    assertThat(CreativeChecks.insecure(secure, bid(",\"adm\":\"<IMG SRC='HTTP://cdn.example/a.png'>\""))).contains("HTTP://cdn.example");
    assertThat(CreativeChecks.insecure(secure, bid(",\"adm\":\"{\\\"img\\\":\\\"http:\\\\/\\\\/cdn.example\\\\/a.png\\\"}\"")))
        .isNotNull(); // escaped, as in native JSON
    assertThat(CreativeChecks.insecure(secure, bid(",\"adm\":\"<a HREF = \\\"http://advertiser.example\\\">x</a>\""))).isNull();
    assertThat(CreativeChecks.insecure(secure, bid(",\"adm\":\"<img src='https://cdn.example/a.png'>\""))).isNull();
    dev.gavel.openrtb.Imp plain = imp("{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}");
    assertThat(CreativeChecks.insecure(plain, bid(",\"adm\":\"<img src='http://cdn.example/a.png'>\""))).isNull();
  }

  @Test
  void aBannerBidMustBeOneOfTheImpsSizes() {
    dev.gavel.openrtb.Imp twoSizes = imp("{\"id\":\"1\",\"banner\":{\"format\":[{\"w\":300,\"h\":250},{\"w\":728,\"h\":90}]}}");
    assertThat(CreativeChecks.wrongSize(twoSizes, bid(",\"w\":728,\"h\":90"))).isNull();
    assertThat(CreativeChecks.wrongSize(twoSizes, bid(",\"w\":320,\"h\":50"))).contains("320x50");
    assertThat(CreativeChecks.wrongSize(twoSizes, bid(""))).contains("no size");
    dev.gavel.openrtb.Imp oneSize = imp("{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250}}");
    assertThat(CreativeChecks.wrongSize(oneSize, bid(""))).isNull();
    dev.gavel.openrtb.Imp multiFormat = imp("{\"id\":\"1\",\"banner\":{\"w\":300,\"h\":250},\"video\":{\"mimes\":[\"video/mp4\"]}}");
    assertThat(CreativeChecks.wrongSize(multiFormat, bid(",\"mtype\":2,\"w\":640,\"h\":480"))).isNull(); // a video bid
  }
}
