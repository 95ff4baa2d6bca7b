-- Per SKU, the availability version a confirmed reservation first shows in, so a repeated request answers the same.
alter table reservation_request add column availability_versions jsonb;
