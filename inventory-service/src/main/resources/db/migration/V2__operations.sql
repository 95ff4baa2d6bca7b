-- Units another channel may not consume: other channels see and reserve only sellable stock above the sum of
-- the fences of the channels they are not.
alter table channel_policy add column ring_fenced integer not null default 0 check (ring_fenced >= 0);

-- Ring-fences count each channel's open reservations per SKU.
create index reservation_sku_idx on reservation (sku);

-- Stock moving between locations: out of on_hand at the source when dispatched, into on_hand at the destination
-- when received; in transit it is sellable nowhere.
create table transfer (
    id               text primary key,
    sku              text        not null references sku (sku),
    from_location_id text        not null references location (id),
    to_location_id   text        not null references location (id),
    quantity         integer     not null check (quantity > 0),
    status           text        not null default 'in-transit' check (status in ('in-transit', 'received')),
    dispatched_at    timestamptz not null default now(),
    received_at      timestamptz,
    check (from_location_id <> to_location_id)
);

create table purchase_order (
    id          text primary key,
    supplier    text        not null,
    expected_at date,
    created_at  timestamptz not null default now()
);

create table purchase_order_line (
    purchase_order_id text    not null references purchase_order (id),
    sku               text    not null,
    location_id       text    not null,
    ordered           integer not null check (ordered > 0),
    received          integer not null default 0 check (received >= 0),
    primary key (purchase_order_id, sku, location_id),
    foreign key (sku, location_id) references stock_level (sku, location_id),
    check (received <= ordered)
);

-- Receipts are applied once per receipt id, however often a scanner or integration sends them.
create table purchase_order_receipt (
    receipt_id        text primary key,
    purchase_order_id text        not null references purchase_order (id),
    received_at       timestamptz not null default now()
);

-- Bundles (kits): selling one bundle reserves its components.
create table bundle_component (
    bundle_sku    text    not null references sku (sku),
    component_sku text    not null references sku (sku),
    quantity      integer not null check (quantity > 0),
    primary key (bundle_sku, component_sku),
    check (bundle_sku <> component_sku)
);
