package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 Dooh (section 3.2.15): a digital out-of-home screen. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dooh(
    String id,
    String name,
    List<String> venuetype,
    Integer venuetypetax,
    Publisher publisher,
    String domain,
    ObjectNode ext) {

  public Dooh {
    venuetype = Lists.copyOrNull(venuetype);
  }
}
