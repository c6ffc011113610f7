package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 Audio (section 3.2.8). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Audio(
    List<String> mimes,
    Integer minduration,
    Integer maxduration,
    List<Integer> protocols,
    List<Integer> api,
    ObjectNode ext) {

  public Audio {
    mimes = Lists.copyOrNull(mimes);
    protocols = Lists.copyOrNull(protocols);
    api = Lists.copyOrNull(api);
  }
}
