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
-- Amounts are in CPM micros: one impression cleared at a 2.50 CPM is 2500000, and the money it
-- costs is that divided by 1000. Sums stay exact integers; the division happens once, when a
-- report or a budget reads them.
--
-- An append-only ledger: a charge per billable impression, a compensating credit when fraud
-- flags a charged impression. Never updated.
--   charge: entry_id = 'charge:' || the token id, so the same signed burl fired twice is billed once
--   credit: entry_id = 'credit:' || the charged impression's event id, so one credit per impression
CREATE TABLE spend_ledger (
  entry_id          text PRIMARY KEY,
  kind              text        NOT NULL CHECK (kind IN ('charge', 'credit')),
  auction_id        text        NOT NULL,
  subject_event_id  text        NOT NULL,   -- the impression charged or credited
  campaign_id       text,                   -- null for an external bidder's win
  seat              text        NOT NULL,
  hour              timestamptz NOT NULL,   -- the impression's hour, UTC
  cpm_micros        bigint      NOT NULL,   -- in the auction's currency; credits negative
  currency          text        NOT NULL,
  cpm_usd_micros    bigint      NOT NULL,   -- the same in USD, what budgets count
  rule_id           text,                   -- credits: the fraud rule behind it
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spend_ledger_subject ON spend_ledger (subject_event_id);
CREATE INDEX spend_ledger_campaign ON spend_ledger (campaign_id, hour);

-- Verdicts billing has seen: a verdict may arrive before or after the charge it concerns (they
-- travel on different topics); whichever comes second creates the credit.
CREATE TABLE billing_verdicts (
  subject_event_id  text NOT NULL,
  verdict_id        text NOT NULL,
  rule_id           text NOT NULL,
  PRIMARY KEY (subject_event_id, verdict_id)
);

-- Per seat and campaign per hour, maintained in the same statement as each ledger insert.
CREATE TABLE spend_hourly (
  seat                 text        NOT NULL,
  campaign_key         text        NOT NULL,  -- campaign id, or '' for an external bidder's wins
  hour                 timestamptz NOT NULL,
  impressions          bigint      NOT NULL DEFAULT 0,
  gross_cpm_usd_micros bigint      NOT NULL DEFAULT 0,
  invalid_impressions  bigint      NOT NULL DEFAULT 0,
  credit_cpm_usd_micros bigint     NOT NULL DEFAULT 0,  -- positive: what was credited back
  PRIMARY KEY (seat, campaign_key, hour)
);
