package dev.gavel.tracking;

import dev.gavel.config.TrackingConfig;
import dev.gavel.config.TrackingConfig.SigningKey;
import dev.gavel.tracking.Verification.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies tracking tokens: {@code <keyId>.<base64url(payload)>.<base64url(mac)>}, the
 * MAC being HMAC-SHA256 over {@code keyId + "." + payload}. The first configured key signs; every
 * configured key verifies, so keys rotate without breaking URLs in flight.
 *
 * <p>Thread-safe: {@link Mac} and {@link MessageDigest} are not, so each thread (event loop) gets
 * its own through instance-held ThreadLocals.
 */
public final class TokenSigner {
  private static final String HMAC = "HmacSHA256";
  private static final int MAC_BYTES = 32;
  private static final int TOKEN_ID_BYTES = 16;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  /** Far above any token Gavel makes; refuses absurd input before any work. */
  private static final int MAX_TOKEN_CHARS = 4096;

  private final Base64.Decoder decoder = Base64.getUrlDecoder();
  private final String signingKeyId;
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
  private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);
  private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(TokenSigner::newSha256);

  public TokenSigner(TrackingConfig config) {
    if (config.keys().isEmpty()) {
      throw new IllegalArgumentException("tracking needs at least one signing key");
    }
    for (SigningKey key : config.keys()) {
      keys.put(key.id(), new SecretKeySpec(key.secret().getBytes(StandardCharsets.UTF_8), HMAC));
    }
    this.signingKeyId = config.keys().get(0).id();
  }

  public String sign(TrackingToken token) {
    String signed = signingKeyId + '.' + ENCODER.encodeToString(TokenCodec.encode(token));
    return signed + '.' + ENCODER.encodeToString(mac(signingKeyId).doFinal(ascii(signed)));
  }

  /** Checks structure, key, signature and expiry, in that order; never throws. */
  public Verification verify(String token, long nowMs) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      return Verification.refused(Reason.MALFORMED);
    }
    int firstDot = token.indexOf('.');
    int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
    if (firstDot <= 0 || secondDot <= firstDot + 1 || secondDot == token.length() - 1 || token.indexOf('.', secondDot + 1) >= 0) {
      return Verification.refused(Reason.MALFORMED);
    }
    String keyId = token.substring(0, firstDot);
    if (!keys.containsKey(keyId)) {
      return Verification.refused(Reason.UNKNOWN_KEY);
    }
    byte[] givenMac = decodeCanonical(token.substring(secondDot + 1));
    if (givenMac == null || givenMac.length != MAC_BYTES) {
      return Verification.refused(Reason.MALFORMED);
    }
    byte[] expectedMac = mac(keyId).doFinal(ascii(token.substring(0, secondDot)));
    if (!MessageDigest.isEqual(expectedMac, givenMac)) {
      return Verification.refused(Reason.BAD_SIGNATURE);
    }
    byte[] payload = decodeCanonical(token.substring(firstDot + 1, secondDot));
    if (payload == null) {
      return Verification.refused(Reason.MALFORMED);
    }
    TrackingToken decoded;
    try {
      decoded = TokenCodec.decode(payload);
    } catch (TokenCodec.MalformedPayloadException e) {
      return Verification.refused(Reason.MALFORMED);
    }
    return decoded.expiredAt(nowMs) ? Verification.refused(Reason.EXPIRED) : Verification.accepted(decoded);
  }

  /**
   * A short digest naming this exact token (first 16 bytes of SHA-256, base64url: 22 chars), so
   * fraud detection can see one token used twice. Verified tokens are canonical (see
   * {@link #decodeCanonical}), so one token has exactly one spelling and one id.
   */
  public String tokenId(String token) {
    return idOf(token, sha256.get());
  }

  /** The same id, for tools outside the serving path (they match URLs they fired to stored events). */
  public static String tokenIdOf(String token) {
    return idOf(token, newSha256());
  }

  private static String idOf(String token, MessageDigest sha256) {
    byte[] digest = sha256.digest(token.getBytes(StandardCharsets.UTF_8));
    return ENCODER.encodeToString(Arrays.copyOf(digest, TOKEN_ID_BYTES));
  }

  /**
   * Decodes base64url, refusing spellings that are not the canonical one: a lenient decoder
   * ignores the unused low bits of the last character, which would let one token be spelled
   * several ways and slip past duplicate detection.
   */
  private byte[] decodeCanonical(String text) {
    try {
      byte[] bytes = decoder.decode(text);
      return ENCODER.encodeToString(bytes).equals(text) ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Mac mac(String keyId) {
    return macs.get().computeIfAbsent(keyId, id -> {
      try {
        Mac mac = Mac.getInstance(HMAC);
        mac.init(keys.get(id));
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HMAC-SHA256 is not available", e);
      }
    });
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
