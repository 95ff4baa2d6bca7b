-- Replicas learn of a saved channel at once (PushScheduler, Reconciler) instead of reloading every channel every
-- couple of seconds: each change of a channel row notifies its id after commit.
create function channel_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('gateway_channel', coalesce(new.id, old.id));
    return null;
end;
$$;

create trigger channel_changed after insert or update or delete on channel
    for each row execute function channel_changed();
