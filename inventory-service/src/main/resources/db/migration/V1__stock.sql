-- Master data: what can be sold and where it can be kept.
create table sku (
    sku                  text primary key,
    name                 text        not null,
    barcode              text,
    status               text        not null default 'active' check (status in ('active', 'discontinued')),
    -- grows with every change that can move availability; orders availability events per SKU
    availability_version bigint      not null default 0,
    created_at           timestamptz not null default now()
);

create table location (
    id              text primary key,
    name            text          not null,
    kind            text          not null check (kind in ('warehouse', 'store', '3pl')),
    latitude        numeric(9, 6),
    longitude       numeric(9, 6),
    active          boolean       not null default true,
    -- channel ids this location ships for; empty means every channel
    serves_channels text[]        not null default '{}'
);

-- Stock per SKU x location in states. The checks are the last line of defence of the invariant:
-- even a faulty statement cannot commit negative or oversold numbers.
create table stock_level (
    sku          text    not null references sku (sku),
    location_id  text    not null references location (id),
    on_hand      integer not null default 0 check (on_hand >= 0),
    reserved     integer not null default 0 check (reserved >= 0),
    damaged      integer not null default 0 check (damaged >= 0),
    quality_hold integer not null default 0 check (quality_hold >= 0),
    inbound      integer not null default 0 check (inbound >= 0),
    primary key (sku, location_id),
    constraint sellable_not_negative check (on_hand - reserved - damaged - quality_hold >= 0)
);

-- Outcome of a reservation request, kept so that a repeated request answers the same and changes nothing.
create table reservation_request (
    order_id    text primary key,
    channel_id  text,
    outcome     text        not null check (outcome in ('confirmed', 'refused')),
    reason      text,
    status      text        not null default 'open' check (status in ('open', 'released', 'committed')),
    created_at  timestamptz not null default now()
);

create table reservation (
    order_id    text    not null references reservation_request (order_id),
    line_id     text    not null,
    sku         text    not null,
    location_id text    not null,
    quantity    integer not null check (quantity > 0),
    -- a bundle line reserves one row per component
    primary key (order_id, line_id, sku),
    foreign key (sku, location_id) references stock_level (sku, location_id)
);

-- Every change of a number, with its cause. The stock levels are what these entries add up to.
create table ledger_entry (
    id                 bigserial primary key,
    occurred_at        timestamptz not null default now(),
    sku                text        not null,
    location_id        text        not null,
    reason             text        not null,
    actor              text        not null,
    correlation_id     text,
    on_hand_delta      integer     not null default 0,
    reserved_delta     integer     not null default 0,
    damaged_delta      integer     not null default 0,
    quality_hold_delta integer     not null default 0,
    inbound_delta      integer     not null default 0,
    on_hand_after      integer     not null,
    reserved_after     integer     not null,
    damaged_after      integer     not null,
    quality_hold_after integer     not null,
    inbound_after      integer     not null,
    foreign key (sku, location_id) references stock_level (sku, location_id)
);
create index ledger_entry_sku_idx on ledger_entry (sku, occurred_at);
create index ledger_entry_location_idx on ledger_entry (location_id, occurred_at);
create index ledger_entry_correlation_idx on ledger_entry (correlation_id);

-- What a channel may show, computed from sellable stock. A channel without a row sees the default pool.
create table channel_policy (
    channel_id      text primary key,
    safety_stock    integer not null default 0 check (safety_stock >= 0),
    max_shown       integer check (max_shown >= 0),
    share_percent   integer not null default 100 check (share_percent between 0 and 100),
    backorder_limit integer not null default 0 check (backorder_limit >= 0)
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
