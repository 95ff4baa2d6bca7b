-- A location without daily limits has every order counting on one row per day, so concurrent orders queued on
-- that row's lock. Its use is now spread over slots (the order's hash picks one) and read as their sum; a location
-- with limits keeps counting on slot 0, which each check locks and compares, with the other slots, to the limits.
alter table capacity_usage add column slot smallint not null default 0 check (slot >= 0);
alter table capacity_usage drop constraint capacity_usage_pkey;
alter table capacity_usage add primary key (location_id, day, slot);

-- The slot an order's hold was counted in, so giving it back lowers the same row.
alter table capacity_hold add column slot smallint not null default 0;

-- Every order reads the day's use of all locations; without this it would scan every day kept.
create index capacity_usage_day_idx on capacity_usage (day);
