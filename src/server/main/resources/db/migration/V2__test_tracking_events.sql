-- Hits on a test auction's URLs (OpenRTB test=1: "auctions are not billable") are kept, marked,
-- and left out of billing, fraud and the reports.
ALTER TABLE tracking_events ADD COLUMN test boolean NOT NULL DEFAULT false;
