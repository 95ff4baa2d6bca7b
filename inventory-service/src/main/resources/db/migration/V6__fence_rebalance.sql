-- Units moved from one channel's fence on an SKU to another's, in two steps. Lowering: the giver's fence is lowered
-- at once; the units in transit are shown to nobody, and only the giver may still reserve them (its store may show
-- them until it acknowledges the lower number). Completed: after that acknowledgement the receiver's fence is raised
-- by what the giver did not sell of them (moved).
create table fence_rebalance (
    id              uuid        primary key,
    sku             text        not null references sku (sku),
    from_channel_id text        not null,
    to_channel_id   text        not null,
    units           integer     not null check (units > 0),
    moved           integer     check (moved between 0 and units),
    reason          text        not null,
    actor           text        not null,
    state           text        not null default 'lowering' check (state in ('lowering', 'completed')),
    lowered_version bigint      not null,
    requested_at    timestamptz not null default now(),
    completed_at    timestamptz,
    check (from_channel_id <> to_channel_id)
);

-- One move out of a fence at a time: the next one is sized from what the giver holds once this one landed.
create unique index fence_rebalance_one_lowering on fence_rebalance (sku, from_channel_id) where state = 'lowering';
create index fence_rebalance_sku_idx on fence_rebalance (sku, requested_at);
