package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 Pmp (section 3.2.11): the private marketplace deals of an impression. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pmp(
    @JsonProperty("private_auction") Integer privateAuction, List<Deal> deals, ObjectNode ext) {

  public Pmp {
    deals = Lists.copyOrNull(deals);
  }
}
