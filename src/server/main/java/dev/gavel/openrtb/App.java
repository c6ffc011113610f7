package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 App (section 3.2.14). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record App(
    String id,
    String name,
    String bundle,
    String domain,
    String storeurl,
    List<String> cat,
    String ver,
    Integer paid,
    String keywords,
    Publisher publisher,
    ObjectNode ext) {

  public App {
    cat = Lists.copyOrNull(cat);
  }
}
