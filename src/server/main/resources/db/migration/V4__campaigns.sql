-- Campaigns as the admin API keeps them: the body is an entry of conf/campaigns.json. A deletion
-- keeps the row (deleted, its version raised) so that the campaigns topic can be told, and an id
-- can come back with a higher version. published_version: the newest version sent to the topic
-- (an outbox: what is below version is sent again until Kafka has it).
CREATE TABLE campaigns (
  id                text PRIMARY KEY,
  body              jsonb NOT NULL,
  version           integer NOT NULL,
  paused            boolean NOT NULL DEFAULT false,
  deleted           boolean NOT NULL DEFAULT false,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  updated_by        text NOT NULL,
  published_version integer NOT NULL DEFAULT 0
);

CREATE INDEX campaigns_unpublished ON campaigns (id) WHERE published_version < version;

-- Every change: who, when, what it was before and after ({version, status, campaign} or null).
CREATE TABLE campaign_audit (
  seq         bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  campaign_id text NOT NULL,
  version     integer NOT NULL,
  before      jsonb,
  after       jsonb
);

CREATE INDEX campaign_audit_campaign ON campaign_audit (campaign_id, seq);
