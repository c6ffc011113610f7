package dev.gavel.auction.campaign;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The campaigns this node serves right now, replaced whole when they change (the campaign feed):
 * an auction reads one {@link CampaignIndex} and sees the old campaigns or the new, never a mix.
 * Also every campaign known, paused ones included, for the reports.
 */
public final class CampaignCatalog implements Supplier<CampaignIndex> {

  /** @param serving the active campaigns, indexed; @param all every campaign, paused ones too */
  private record Snapshot(CampaignIndex serving, List<Campaign> all) {}

  private final AtomicReference<Snapshot> current;

  public CampaignCatalog(List<Campaign> active) {
    this.current = new AtomicReference<>(new Snapshot(CampaignIndex.of(active), List.copyOf(active)));
  }

  /** The index auctions match against. */
  @Override
  public CampaignIndex get() {
    return current.get().serving();
  }

  /** Every campaign known, paused ones included. */
  public List<Campaign> all() {
    return current.get().all();
  }

  /** Swaps in a new set: {@code all} in order, of which {@code active} serve. */
  public void replace(List<Campaign> all, List<Campaign> active) {
    current.set(new Snapshot(CampaignIndex.of(active), List.copyOf(all)));
  }
}
