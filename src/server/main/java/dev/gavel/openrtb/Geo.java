package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenRTB 2.6 Geo (section 3.2.19). Coordinates are not money, so double is fine here. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Geo(
    Double lat,
    Double lon,
    Integer type,
    Integer accuracy,
    String country,
    String region,
    String city,
    String zip,
    Integer utcoffset,
    ObjectNode ext) {}
