package dev.gavel.tools.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;

/**
 * One answered request, and for an auction what kind of answer it was: a bid (a 200 with
 * {@code seatbid}), a no-bid (204), or a shed no-bid (a 200 with {@code nbr} and no seat bid:
 * Gavel would not run it). Read by a byte search, not a JSON parse: the client must stay cheap.
 */
record Answer(int status, int kind) {
  static final int UNREAD = 0;
  static final int BID = 1;
  static final int NO_BID = 2;
  static final int SHED = 3;
  static final int OTHER = 4;
  static final int KINDS = 5;

  private static final ByteBuf SEATBID = Unpooled.copiedBuffer("\"seatbid\"", StandardCharsets.US_ASCII);
  private static final ByteBuf NBR = Unpooled.copiedBuffer("\"nbr\"", StandardCharsets.US_ASCII);

  static int kind(int status, Buffer body) {
    if (status == 204) {
      return NO_BID;
    }
    if (status != 200 || body == null) {
      return OTHER;
    }
    ByteBuf bytes = ((BufferInternal) body).getByteBuf();
    if (ByteBufUtil.indexOf(SEATBID.duplicate(), bytes) >= 0) {
      return BID;
    }
    return ByteBufUtil.indexOf(NBR.duplicate(), bytes) >= 0 ? SHED : OTHER;
  }
}
