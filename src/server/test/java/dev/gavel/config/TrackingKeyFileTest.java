package dev.gavel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.testing.SharedServices;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackingKeyFileTest {

  private static TrackingConfig tracking(String keyFile, JsonObject... keys) {
    JsonObject section = new JsonObject().put("keyFile", keyFile);
    if (keys.length > 0) {
      section.put("keys", new io.vertx.core.json.JsonArray(List.of((Object[]) keys)));
    }
    return ConfigLoader.fromJson(new JsonObject().put("tracking", section), Map.of()).tracking();
  }

  @Test
  void theFirstStartMakesTheKeyAndEveryLaterStartSignsWithIt() throws Exception {
    Path file = SharedServices.tempDir("key").resolve("data").resolve("tracking-key");
    TrackingConfig first = TrackingKeyFile.resolve(tracking(file.toString()));
    TrackingConfig second = TrackingKeyFile.resolve(tracking(file.toString()));

    assertThat(first.ephemeral()).isFalse();
    assertThat(first.keys()).singleElement().satisfies(k -> {
      assertThat(k.id()).isEqualTo(TrackingKeyFile.KEY_ID);
      assertThat(k.secret()).hasSize(64);
    });
    assertThat(second.keys()).isEqualTo(first.keys());
    if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    assertThat(Files.list(file.getParent())).as("no temporary file left").containsExactly(file);
  }

  @Test
  void configuredKeysWinAndNoFileIsMade() {
    Path file = SharedServices.tempDir("key").resolve("tracking-key");
    JsonObject key = new JsonObject().put("id", "k1").put("secret", "x".repeat(40));
    TrackingConfig resolved = TrackingKeyFile.resolve(tracking(file.toString(), key));
    assertThat(resolved.keys()).extracting(TrackingConfig.SigningKey::id).containsExactly("k1");
    assertThat(file).doesNotExist();
  }

  @Test
  void withNoFileTheKeyLivesAsLongAsTheProcess() {
    TrackingConfig resolved = TrackingKeyFile.resolve(tracking(""));
    assertThat(resolved.ephemeral()).isTrue();
  }

  @Test
  void aDamagedFileIsAnErrorNamingItNotASilentNewKey() throws Exception {
    Path file = SharedServices.tempDir("key").resolve("tracking-key");
    Files.writeString(file, "{\"id\": \"local\", \"secret\": \"short\"}");
    assertThatThrownBy(() -> TrackingKeyFile.resolve(tracking(file.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining(file.toString()).hasMessageContaining("delete it");
    Files.writeString(file, "not json");
    assertThatThrownBy(() -> TrackingKeyFile.resolve(tracking(file.toString())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot be read");
  }
}
