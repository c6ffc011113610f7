package dev.gavel.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.testing.GavelHarness;
import dev.gavel.testing.SharedServices;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A restart must not void the win, billing and click URLs already in browsers (issue 8, item 2). */
class TrackingKeyRestartTest {

  @Test
  void aBillingUrlSignedBeforeARestartIsAcceptedAfterIt() {
    Map<String, String> env = Map.of(
        "GAVEL_TRACKING_KEY_FILE", SharedServices.tempDir("restart").resolve("tracking-key").toString(),
        "GAVEL_AUCTION_CAMPAIGNS_FILE", "src/server/test/resources/campaigns-test.json");
    String burl;
    GavelHarness before = GavelHarness.fromConfFile("restart-1", env);
    try {
      burl = PipelineTest.winningBid(before.postAuction(PipelineTest.banner("restart-1", 300, 250).encode())).getString("burl");
    } finally {
      before.close();
    }

    GavelHarness after = GavelHarness.fromConfFile("restart-2", env);
    try {
      URI signed = URI.create(burl);
      // The restarted Gavel listens elsewhere in this test: the same path and token, its port.
      int status = after.send(HttpRequest.newBuilder(after.uri(signed.getRawPath() + "?" + signed.getRawQuery()))
          .header("User-Agent", PipelineTest.CHROME).GET().build()).statusCode();
      assertThat(status).as("the pixel after the restart").isEqualTo(204);
    } finally {
      after.close();
    }
  }
}
