package dev.gavel.tracking;

import dev.gavel.events.TrackingEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The payload of a token as compact bytes: a format byte, a kind byte (its top bit set for a test
 * auction's token, which older tokens never have), the strings, then the
 * numbers as unsigned varints, expiry as an offset from issue. Binary because it needs no escaping
 * and is about half the size of the same fields as JSON.
 *
 * <p>A string is a varint header, 0 for null, else {@code (byteLength << 2 | form) + 1}, then its
 * bytes. Ids Gavel mints are lowercase hex or UUIDs, so those travel as raw bytes (form
 * {@link #HEX} or {@link #UUID}), half their text size; anything else is UTF-8 ({@link #TEXT}).
 */
final class TokenCodec {
  /** 1: ten strings; 2: eleven, the frequency key last (format 1 tokens still in the wild decode with none). */
  private static final int FORMAT = 2;
  private static final int FORMAT_WITHOUT_FREQUENCY_KEY = 1;
  private static final int TEXT = 0;
  private static final int HEX = 1;
  private static final int UUID = 2;
  private static final int UUID_CHARS = 36;
  private static final int TEST_FLAG = 0x80;
  private static final HexFormat HEX_FORMAT = HexFormat.of();
  private static final List<String> KINDS = List.of(TrackingEvent.WIN, TrackingEvent.IMPRESSION, TrackingEvent.CLICK);

  private TokenCodec() {}

  /** A payload that does not decode: truncated, padded, or of an unknown format. */
  static final class MalformedPayloadException extends Exception {
    MalformedPayloadException(String message) {
      super(message);
    }
  }

  static byte[] encode(TrackingToken token) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    out.write(FORMAT);
    out.write(KINDS.indexOf(token.kind()) | (token.test() ? TEST_FLAG : 0));
    for (String field : new String[] {token.auctionId(), token.impId(), token.bidId(), token.seat(), token.campaignId(),
        token.bidder(), token.currency(), token.traceId(), token.notifyUrl(), token.landingUrl(), token.frequencyKey()}) {
      writeString(out, field);
    }
    writeVarLong(out, token.priceMicros());
    writeVarLong(out, token.issuedAtMs());
    writeVarLong(out, token.expiresAtMs() - token.issuedAtMs());
    return out.toByteArray();
  }

  static TrackingToken decode(byte[] payload) throws MalformedPayloadException {
    Reader in = new Reader(payload);
    int format = in.readByte();
    if (format != FORMAT && format != FORMAT_WITHOUT_FREQUENCY_KEY) {
      throw new MalformedPayloadException("unknown payload format");
    }
    int kindByte = in.readByte();
    boolean test = (kindByte & TEST_FLAG) != 0;
    int kind = kindByte & ~TEST_FLAG;
    if (kind >= KINDS.size()) {
      throw new MalformedPayloadException("unknown kind " + kind);
    }
    String[] strings = new String[format == FORMAT ? 11 : 10];
    for (int i = 0; i < strings.length; i++) {
      strings[i] = in.readString();
    }
    long price = in.readVarLong();
    long issued = in.readVarLong();
    long ttl = in.readVarLong();
    if (in.remaining() != 0 || issued + ttl < issued) {
      throw new MalformedPayloadException("trailing bytes or impossible expiry");
    }
    try {
      return new TrackingToken(KINDS.get(kind), strings[0], strings[1], strings[2], strings[3], strings[4], strings[5],
          price, strings[6], issued, issued + ttl, strings[7], strings[8], strings[9], test, format == FORMAT ? strings[10] : null);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedPayloadException(e.getMessage());
    }
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    if (value == null) {
      writeVarLong(out, 0);
      return;
    }
    int form;
    byte[] bytes;
    if (isLowerHex(value, 0, value.length()) && value.length() % 2 == 0 && !value.isEmpty()) {
      form = HEX;
      bytes = HEX_FORMAT.parseHex(value);
    } else if (isLowerUuid(value)) {
      form = UUID;
      bytes = HEX_FORMAT.parseHex(value.replace("-", ""));
    } else {
      form = TEXT;
      bytes = value.getBytes(StandardCharsets.UTF_8);
    }
    writeVarLong(out, ((long) bytes.length << 2 | form) + 1);
    out.writeBytes(bytes);
  }

  private static boolean isLowerUuid(String value) {
    if (value.length() != UUID_CHARS) {
      return false;
    }
    for (int dash : new int[] {8, 13, 18, 23}) {
      if (value.charAt(dash) != '-') {
        return false;
      }
    }
    return isLowerHex(value, 0, 8) && isLowerHex(value, 9, 13) && isLowerHex(value, 14, 18) && isLowerHex(value, 19, 23)
        && isLowerHex(value, 24, UUID_CHARS);
  }

  private static boolean isLowerHex(String value, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  private static void writeVarLong(ByteArrayOutputStream out, long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
  }

  /** Reads with bounds checks everywhere: a payload is only decoded after its MAC checked out, but still. */
  private static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int remaining() {
      return bytes.length - position;
    }

    int readByte() throws MalformedPayloadException {
      if (position >= bytes.length) {
        throw new MalformedPayloadException("truncated payload");
      }
      return bytes[position++] & 0xFF;
    }

    long readVarLong() throws MalformedPayloadException {
      long value = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        int b = readByte();
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new MalformedPayloadException("varint too long");
    }

    String readString() throws MalformedPayloadException {
      long header = readVarLong();
      if (header == 0) {
        return null;
      }
      int form = (int) ((header - 1) & 3);
      long length = (header - 1) >>> 2;
      if (length > remaining()) {
        throw new MalformedPayloadException("string longer than the payload");
      }
      int start = position;
      position += (int) length;
      return switch (form) {
        case TEXT -> new String(bytes, start, (int) length, StandardCharsets.UTF_8);
        case HEX -> HEX_FORMAT.formatHex(bytes, start, position);
        case UUID -> uuidText(start, (int) length);
        default -> throw new MalformedPayloadException("unknown string form " + form);
      };
    }

    private String uuidText(int start, int length) throws MalformedPayloadException {
      if (length != 16) {
        throw new MalformedPayloadException("a UUID is 16 bytes");
      }
      String hex = HEX_FORMAT.formatHex(bytes, start, start + 16);
      return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-' + hex.substring(16, 20)
          + '-' + hex.substring(20);
    }
  }
}
