package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 Native (section 3.2.9); {@code request} is the Native Ads payload as a string. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Native(
    String request, String ver, List<Integer> api, List<Integer> battr, ObjectNode ext) {

  public Native {
    api = Lists.copyOrNull(api);
    battr = Lists.copyOrNull(battr);
  }
}
