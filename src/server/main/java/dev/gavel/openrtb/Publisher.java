package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 Publisher (section 3.2.16). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Publisher(String id, String name, List<String> cat, String domain, ObjectNode ext) {

  public Publisher {
    cat = Lists.copyOrNull(cat);
  }
}
