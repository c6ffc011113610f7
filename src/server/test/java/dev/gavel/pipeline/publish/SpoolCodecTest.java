package dev.gavel.pipeline.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.EventEnvelope;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The spool's record format, on any events and any damage a crash (or a disk) can do to a segment. */
class SpoolCodecTest {

  @Provide
  Arbitrary<EventEnvelope> envelopes() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
    Arbitrary<String> trace = Arbitraries.strings().alpha().numeric().ofMaxLength(55).injectNull(0.3)
        .map(t -> t == null || t.isEmpty() ? null : t);
    Arbitrary<byte[]> value = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return Combinators.combine(text, text, trace, value).as(EventEnvelope::new);
  }

  private static Buffer segment(List<EventEnvelope> envelopes) {
    Buffer b = Buffer.buffer();
    envelopes.forEach(e -> b.appendBuffer(SpoolCodec.encode(e)));
    return b;
  }

  private static void assertSame(List<EventEnvelope> actual, List<EventEnvelope> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      EventEnvelope a = actual.get(i);
      EventEnvelope e = expected.get(i);
      assertThat(a.type()).isEqualTo(e.type());
      assertThat(a.key()).isEqualTo(e.key());
      assertThat(a.traceId()).isEqualTo(e.traceId());
      assertThat(a.value()).isEqualTo(e.value());
    }
  }

  @Property(tries = 300, seed = "20261201")
  void whatIsWrittenIsReadBackInOrder(@ForAll @Size(max = 20) List<@From("envelopes") EventEnvelope> envelopes) {
    SpoolCodec.Decoded decoded = SpoolCodec.decode(segment(envelopes));
    assertThat(decoded.tornTail()).isFalse();
    assertSame(decoded.envelopes(), envelopes);
  }

  @Property(tries = 300, seed = "20261201")
  void aSegmentCutAnywhereGivesBackEveryWholeRecordBeforeTheCut(
      @ForAll @Size(min = 1, max = 10) List<@From("envelopes") EventEnvelope> envelopes, @ForAll double where) {
    Buffer whole = segment(envelopes);
    int cut = (int) (Math.abs(where) % 1.0 * whole.length());
    int wholeRecords = 0;
    int boundary = 0;
    while (wholeRecords < envelopes.size() && boundary + SpoolCodec.encode(envelopes.get(wholeRecords)).length() <= cut) {
      boundary += SpoolCodec.encode(envelopes.get(wholeRecords)).length();
      wholeRecords++;
    }
    SpoolCodec.Decoded decoded = SpoolCodec.decode(whole.getBuffer(0, cut));
    assertSame(decoded.envelopes(), envelopes.subList(0, wholeRecords));
    assertThat(decoded.tornTail()).isEqualTo(cut != boundary);
  }

  @Property(tries = 1000, seed = "20261201")
  void damagedBytesNeverThrowAndKeepTheRecordsBeforeTheDamage(
      @ForAll @Size(min = 1, max = 5) List<@From("envelopes") EventEnvelope> envelopes, @ForAll int position, @ForAll byte garbage) {
    Buffer damaged = segment(envelopes).copy();
    int at = Math.floorMod(position, damaged.length());
    damaged.setByte(at, (byte) (damaged.getByte(at) ^ (garbage == 0 ? 1 : garbage)));
    SpoolCodec.Decoded decoded = SpoolCodec.decode(damaged); // must not throw
    int before = 0;
    int offset = 0;
    while (before < envelopes.size() && offset + SpoolCodec.encode(envelopes.get(before)).length() <= at) {
      offset += SpoolCodec.encode(envelopes.get(before)).length();
      before++;
    }
    assertThat(decoded.envelopes().size()).isGreaterThanOrEqualTo(before);
    assertSame(decoded.envelopes().subList(0, before), envelopes.subList(0, before));
  }

  @net.jqwik.api.Example
  void aRecordWhoseFieldsOverrunItIsDamageNotACrash() {
    // bodyLength 10, a topic of 8 bytes that fills it: no room left for the key's length.
    Buffer segment = Buffer.buffer().appendInt(10).appendShort((short) 8).appendBytes(new byte[8]);
    SpoolCodec.Decoded decoded = SpoolCodec.decode(segment);
    assertThat(decoded.envelopes()).isEmpty();
    assertThat(decoded.tornTail()).isTrue();
  }

  @Property(tries = 500, seed = "20261201")
  void arbitraryBytesNeverThrow(@ForAll byte[] bytes) {
    SpoolCodec.decode(Buffer.buffer(bytes));
  }
}
