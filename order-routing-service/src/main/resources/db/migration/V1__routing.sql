-- Where orders can ship from, as routing knows it: geo data, channel restrictions, capacity, cost, priority.
-- A location seen only in stock events has no row and counts as active, serving every channel, unlimited.
create table location (
    id                    text primary key,
    latitude              numeric(9, 6) check (latitude between -90 and 90),
    longitude             numeric(9, 6) check (longitude between -180 and 180),
    country_code          text,
    active                boolean       not null default true,
    -- channel ids this location ships for; empty means every channel
    serves_channels       text[]        not null default '{}',
    daily_capacity_orders integer check (daily_capacity_orders >= 0),
    priority              integer,
    cost_per_shipment     numeric(12, 2) check (cost_per_shipment >= 0),
    updated_at            timestamptz   not null default now()
);

-- Read model of sellable stock per SKU x location, built from inventory.stock-changed. Never the authority.
create table location_stock (
    sku         text        not null,
    location_id text        not null,
    sellable    integer     not null,
    on_hand     integer     not null,
    reserved    integer     not null,
    updated_at  timestamptz not null default now(),
    primary key (sku, location_id)
);
create index location_stock_location_idx on location_stock (location_id);

-- Orders shipped per location and day, counted when an order is routed; feeds the capacity rule.
create table capacity_usage (
    location_id text    not null,
    day         date    not null,
    orders      integer not null default 0,
    primary key (location_id, day)
);

-- Routing rules per channel; a channel without a row routes to the nearest location and backorders.
create table routing_rule (
    channel_id        text primary key,
    strategy          text   not null check (strategy in ('nearest', 'highest-stock', 'lowest-cost', 'priority')),
    location_priority text[] not null default '{}',
    on_unfulfillable  text   not null check (on_unfulfillable in ('backorder', 'cancel'))
);

create table customer_order (
    id                text primary key,
    channel_id        text        not null,
    channel_type      text,
    external_order_id text        not null,
    state             text        not null check (state in ('received', 'routed', 'partially_shipped', 'shipped',
                                                            'cancelled', 'backordered', 'unfulfillable')),
    ship_to           jsonb,
    attempts          integer     not null default 0,
    explanation       jsonb,
    correlation_id    text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    unique (channel_id, external_order_id)
);

create table order_line (
    order_id text    not null references customer_order (id),
    line_id  text    not null,
    sku      text    not null,
    quantity integer not null check (quantity > 0),
    primary key (order_id, line_id)
);

-- Where inventory reserved each line (from its confirmation).
create table order_allocation (
    order_id    text    not null references customer_order (id),
    line_id     text    not null,
    sku         text    not null,
    location_id text    not null,
    quantity    integer not null check (quantity > 0),
    shipment_id bigint,
    primary key (order_id, line_id)
);

create table shipment (
    id              bigserial primary key,
    order_id        text        not null references customer_order (id),
    location_id     text        not null,
    carrier         text        not null,
    tracking_number text        not null,
    shipped_at      timestamptz not null default now()
);

-- Every state transition with its cause.
create table order_history (
    id          bigserial primary key,
    order_id    text        not null references customer_order (id),
    state       text        not null,
    cause       text        not null,
    occurred_at timestamptz not null default now()
);
create index order_history_order_idx on order_history (order_id, id);

-- A cancel that arrived before its order; applied (and kept) when the order arrives.
create table early_cancellation (
    channel_id        text        not null,
    external_order_id text        not null,
    reason            text,
    received_at       timestamptz not null default now(),
    primary key (channel_id, external_order_id)
);

-- Transactional outbox: rows written with the change, published by the relay with confirms.
create table outbox_message (
    id             bigserial primary key,
    message_id     uuid        not null unique,
    routing_key    text        not null,
    correlation_id text,
    version        bigint,
    occurred_at    timestamptz not null default now(),
    payload        jsonb       not null
);

create function notify_outbox() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_message', '');
    return null;
end $$;

create trigger outbox_message_notify after insert on outbox_message
    for each statement execute function notify_outbox();

-- Inbox: ids of messages already applied, written in the consuming transaction.
create table processed_message (
    message_id   text primary key,
    processed_at timestamptz not null default now()
);
