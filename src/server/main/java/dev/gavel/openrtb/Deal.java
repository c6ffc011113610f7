package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/** OpenRTB 2.6 Deal (section 3.2.12). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deal(
    String id,
    BigDecimal bidfloor,
    String bidfloorcur,
    Integer at,
    List<String> wseat,
    List<String> wadomain,
    ObjectNode ext) {

  public Deal {
    wseat = Lists.copyOrNull(wseat);
    wadomain = Lists.copyOrNull(wadomain);
  }
}
