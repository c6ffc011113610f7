package dev.gavel.pipeline.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.events.CleanText;
import dev.gavel.events.EventJson;
import dev.gavel.testing.SharedServices;
import dev.gavel.testing.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The real database takes every string a client can send once it is in an event: as a text
 * column and inside the jsonb event, as persistence stores them (327 of 21,000 fuzzed auctions
 * used to be dead-lettered for a NUL or a lone surrogate).
 */
class StorableTextTest {
  private static Vertx vertx;
  private static Pool db;

  @BeforeContainer
  static void start() {
    vertx = TestVertx.create(TestVertx.registry());
    db = SharedServices.pool(vertx, SharedServices.createDatabase("text"));
  }

  @AfterContainer
  static void stop() {
    TestVertx.await(db.close());
    TestVertx.await(vertx.close());
  }

  @Property(tries = 300, seed = "20261201")
  void postgresStoresWhatEventsCarry(
      @ForAll @CharRange(from = '\u0000', to = '\uffff') @Chars({'\u0000', '\ud800', '\udfff', '\\', '"'}) String s) {
    String json = new String(EventJson.write(Map.of("publisherId", s, "k:" + s, 1)), StandardCharsets.UTF_8);
    Row row = TestVertx.await(db.preparedQuery("SELECT $1::text::jsonb ->> 'publisherId', $2::text")
        .execute(Tuple.of(json, EventRows.text(s)))).iterator().next();
    assertThat(row.getString(0)).isEqualTo(CleanText.clean(s));
    assertThat(row.getString(1)).isEqualTo(CleanText.clean(s));
  }
}
