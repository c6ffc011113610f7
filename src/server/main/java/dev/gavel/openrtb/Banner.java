package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 Banner (section 3.2.6). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Banner(
    List<Format> format,
    Integer w,
    Integer h,
    List<Integer> btype,
    List<Integer> battr,
    Integer pos,
    List<String> mimes,
    List<Integer> api,
    String id,
    ObjectNode ext) {

  public Banner {
    format = Lists.copyOrNull(format);
    btype = Lists.copyOrNull(btype);
    battr = Lists.copyOrNull(battr);
    mimes = Lists.copyOrNull(mimes);
    api = Lists.copyOrNull(api);
  }
}
