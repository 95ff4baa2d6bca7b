-- As every service's migration adds it: the span that wrote an outbox row, which the relay publishes it under.
alter table outbox_message add column trace_parent text;
