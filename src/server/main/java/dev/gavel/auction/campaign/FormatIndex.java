package dev.gavel.auction.campaign;

import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * Media type and size together, since which sizes count depends on the media type: banner
 * campaigns by the slot sizes they fit, video campaigns by player size, audio and native by type
 * alone. Same rules as {@link CampaignFilter#sizeFits}.
 */
final class FormatIndex {

  private final DimensionIndex<Size> bannerBySize;
  private final DimensionIndex<Size> videoBySize;
  private final BitSet allVideo;
  private final BitSet audio;
  private final BitSet nativeAds;

  private FormatIndex(Builder builder) {
    this.bannerBySize = builder.bannerBySize.build();
    this.videoBySize = builder.videoBySize.build();
    this.allVideo = (BitSet) builder.allVideo.clone();
    this.audio = (BitSet) builder.audio.clone();
    this.nativeAds = (BitSet) builder.nativeAds.clone();
  }

  /** Replaces {@code into} with the campaigns whose media type and size fit the slot. */
  void matching(AdSlot slot, BitSet into) {
    into.clear();
    Set<MediaType> offered = slot.mediaTypes();
    if (offered.contains(MediaType.BANNER)) {
      bannerBySize.orAny(into);
      List<Size> sizes = slot.bannerSizes();
      for (int i = 0; i < sizes.size(); i++) {
        bannerBySize.orNaming(sizes.get(i), into);
      }
    }
    if (offered.contains(MediaType.VIDEO)) {
      if (slot.videoSize() == null) {
        into.or(allVideo);
      } else {
        videoBySize.orAny(into);
        videoBySize.orNaming(slot.videoSize(), into);
      }
    }
    if (offered.contains(MediaType.AUDIO)) {
      into.or(audio);
    }
    if (offered.contains(MediaType.NATIVE)) {
      into.or(nativeAds);
    }
  }

  static final class Builder {
    private final DimensionIndex.Builder<Size> bannerBySize = new DimensionIndex.Builder<>();
    private final DimensionIndex.Builder<Size> videoBySize = new DimensionIndex.Builder<>();
    private final BitSet allVideo = new BitSet();
    private final BitSet audio = new BitSet();
    private final BitSet nativeAds = new BitSet();

    void add(Campaign campaign, int ordinal) {
      Set<Size> accepted = CampaignFilter.acceptedSizes(campaign);
      switch (campaign.mediaType()) {
        case BANNER -> bannerBySize.valuesOrAny(accepted, ordinal);
        case VIDEO -> {
          allVideo.set(ordinal);
          videoBySize.valuesOrAny(accepted, ordinal);
        }
        case AUDIO -> audio.set(ordinal);
        case NATIVE -> nativeAds.set(ordinal);
      }
    }

    FormatIndex build() {
      return new FormatIndex(this);
    }
  }
}
