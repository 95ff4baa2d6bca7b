-- A channel's safety buffer is either the fixed safety_stock or sized from measurements ('auto'): the units the
-- other channels sell during this channel's sync lag, never below safety_stock.
alter table channel_policy
    add column buffer_mode text not null default 'fixed' check (buffer_mode in ('fixed', 'auto'));

-- An SKU's own buffer on a channel, overriding the channel policy's for that SKU alone.
create table sku_channel_buffer (
    sku          text    not null references sku (sku),
    channel_id   text    not null,
    buffer_mode  text    not null check (buffer_mode in ('fixed', 'auto')),
    safety_stock integer not null default 0 check (safety_stock >= 0),
    primary key (sku, channel_id)
);

-- The gateway's latest measurement of each channel's sync lag: sale committed on another channel -> this
-- channel's store acknowledged the lower number, p99 over the gateway's sliding window.
create table channel_sync_lag (
    channel_id  text        primary key,
    p99_millis  integer     not null check (p99_millis >= 0),
    samples     integer     not null check (samples > 0),
    measured_at timestamptz not null
);

-- Sale velocity reads the requests of the last seconds.
create index reservation_request_created_idx on reservation_request (created_at);
