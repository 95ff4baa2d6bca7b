-- Return authorisations. One RMA covers one order's returned lines; its units end up at one location.
create table rma (
    id                   text primary key,
    source               text        not null check (source in ('channel', 'staff')),
    channel_id           text        not null,
    external_order_id    text        not null,
    external_return_id   text,
    -- client-supplied Idempotency-Key of a staff create; a repeat answers with the same RMA
    request_key          text unique,
    -- expected location until the first receipt, then the location that holds the units
    location_id          text,
    status               text        not null check (status in ('requested', 'received', 'inspected', 'closed')),
    created_by           text        not null,
    created_at           timestamptz not null default now(),
    received_at          timestamptz,
    inspected_at         timestamptz,
    -- set by the one sweep that published returns.inspection-overdue (conditional update: once per RMA)
    overdue_published_at timestamptz,
    unique (channel_id, external_return_id)
);
create index rma_awaiting_inspection_idx on rma (received_at) where status = 'received';
create index rma_location_idx on rma (location_id, created_at);
create index rma_created_idx on rma (created_at);

create table rma_line (
    rma_id             text    not null references rma (id),
    sku                text    not null,
    barcode            text,
    quantity           integer not null check (quantity > 0),
    reason_code        text    not null,
    reason_text        text,
    received           integer not null default 0 check (received >= 0),
    inspection_outcome text check (inspection_outcome in ('accept', 'reject')),
    restocked          integer not null default 0 check (restocked >= 0),
    refurbishing       integer not null default 0 check (refurbishing >= 0),
    discarded          integer not null default 0 check (discarded >= 0),
    returned_to_vendor integer not null default 0 check (returned_to_vendor >= 0),
    primary key (rma_id, sku),
    constraint received_within_quantity check (received <= quantity),
    constraint dispositions_within_received check (restocked + discarded + returned_to_vendor + refurbishing <= received)
);

-- Each scan once: the scan id is the client's idempotency key.
create table receipt_scan (
    scan_id     text primary key,
    rma_id      text        not null references rma (id),
    sku         text        not null,
    location_id text        not null,
    quantity    integer     not null check (quantity > 0),
    scanned_by  text        not null,
    scanned_at  timestamptz not null default now()
);

create table inspection (
    rma_id       text        not null references rma (id),
    sku          text        not null,
    category     text        not null,
    outcome      text        not null check (outcome in ('accept', 'reject')),
    notes        text,
    photos       text[]      not null default '{}',
    inspector    text        not null,
    inspected_at timestamptz not null default now(),
    primary key (rma_id, sku)
);

-- Every checklist answer, with who gave it.
create table inspection_answer (
    rma_id      text        not null,
    sku         text        not null,
    question    text        not null,
    answer      text        not null,
    note        text,
    inspector   text        not null,
    answered_at timestamptz not null default now(),
    primary key (rma_id, sku, question),
    foreign key (rma_id, sku) references inspection (rma_id, sku)
);

-- Each disposition once: the disposition id is the client's idempotency key.
create table disposition (
    disposition_id     text primary key,
    rma_id             text        not null references rma (id),
    sku                text        not null,
    quantity           integer     not null check (quantity > 0),
    disposition        text        not null check (disposition in ('restock', 'refurbish', 'discard', 'return-to-vendor')),
    from_refurbishment boolean     not null default false,
    note               text,
    actor              text        not null,
    occurred_at        timestamptz not null default now()
);
create index disposition_rma_idx on disposition (rma_id);

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
