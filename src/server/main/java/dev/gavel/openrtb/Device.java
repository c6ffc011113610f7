package dev.gavel.openrtb;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenRTB 2.6 Device (section 3.2.18). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Device(
    String ua,
    Geo geo,
    Integer dnt,
    Integer lmt,
    String ip,
    String ipv6,
    Integer devicetype,
    String make,
    String model,
    String os,
    String osv,
    Integer h,
    Integer w,
    Integer js,
    String language,
    String carrier,
    Integer connectiontype,
    String ifa,
    ObjectNode ext) {}
