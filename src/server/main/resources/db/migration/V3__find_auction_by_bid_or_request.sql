-- /api/auctions/{id} also takes a bid's id or the publisher's request id (an upstream such as
-- Prebid Server drops bidid): both are looked up by index.
CREATE INDEX bids_bid_id ON bids (bid_id);
CREATE INDEX auctions_request_id ON auctions (request_id);
