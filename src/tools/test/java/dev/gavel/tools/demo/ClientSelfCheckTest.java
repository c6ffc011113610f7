package dev.gavel.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class ClientSelfCheckTest {
  @Test
  void runsTheDemosTrafficAgainstABareServerAndReportsWhatTheClientAdds() throws Exception {
    DemoOptions options = DemoOptions.parse(new String[] {"--rate", "100"});
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    try {
      ClientSelfCheck.Result result = ClientSelfCheck.run(options, Inventory.load(Path.of("conf/campaigns.json")), http, scheduler);

      // 5 s at 100/s after a 1.25 s ramp: about 440 auctions, every one answered with the bare server's bid.
      assertThat(result.sent()).isBetween(300L, 500L);
      assertThat(result.answered()).isEqualTo(result.sent());
      assertThat(result.errors()).isZero();
      // Each winner's win notice and billing pixel, some duplicates and clicks: the pixel path ran too.
      assertThat(result.pixels()).isGreaterThanOrEqualTo(2 * result.answered());
      assertThat(result.p99Ms()).isPositive().isLessThanOrEqualTo(result.maxMs());
    } finally {
      scheduler.shutdownNow();
    }
  }
}
