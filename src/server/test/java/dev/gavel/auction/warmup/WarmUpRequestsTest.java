package dev.gavel.auction.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.auction.RequestValidator;
import dev.gavel.auction.campaign.CampaignLoader;
import dev.gavel.openrtb.BidRequest;
import dev.gavel.openrtb.InvalidJsonException;
import dev.gavel.openrtb.OpenRtbJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The warm-up's requests are what Gavel takes for real ones, and its broken ones are refused as real broken ones are. */
class WarmUpRequestsTest {
  private final OpenRtbJson json = new OpenRtbJson();
  private final RequestValidator validator = new RequestValidator();

  /** Refused (null), or the request as read: the same two steps and order as the auction's. */
  private String refusal(byte[] body) {
    BidRequest request;
    try {
      request = json.readBidRequest(body);
    } catch (InvalidJsonException e) {
      return "invalid_json";
    }
    RequestValidator.Verdict verdict = validator.check(request);
    return verdict.refused() ? verdict.all().get(0).field() : null;
  }

  @Test
  void oneInFortyIsRefusedEachInItsOwnWayAndTheRestAreAccepted() throws Exception {
    WarmUpRequests requests = new WarmUpRequests(
        new CampaignLoader().parse(Files.readAllBytes(Path.of("src/server/test/resources/campaigns-test.json"))));
    Set<String> refusals = new HashSet<>();
    int broken = 0;
    for (long n = 0; n < 40 * 12; n++) {
      String refusal = refusal(requests.body(n).getBytes());
      if (WarmUpRequests.invalid(n)) {
        broken++;
        assertThat(refusal).as("broken request %d", n).isNotNull();
        refusals.add(refusal);
      } else {
        assertThat(refusal).as("request %d", n).isNull();
      }
    }
    assertThat(broken).isEqualTo(12);
    assertThat(refusals).as("faults refused, by the field named").hasSizeGreaterThanOrEqualTo(5);
  }
}
