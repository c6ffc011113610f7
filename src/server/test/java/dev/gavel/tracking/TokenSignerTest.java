package dev.gavel.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.config.TrackingConfig;
import dev.gavel.config.TrackingConfig.SigningKey;
import dev.gavel.events.TrackingEvent;
import dev.gavel.tracking.Verification.Reason;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSignerTest {
  static final SigningKey OLD = new SigningKey("k1", "old-secret-old-secret-old-secret-0001");
  static final SigningKey NEW = new SigningKey("k2", "new-secret-new-secret-new-secret-0002");
  static final long NOW = 1_760_000_000_000L;

  private final TokenSigner signer = new TokenSigner(config(NEW, OLD));

  static TrackingConfig config(SigningKey... keys) {
    return new TrackingConfig("https://track.example.com", List.of(keys), 3600, 86400, 3, "");
  }

  /** A campaign's win token as the auction makes it: UUID auction id, 16-hex bid id, 32-hex trace id. */
  static TrackingToken campaignWin(long issuedAtMs, long expiresAtMs) {
    return new TrackingToken(TrackingEvent.WIN, "8f14e45f-ceea-467a-9f3b-5d1a2c7e9b10", "1", "c0ffee12deadbeef", "gavel",
        "cmp-42", null, 1_230_000, "USD", issuedAtMs, expiresAtMs, "4bf92f3577b34da6a3ce929d0e0e4736", null, null);
  }

  @Test
  void roundTripsEveryField() {
    TrackingToken external = new TrackingToken(TrackingEvent.IMPRESSION, "a-1", "imp-2", "b-3", "dsp", null, "dsp", 987_654_321,
        "EUR", NOW, NOW + 1000, "trace", "https://dsp.example/burl?p=9.87&é=ü", null);
    for (TrackingToken token : List.of(campaignWin(NOW, NOW + 3_600_000), external)) {
      Verification v = signer.verify(signer.sign(token), NOW + 1);
      assertThat(v.valid()).isTrue();
      assertThat(v.token()).isEqualTo(token);
    }
  }

  @Test
  void aTestAuctionsTokenSaysSoAndALiveOneStaysAsItWas() {
    TrackingToken live = campaignWin(NOW, NOW + 3_600_000);
    TrackingToken test = new TrackingToken(live.kind(), live.auctionId(), live.impId(), live.bidId(), live.seat(), live.campaignId(),
        live.bidder(), live.priceMicros(), live.currency(), live.issuedAtMs(), live.expiresAtMs(), live.traceId(), null, null, true);
    assertThat(signer.verify(signer.sign(test), NOW + 1).token().test()).isTrue();
    assertThat(signer.verify(signer.sign(live), NOW + 1).token().test()).isFalse();
    // The flag rides in a bit live tokens never set: a live token is byte for byte what it was.
    assertThat(signer.sign(test)).hasSameSizeAs(signer.sign(live)).isNotEqualTo(signer.sign(live));
  }

  @Test
  void idsOfEveryShapeRoundTripExactly() {
    for (String id : List.of("", "0", "ab", "abc", "AB", "c0ffee12deadbeef", "8F14E45F-CEEA-467A-9F3B-5D1A2C7E9B10",
        "8f14e45f-ceea-467a-9f3b-5d1a2c7e9b10", "8f14e45f-ceea-467a-9f3b-5d1a2c7e9b1g", "8f14e45fxceea-467a-9f3b-5d1a2c7e9b10",
        "ünïcödé", "x".repeat(100))) {
      TrackingToken token = new TrackingToken(TrackingEvent.CLICK, id, id, id, id, id, id, Long.MAX_VALUE - 1, id, 0, Long.MAX_VALUE,
          id, id, id);
      assertThat(signer.verify(signer.sign(token), 0).token()).as(id).isEqualTo(token);
    }
  }

  @Test
  void typicalWinTokenIsCompact() {
    String token = signer.sign(campaignWin(NOW, NOW + 3_600_000));
    assertThat(token).startsWith("k2.").matches("[A-Za-z0-9_.-]+");
    assertThat(token.length()).isLessThan(160);
  }

  @Test
  void alteredPayloadOrMacIsABadSignature() {
    String token = signer.sign(campaignWin(NOW, NOW + 3_600_000));
    String[] parts = token.split("\\.");
    String alteredPayload = parts[0] + "." + flipFirstChar(parts[1]) + "." + parts[2];
    String alteredMac = parts[0] + "." + parts[1] + "." + flipFirstChar(parts[2]);
    assertThat(signer.verify(alteredPayload, NOW).reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(signer.verify(alteredMac, NOW).reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void aPriceRaisedWithAValidLookingPayloadIsABadSignature() {
    String token = signer.sign(campaignWin(NOW, NOW + 3_600_000));
    String[] parts = token.split("\\.");
    TrackingToken dearer = campaignWin(NOW, NOW + 3_600_000);
    dearer = new TrackingToken(dearer.kind(), dearer.auctionId(), dearer.impId(), dearer.bidId(), dearer.seat(), dearer.campaignId(),
        null, 99_000_000, "USD", NOW, NOW + 3_600_000, dearer.traceId(), null, null);
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(TokenCodec.encode(dearer)) + "." + parts[2];
    assertThat(signer.verify(forged, NOW).reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void truncatedGarbageAndEmptyAreMalformed() {
    String token = signer.sign(campaignWin(NOW, NOW + 3_600_000));
    for (String bad : List.of(token.substring(0, token.length() - 1), token.substring(0, token.lastIndexOf('.')),
        token.substring(0, token.lastIndexOf('.') + 1), token.substring(0, 10), "garbage", "a.b.c.d", "..", "", "k2..x",
        token + "A", token + ".x", "x".repeat(5000))) {
      assertThat(signer.verify(bad, NOW).reason()).as(bad).isEqualTo(Reason.MALFORMED);
    }
    assertThat(signer.verify(null, NOW).reason()).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void aSecondSpellingOfTheSameMacIsRefused() {
    String token = signer.sign(campaignWin(NOW, NOW + 3_600_000));
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // 32 MAC bytes leave 2 unused bits in the last base64 character; a lenient decoder ignores them.
    char last = token.charAt(token.length() - 1);
    String alias = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String mac = token.substring(token.lastIndexOf('.') + 1);
    String aliasMac = alias.substring(alias.lastIndexOf('.') + 1);
    assertThat(Base64.getUrlDecoder().decode(aliasMac)).isEqualTo(Base64.getUrlDecoder().decode(mac));
    assertThat(signer.verify(alias, NOW).reason()).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void expiresAtItsExpiryTime() {
    String token = signer.sign(campaignWin(NOW, NOW + 1000));
    assertThat(signer.verify(token, NOW + 999).valid()).isTrue();
    assertThat(signer.verify(token, NOW + 1000).reason()).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void rotationKeepsOldTokensValidUntilTheKeyIsRemoved() {
    TokenSigner before = new TokenSigner(config(OLD));
    String oldToken = before.sign(campaignWin(NOW, NOW + 3_600_000));
    assertThat(oldToken).startsWith("k1.");
    assertThat(signer.verify(oldToken, NOW).valid()).isTrue();
    assertThat(signer.sign(campaignWin(NOW, NOW + 3_600_000))).startsWith("k2.");

    TokenSigner after = new TokenSigner(config(NEW));
    assertThat(after.verify(oldToken, NOW).reason()).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void aKeyIdWithTheWrongSecretIsABadSignature() {
    TokenSigner impostor = new TokenSigner(config(new SigningKey("k2", "not-the-real-secret-not-the-real-secret")));
    assertThat(signer.verify(impostor.sign(campaignWin(NOW, NOW + 3_600_000)), NOW).reason()).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void tokenIdIsStableShortAndDistinct() {
    String a = signer.sign(campaignWin(NOW, NOW + 3_600_000));
    String b = signer.sign(campaignWin(NOW + 1, NOW + 3_600_000));
    assertThat(signer.tokenId(a)).isEqualTo(signer.tokenId(a)).isEqualTo(new TokenSigner(config(NEW, OLD)).tokenId(a)).hasSize(22);
    assertThat(signer.tokenId(a)).isNotEqualTo(signer.tokenId(b));
  }

  private static String flipFirstChar(String text) {
    char first = text.charAt(0);
    return (first == 'A' ? 'B' : 'A') + text.substring(1);
  }
}
