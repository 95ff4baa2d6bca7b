-- Rules an operator sets up. low-stock: threshold with hysteresis; reorder-point: velocity x lead time + safety stock.
create table alert_rule (
    id               uuid primary key,
    kind             text        not null check (kind in ('low-stock', 'reorder-point')),
    sku              text        not null,
    -- optional scope: one location's sellable, or one channel's available quantity; neither means the SKU's sellable
    location_id      text,
    channel_id       text,
    severity         text        not null check (severity in ('info', 'warning', 'critical')),
    threshold        integer check (threshold >= 0),
    rearm_margin     integer     not null default 0 check (rearm_margin >= 0),
    lead_time_days   integer check (lead_time_days >= 0),
    safety_stock     integer     not null default 0 check (safety_stock >= 0),
    window_days      integer check (window_days > 0),
    cover_days       integer check (cover_days >= 0),
    enabled          boolean     not null default true,
    -- hysteresis: a low-stock rule fires only while armed, and re-arms above threshold + margin
    armed            boolean     not null default true,
    created_at       timestamptz not null default now(),
    check (location_id is null or channel_id is null),
    check (kind <> 'low-stock' or threshold is not null),
    check (kind <> 'reorder-point' or (lead_time_days is not null and window_days is not null and cover_days is not null))
);
create index alert_rule_sku_idx on alert_rule (sku);

-- Read model of stock, built from inventory.stock-changed (per SKU x location) ...
create table stock_position (
    sku         text        not null,
    location_id text        not null,
    sellable    integer     not null,
    inbound     integer     not null,
    as_of       timestamptz not null,
    primary key (sku, location_id)
);

-- ... and from inventory.availability-changed (per SKU, ordered by its version).
create table sku_availability (
    sku               text primary key,
    version           bigint  not null,
    default_available integer not null,
    channels          jsonb   not null
);

-- Units sold per order line and location, from orders.routed and orders.shipped (the same allocation counts once).
create table sale (
    order_id   text        not null,
    line_id    text        not null,
    -- '' when the event does not say where the units left from
    location_id text       not null,
    sku        text        not null,
    channel_id text,
    quantity   integer     not null check (quantity > 0),
    sold_at    timestamptz not null,
    primary key (order_id, line_id, location_id)
);
create index sale_sku_idx on sale (sku, sold_at);

create table alert (
    id              uuid primary key,
    type            text        not null,
    severity        text        not null check (severity in ('info', 'warning', 'critical')),
    subject         text        not null,
    summary         text        not null,
    details         jsonb       not null default '{}',
    rule_id         uuid references alert_rule (id) on delete set null,
    state           text        not null default 'open' check (state in ('open', 'acknowledged', 'resolved')),
    first_seen      timestamptz not null default now(),
    last_seen       timestamptz not null default now(),
    occurrences     integer     not null default 1,
    acknowledged_at timestamptz,
    acknowledged_by text,
    resolved_at     timestamptz,
    resolved_by     text
);
-- The same condition never has two alerts that are not resolved.
create unique index alert_one_open_per_condition on alert (type, subject) where state <> 'resolved';
create index alert_state_idx on alert (state, severity);

create table notification_target (
    id           uuid primary key,
    name         text        not null,
    kind         text        not null check (kind in ('webhook', 'email')),
    url          text,
    -- HMAC key for webhooks; written through the API, never returned by it
    secret       text,
    body_format  text        not null default 'json' check (body_format in ('json', 'slack')),
    email        text,
    min_severity text        not null default 'info' check (min_severity in ('info', 'warning', 'critical')),
    enabled      boolean     not null default true,
    created_at   timestamptz not null default now(),
    check (kind <> 'webhook' or url is not null),
    check (kind <> 'email' or email is not null)
);

-- One delivery of one alert to one target; claimed by one replica at a time, retried with backoff.
create table notification (
    id              uuid primary key,
    alert_id        uuid        not null references alert (id) on delete cascade,
    target_id       uuid        not null references notification_target (id) on delete cascade,
    status          text        not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz
);
create index notification_due_idx on notification (next_attempt_at) where status = 'pending';
create index notification_alert_idx on notification (alert_id);

create table delivery_attempt (
    id              bigserial primary key,
    notification_id uuid        not null references notification (id) on delete cascade,
    attempted_at    timestamptz not null default now(),
    succeeded       boolean     not null,
    status_code     integer,
    error           text
);
create index delivery_attempt_notification_idx on delivery_attempt (notification_id, id);

create function notify_notification() returns trigger language plpgsql as $$
begin
    perform pg_notify('notification', '');
    return null;
end $$;

create trigger notification_notify after insert on notification
    for each statement execute function notify_notification();

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
