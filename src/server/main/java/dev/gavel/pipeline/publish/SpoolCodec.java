package dev.gavel.pipeline.publish;

import dev.gavel.events.EventEnvelope;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The spool's record format: {@code [int length][utf type][utf key][utf traceId][int n][n bytes value]},
 * each string as {@code [short length][bytes]}. A torn record at the end of a segment (the process
 * was killed mid-write) is detected by its length and dropped; everything before it is read.
 */
final class SpoolCodec {
  private SpoolCodec() {}

  static Buffer encode(EventEnvelope e) {
    byte[] type = e.type().getBytes(StandardCharsets.UTF_8);
    byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
    byte[] trace = (e.traceId() == null ? "" : e.traceId()).getBytes(StandardCharsets.UTF_8);
    if (type.length > 0xFFFF || key.length > 0xFFFF || trace.length > 0xFFFF) {
      throw new IllegalArgumentException("type, key and trace id must be under 64 KiB each");
    }
    int bodyLength = 2 + type.length + 2 + key.length + 2 + trace.length + 4 + e.value().length;
    return Buffer.buffer(4 + bodyLength)
        .appendInt(bodyLength)
        .appendShort((short) type.length).appendBytes(type)
        .appendShort((short) key.length).appendBytes(key)
        .appendShort((short) trace.length).appendBytes(trace)
        .appendInt(e.value().length).appendBytes(e.value());
  }

  /** Decoded records and whether the segment ended with a torn (partial) record. */
  record Decoded(List<EventEnvelope> envelopes, boolean tornTail) {}

  /**
   * Reads every whole record. Stops at the first that is incomplete (a torn tail) or does not add
   * up (lengths inconsistent with its size: the file was damaged): what came before it is kept.
   */
  static Decoded decode(Buffer segment) {
    List<EventEnvelope> out = new ArrayList<>();
    int pos = 0;
    int length = segment.length();
    while (pos + 4 <= length) {
      int bodyLength = segment.getInt(pos);
      if (bodyLength < 10 || bodyLength > length - pos - 4) {
        return new Decoded(out, true);
      }
      EventEnvelope envelope = record(segment, pos + 4, pos + 4 + bodyLength);
      if (envelope == null) {
        return new Decoded(out, true);
      }
      out.add(envelope);
      pos += 4 + bodyLength;
    }
    return new Decoded(out, pos != length);
  }

  /** The record in {@code [start, end)}, or null when its fields do not fill it exactly. */
  private static EventEnvelope record(Buffer b, int start, int end) {
    int p = start;
    String[] strings = new String[3];
    for (int i = 0; i < 3; i++) {
      if (p + 2 > end) {
        return null;
      }
      int n = b.getUnsignedShort(p);
      if (p + 2 + n > end) {
        return null;
      }
      strings[i] = b.getString(p + 2, p + 2 + n, "UTF-8");
      p += 2 + n;
    }
    if (p + 4 > end) {
      return null;
    }
    int valueLength = b.getInt(p);
    if (valueLength < 0 || p + 4 + valueLength != end) {
      return null;
    }
    byte[] value = b.getBytes(p + 4, end);
    return new EventEnvelope(strings[0], strings[1], strings[2].isEmpty() ? null : strings[2], value);
  }
}
