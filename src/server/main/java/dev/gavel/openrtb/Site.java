package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 Site (section 3.2.13). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Site(
    String id,
    String name,
    String domain,
    List<String> cat,
    String page,
    String ref,
    String keywords,
    Integer mobile,
    Publisher publisher,
    ObjectNode ext) {

  public Site {
    cat = Lists.copyOrNull(cat);
  }
}
