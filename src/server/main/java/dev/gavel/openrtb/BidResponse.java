package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 BidResponse (section 4.2.1); {@code nbr} is the no-bid reason. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BidResponse(
    String id,
    List<SeatBid> seatbid,
    String bidid,
    String cur,
    String customdata,
    Integer nbr,
    ObjectNode ext) {

  public BidResponse {
    seatbid = Lists.copyOrNull(seatbid);
  }
}
