-- Gavel's event store. Every table is written idempotently: a natural or event id is the key and
-- inserts use ON CONFLICT DO NOTHING, so Kafka redelivery never duplicates a row.
-- Money is integer micros (1.50 = 1500000) with its ISO 4217 currency beside it.

-- Persistence consumer ----------------------------------------------------------------------
CREATE TABLE auctions (
  auction_id    text PRIMARY KEY,
  request_id    text        NOT NULL,
  trace_id      text        NOT NULL,
  occurred_at   timestamptz NOT NULL,
  test          boolean     NOT NULL,
  currency      text,
  tmax_ms       integer     NOT NULL,
  duration_ms   bigint      NOT NULL,
  inventory     text,
  publisher_id  text,
  device_type   integer,
  country       text,
  event         jsonb       NOT NULL          -- the whole auction event, for the trace API
);
CREATE INDEX auctions_occurred_at ON auctions (occurred_at);

CREATE TABLE bids (
  auction_id      text    NOT NULL,
  imp_id          text    NOT NULL,
  bid_id          text    NOT NULL,
  seat            text    NOT NULL,
  source          text    NOT NULL,
  campaign_id     text,
  deal_id         text,
  price_micros    bigint  NOT NULL,
  status          text    NOT NULL,        -- won | lost | rejected
  loss_reason     integer NOT NULL,        -- OpenRTB 2.6 loss reason code, 0 for the winner
  clearing_micros bigint,                  -- winners only
  PRIMARY KEY (auction_id, imp_id, bid_id, seat)
);
CREATE INDEX bids_campaign ON bids (campaign_id) WHERE campaign_id IS NOT NULL;

CREATE TABLE tracking_events (
  event_id      text PRIMARY KEY,
  auction_id    text        NOT NULL,
  kind          text        NOT NULL,      -- win | impression | click
  imp_id        text        NOT NULL,
  bid_id        text        NOT NULL,
  seat          text        NOT NULL,
  campaign_id   text,
  bidder        text,
  price_micros  bigint      NOT NULL,
  currency      text        NOT NULL,
  received_at   timestamptz NOT NULL,
  token_id      text        NOT NULL,
  ip            text,
  user_agent    text
);
CREATE INDEX tracking_events_auction ON tracking_events (auction_id);
CREATE INDEX tracking_events_campaign ON tracking_events (campaign_id, kind) WHERE campaign_id IS NOT NULL;

CREATE TABLE fraud_verdicts (
  verdict_id        text PRIMARY KEY,
  subject_event_id  text        NOT NULL,
  subject_kind      text        NOT NULL,
  auction_id        text        NOT NULL,
  rule_id           text        NOT NULL,
  evidence          text        NOT NULL,
  campaign_id       text,
  seat              text,
  price_micros      bigint      NOT NULL,
  currency          text        NOT NULL,
  decided_at        timestamptz NOT NULL
);
CREATE INDEX fraud_verdicts_auction ON fraud_verdicts (auction_id);
CREATE INDEX fraud_verdicts_rule ON fraud_verdicts (rule_id);

-- Billing consumer --------------------------------------------------------------------------
-- An append-only ledger: a charge per billable impression, a compensating credit per invalid-
-- traffic verdict on one. Never updated. entry_id is the source event's id (the impression's, or
-- the verdict's), so each is counted once even when Kafka redelivers it.
CREATE TABLE spend_ledger (
  entry_id        text PRIMARY KEY,
  kind            text        NOT NULL CHECK (kind IN ('charge', 'credit')),
  auction_id      text        NOT NULL,
  subject_event_id text       NOT NULL,   -- the impression charged or credited
  campaign_id     text,                   -- null for an external bidder's win
  seat            text        NOT NULL,
  hour            timestamptz NOT NULL,   -- the impression's hour, UTC
  amount_micros   bigint      NOT NULL,   -- charges positive, credits negative; per impression (CPM / 1000)
  currency        text        NOT NULL,
  amount_usd_micros bigint    NOT NULL,   -- the same amount in USD, what budgets count
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spend_ledger_campaign ON spend_ledger (campaign_id, hour);
CREATE UNIQUE INDEX spend_ledger_one_credit ON spend_ledger (subject_event_id) WHERE kind = 'credit';

-- Per campaign (or seat) per hour, maintained in the same transaction as each ledger insert.
CREATE TABLE spend_hourly (
  seat            text        NOT NULL,
  campaign_key    text        NOT NULL,   -- campaign id, or '' for an external bidder's wins
  hour            timestamptz NOT NULL,
  impressions     bigint      NOT NULL DEFAULT 0,
  gross_usd_micros  bigint    NOT NULL DEFAULT 0,
  credit_usd_micros bigint    NOT NULL DEFAULT 0,
  invalid_impressions bigint  NOT NULL DEFAULT 0,
  PRIMARY KEY (seat, campaign_key, hour)
);
