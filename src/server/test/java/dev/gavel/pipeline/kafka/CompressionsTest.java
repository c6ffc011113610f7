package dev.gavel.pipeline.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CompressionsTest {
  @Test
  void nativeCodecsLoadOnTheSupportedPlatforms() {
    // The build runs on Linux x86-64: the product jar's natives must cover it.
    assertEquals("snappy", Compressions.usable("snappy"));
    assertEquals("zstd", Compressions.usable("zstd"));
  }

  @Test
  void aNativeCodecThatCannotLoadFallsBackToLz4() {
    assertEquals("lz4", Compressions.usable("snappy", codec -> false));
    assertEquals("lz4", Compressions.usable("zstd", codec -> false));
  }

  @Test
  void codecsWithoutNativeCodeAreTakenAsConfigured() {
    for (String codec : new String[] {"none", "gzip", "lz4"}) {
      assertEquals(codec, Compressions.usable(codec, c -> {
        throw new AssertionError("no probe for " + c);
      }));
    }
  }
}
