-- Lines of every published order, so a shipment or refund named by SKU can be sent back per marketplace line.
create table channel_order_line (
    channel_id        text    not null,
    external_order_id text    not null,
    line_id           text    not null,
    listing_id        text    not null,
    sku               text    not null,
    pack_size         integer not null,
    quantity          integer not null, -- listing units ordered
    primary key (channel_id, external_order_id, line_id),
    foreign key (channel_id, external_order_id) references channel_order (channel_id, external_order_id)
);

-- Outbound-call outbox: calls to a marketplace (fulfilment with tracking, refund) written in the transaction that
-- consumed their event, then sent with retries. One row per event (unique source message id).
create table outbound_call (
    id                bigserial primary key,
    source_message_id text        not null unique,
    channel_id        text        not null references channel (id),
    kind              text        not null check (kind in ('fulfilment', 'refund')),
    external_order_id text        not null,
    payload           jsonb       not null,
    status            text        not null default 'pending' check (status in ('pending', 'sent', 'rejected')),
    attempts          integer     not null default 0,
    next_attempt_at   timestamptz not null default now(),
    last_error        text,
    result            jsonb,
    created_at        timestamptz not null default now(),
    sent_at           timestamptz
);
create index outbound_call_due_idx on outbound_call (next_attempt_at) where status = 'pending';

-- Per-channel leases: one replica pushes (purpose 'push') or reconciles ('reconcile') a channel at a time. A holder
-- renews before expires_at; a dead holder's lease simply expires and another replica takes it over.
-- not_before spaces reconciliation sweeps across replicas.
create table channel_lease (
    channel_id  text        not null,
    purpose     text        not null,
    holder      text        not null,
    expires_at  timestamptz not null,
    not_before  timestamptz,
    primary key (channel_id, purpose)
);

-- Push health per channel, shared by replicas: since when pushes fail, and whether channels.sync-failed went out
-- for this outage (exactly one event per outage; a successful push clears both).
create table channel_sync_state (
    channel_id     text primary key references channel (id) on delete cascade,
    failing_since  timestamptz,
    reported_at    timestamptz,
    last_error     text
);
