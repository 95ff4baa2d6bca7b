-- Marketplaces this merchant sells on. Credentials are write-only through the API and never logged.
create table channel (
    id                    text primary key,
    type                  text        not null check (type in ('shopify', 'amazon', 'woocommerce', 'etsy', 'custom')),
    name                  text        not null,
    api_base_url          text,
    rate_limit_per_second integer     not null default 2 check (rate_limit_per_second > 0),
    active                boolean     not null default true,
    credentials           jsonb       not null default '{}',
    -- non-secret API parameters: shopifyLocationId, amazonSellerId, amazonMarketplaceId, amazonProductType
    settings              jsonb       not null default '{}',
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now()
);

-- The latest availability per SKU, so a mapping created later starts from the current number.
create table sku_availability (
    sku               text primary key,
    version           bigint  not null,
    default_available integer not null,
    channels          jsonb   not null default '{}'
);

-- Marketplace listing -> internal SKU, and what the listing should show versus what was last pushed.
create table listing_mapping (
    channel_id        text    not null references channel (id) on delete cascade,
    listing_id        text    not null,
    sku               text    not null,
    pack_size         integer not null default 1 check (pack_size > 0),
    -- Shopify inventory item id when it differs from the listing (variant) id
    inventory_item_id text,
    desired_quantity  integer,
    desired_version   bigint,
    pushed_quantity   integer,
    pushed_version    bigint,
    pushed_at         timestamptz,
    push_error        text,
    primary key (channel_id, listing_id)
);
create index listing_mapping_sku_idx on listing_mapping (sku);
create index listing_mapping_dirty_idx on listing_mapping (channel_id)
    where desired_version is not null and (pushed_version is null or pushed_version < desired_version);

-- Every accepted webhook delivery; the unique key is the marketplace's delivery id, so a redelivery changes nothing.
create table webhook_intake (
    id                bigserial primary key,
    channel_id        text        not null references channel (id),
    delivery_id       text        not null,
    topic             text        not null,
    external_order_id text,
    status            text        not null default 'accepted',
    unknown_listings  text[],
    received_at       timestamptz not null default now(),
    payload           jsonb       not null,
    unique (channel_id, delivery_id)
);

-- Order state per marketplace order: published once, and a cancellation that came first is remembered.
create table channel_order (
    channel_id        text        not null references channel (id),
    external_order_id text        not null,
    received          boolean     not null default false,
    cancelled         boolean     not null default false,
    updated_at        timestamptz not null default now(),
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
