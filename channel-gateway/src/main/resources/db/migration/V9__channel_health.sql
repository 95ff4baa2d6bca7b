-- Since when a listing is behind (its desired version or sales sequence not pushed yet), so a channel's health can
-- say how long its oldest waiting listing has waited. Kept by a trigger, so every writer of listing_mapping (an
-- availability change, a sale in flight, a mapping, a push, a repush after drift) keeps it without knowing of it.
alter table listing_mapping add column behind_since timestamptz;

create function listing_behind_since() returns trigger language plpgsql as $$
begin
    if new.desired_version is not null and (new.pushed_version is null or new.pushed_version < new.desired_version
            or new.pushed_sales_seq < new.sales_seq) then
        new.behind_since = coalesce(new.behind_since, now());
    else
        new.behind_since = null;
    end if;
    return new;
end $$;

create trigger listing_behind_since before insert or update of desired_version, pushed_version, sales_seq,
    pushed_sales_seq on listing_mapping for each row execute function listing_behind_since();

update listing_mapping set behind_since = now() where desired_version is not null
    and (pushed_version is null or pushed_version < desired_version or pushed_sales_seq < sales_seq);

-- Reconciliation per channel, whichever replica swept it: the last sweep (when it ended and how), the last one that
-- completed, and the last one that found drift, with the listings it found (their repair is read from listing_mapping:
-- pushed since that sweep started and in step now) and how many listings sweeps found drifted in all.
create table channel_reconcile_run (
    channel_id       text        primary key references channel (id) on delete cascade,
    run_at           timestamptz not null,
    outcome          text        not null check (outcome in ('completed', 'marketplace-unavailable', 'failed')),
    completed_at     timestamptz,
    listings_checked integer,
    orders_recovered integer,
    drift_found_at   timestamptz,
    drifted_listings text[],
    drift_total      integer     not null default 0
);
