-- PostgreSQL cannot estimate "pushed_version < desired_version" (two columns compared) and takes a third of the
-- rows for it, so the pushers' selection scanned all of listing_mapping instead of the partial index (38 ms a
-- query with 20,000 listings, the largest cost of the benchmark). A stored column has statistics of its own.
alter table listing_mapping add column behind boolean not null generated always as (
    desired_version is not null
    and (pushed_version is null or pushed_version < desired_version or pushed_sales_seq < sales_seq)) stored;

drop index listing_mapping_dirty_idx;
create index listing_mapping_dirty_idx on listing_mapping (channel_id) where behind;
