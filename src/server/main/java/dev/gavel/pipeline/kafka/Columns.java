package dev.gavel.pipeline.kafka;

import io.vertx.sqlclient.Tuple;
import java.lang.reflect.Array;
import java.util.List;

/** A batch of rows turned into one array per column: the parameters of an {@code unnest} insert. */
public final class Columns {
  private Columns() {}

  /** @param types each column's element type, as the rows carry it (nulls allowed) */
  public static Tuple of(List<Tuple> rows, Class<?>... types) {
    Tuple columns = Tuple.tuple();
    for (int c = 0; c < types.length; c++) {
      Object array = Array.newInstance(types[c], rows.size());
      for (int r = 0; r < rows.size(); r++) {
        Array.set(array, r, rows.get(r).getValue(c));
      }
      columns.addValue(array);
    }
    return columns;
  }
}
