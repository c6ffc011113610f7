package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 Video (section 3.2.7). {@code placement} is deprecated in favour of plcmt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Video(
    List<String> mimes,
    Integer minduration,
    Integer maxduration,
    List<Integer> protocols,
    Integer w,
    Integer h,
    Integer startdelay,
    Integer plcmt,
    Integer placement,
    Integer linearity,
    Integer skip,
    List<Integer> battr,
    Integer pos,
    List<Integer> api,
    ObjectNode ext) {

  public Video {
    mimes = Lists.copyOrNull(mimes);
    protocols = Lists.copyOrNull(protocols);
    battr = Lists.copyOrNull(battr);
    api = Lists.copyOrNull(api);
  }
}
