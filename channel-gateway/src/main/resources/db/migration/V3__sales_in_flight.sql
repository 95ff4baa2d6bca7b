-- Sales a marketplace reported that inventory's availability does not include yet. Pushes show availability less
-- these units, so a sale on one channel lowers every other channel as soon as its webhook is committed instead of
-- after routing and inventory have answered, and a lagging availability never raises a shelf the store itself
-- already lowered. A row goes once an availability version at or above reflected_version has been applied, or when
-- the order turns out void (cancelled, unfulfillable, or unresolved past the expiry).
create table sale_in_flight (
    channel_id        text        not null,
    external_order_id text        not null,
    sku               text        not null,
    units             integer     not null check (units > 0),
    -- the availability version that first includes the reservation; null until routing reports it
    reflected_version bigint,
    received_at       timestamptz not null default now(),
    primary key (channel_id, external_order_id, sku)
);
create index sale_in_flight_sku_idx on sale_in_flight (sku);
create index sale_in_flight_received_idx on sale_in_flight (received_at);

-- A change of the sales in flight of a SKU needs a push as much as a new availability version does; sales_seq counts
-- those changes per listing, and a listing is behind while either number is behind.
alter table listing_mapping
    add column sales_seq        bigint not null default 0,
    add column pushed_sales_seq bigint not null default 0;

drop index listing_mapping_dirty_idx;
create index listing_mapping_dirty_idx on listing_mapping (channel_id)
    where desired_version is not null
      and (pushed_version is null or pushed_version < desired_version or pushed_sales_seq < sales_seq);

-- Remaining ring-fence per channel at the SKU's version: another fenced channel's sale within its fence leaves a
-- channel's number unchanged, so it is not subtracted there.
alter table sku_availability add column fences jsonb not null default '{}';
