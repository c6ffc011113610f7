package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/** OpenRTB 2.6 Imp (section 3.2.4). {@code native} is a Java keyword, hence {@code nativeAd}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Imp(
    String id,
    List<Metric> metric,
    Banner banner,
    Video video,
    Audio audio,
    @JsonProperty("native") Native nativeAd,
    Pmp pmp,
    String displaymanager,
    String displaymanagerver,
    Integer instl,
    String tagid,
    BigDecimal bidfloor,
    String bidfloorcur,
    Integer clickbrowser,
    Integer secure,
    Integer exp,
    Integer rwdd,
    ObjectNode ext) {

  public Imp {
    metric = Lists.copyOrNull(metric);
  }

  /** True if the impression can be filled by at least one media type. */
  public boolean offersMedia() {
    return banner != null || video != null || audio != null || nativeAd != null;
  }
}
