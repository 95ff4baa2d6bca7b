-- The tables every service's migration declares for the platform (outbox_message, processed_message), plus the
-- probe's effect table that the tests count.
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
end;
$$;

create trigger outbox_message_notify after insert on outbox_message
    for each statement execute function notify_outbox();

create table processed_message (
    message_id   text primary key,
    processed_at timestamptz not null default now()
);

create table probe_effect (
    id         bigserial primary key,
    message_id text not null,
    label      text not null
);
