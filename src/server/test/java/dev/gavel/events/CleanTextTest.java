package dev.gavel.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;

/** Whatever a client sends, the text Gavel writes into its events is text PostgreSQL stores. */
class CleanTextTest {

  /** What PostgreSQL refuses in text and jsonb: NUL, and a surrogate that is not half of a pair. */
  static boolean storable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || Character.isLowSurrogate(c)) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  @Property(tries = 2000, seed = "20261201")
  void cleanTextIsStorableAndOnlyTheBadCharactersChange(
      @ForAll @CharRange(from = '\u0000', to = '\uffff') @Chars({'\u0000', '\ud83d', '\ude00', '\\'}) String s) {
    String clean = CleanText.clean(s);
    assertThat(storable(clean)).isTrue();
    assertThat(clean).hasSameSizeAs(s);
    for (int i = 0; i < s.length(); i++) {
      assertThat(clean.charAt(i) == s.charAt(i) || clean.charAt(i) == CleanText.REPLACEMENT).isTrue();
    }
    if (storable(s)) {
      assertThat(clean).isSameAs(s);
    }
  }

  @Property(tries = 2000, seed = "20261201")
  void eventJsonCarriesOnlyCleanTextInValuesAndNames(
      @ForAll @CharRange(from = '\u0000', to = '\uffff') @Chars({'\u0000', '\ud83d', '\ude00', '\\'}) String s) throws Exception {
    byte[] json = EventJson.write(Map.of("value", s, "name:" + s, 1));
    @SuppressWarnings("unchecked")
    Map<String, Object> back = new ObjectMapper().readValue(json, Map.class);
    assertThat(back.get("value")).isEqualTo(CleanText.clean(s));
    assertThat(back).containsKey("name:" + CleanText.clean(s));
  }

  @Example
  void theCasesTheFuzzerFound() {
    assertThat(CleanText.clean("pub\u0000lisher")).isEqualTo("pub\uFFFDlisher");
    assertThat(CleanText.clean("\ud800x")).isEqualTo("\uFFFDx");
    assertThat(CleanText.clean("x\udc00")).isEqualTo("x\uFFFD");
    assertThat(CleanText.clean("\ud83d\ude00")).isEqualTo("\ud83d\ude00"); // an emoji is a pair: kept
    assertThat(CleanText.clean("\\u0000")).isEqualTo("\\u0000"); // six characters, nothing wrong with them
  }
}
