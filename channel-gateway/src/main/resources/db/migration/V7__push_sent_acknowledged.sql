-- When the last push of a listing was sent and when its store acknowledged it; pushed_at stays the time the gateway
-- last recorded the listing as in step (also when the store already showed the number and nothing was sent).
alter table listing_mapping add column push_sent_at timestamptz;
alter table listing_mapping add column push_acknowledged_at timestamptz;
