package dev.gavel.tracking;

import dev.gavel.events.TrackingEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The payload of a token as compact bytes: a format byte, a kind byte, the strings as
 * length-prefixed UTF-8 (length + 1, so 0 can mean null) and the numbers as unsigned varints,
 * expiry as an offset from issue. Binary because it needs no escaping and is about half the size
 * of the same fields as JSON.
 */
final class TokenCodec {
  private static final int FORMAT = 1;
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
    out.write(KINDS.indexOf(token.kind()));
    for (String field : new String[] {token.auctionId(), token.impId(), token.bidId(), token.seat(), token.campaignId(),
        token.bidder(), token.currency(), token.traceId(), token.notifyUrl(), token.landingUrl()}) {
      writeString(out, field);
    }
    writeVarLong(out, token.priceMicros());
    writeVarLong(out, token.issuedAtMs());
    writeVarLong(out, token.expiresAtMs() - token.issuedAtMs());
    return out.toByteArray();
  }

  static TrackingToken decode(byte[] payload) throws MalformedPayloadException {
    Reader in = new Reader(payload);
    if (in.readByte() != FORMAT) {
      throw new MalformedPayloadException("unknown payload format");
    }
    int kind = in.readByte();
    if (kind >= KINDS.size()) {
      throw new MalformedPayloadException("unknown kind " + kind);
    }
    String[] strings = new String[10];
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
          price, strings[6], issued, issued + ttl, strings[7], strings[8], strings[9]);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedPayloadException(e.getMessage());
    }
  }

  private static void writeString(ByteArrayOutputStream out, String value) {
    if (value == null) {
      writeVarLong(out, 0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeVarLong(out, bytes.length + 1L);
    out.writeBytes(bytes);
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
      long lengthPlusOne = readVarLong();
      if (lengthPlusOne == 0) {
        return null;
      }
      if (lengthPlusOne - 1 > remaining()) {
        throw new MalformedPayloadException("string longer than the payload");
      }
      int length = (int) (lengthPlusOne - 1);
      String value = new String(bytes, position, length, StandardCharsets.UTF_8);
      position += length;
      return value;
    }
  }
}
