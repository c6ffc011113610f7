package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenRTB 2.6 SeatBid (section 4.2.2). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeatBid(List<Bid> bid, String seat, Integer group, ObjectNode ext) {

  public SeatBid {
    bid = Lists.copyOrNull(bid);
  }
}
