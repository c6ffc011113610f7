package dev.gavel.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Defaults have one value: conf/gavel.yaml (built into the jar, merged under every config) says
 * what the code falls back to when a key is absent (as in the tests' JSON configs).
 */
class DefaultsTest {

  @Test
  void theShippedYamlSaysWhatTheCodeDefaultsTo() throws Exception {
    Map<String, Object> yaml = new Yaml().load(Files.readString(Path.of(ConfigLoader.DEFAULT_FILE)));
    GavelConfig shipped = GavelConfig.from(new JsonObject(yaml));
    GavelConfig code = GavelConfig.from(new JsonObject());

    assertThat(shipped.http()).isEqualTo(code.http());
    assertThat(shipped.verticles()).isEqualTo(code.verticles());
    assertThat(shipped.auction()).isEqualTo(code.auction());
    assertThat(shipped.currency()).isEqualTo(code.currency());
    assertThat(shipped.bidderClient()).isEqualTo(code.bidderClient());
    assertThat(shipped.kafka()).isEqualTo(code.kafka());
    assertThat(shipped.postgres()).isEqualTo(code.postgres());
    assertThat(shipped.embedded()).isEqualTo(code.embedded());
    // A per-start key is random: compare the rest of the tracking settings.
    assertThat(shipped.tracking().withKeys(List.of())).isEqualTo(code.tracking().withKeys(List.of()));
    assertThat(shipped.fraud()).isEqualTo(code.fraud());
    assertThat(shipped.warmUp()).isEqualTo(code.warmUp());
    // The bidders there are samples (disabled), not defaults: no bidder is the default.
    assertThat(shipped.bidders()).allSatisfy(b -> assertThat(b.enabled()).isFalse());
    assertThat(code.bidders()).isEmpty();
  }
}
