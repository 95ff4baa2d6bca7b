-- The W3C traceparent of the span that wrote the row (null while tracing is off); the relay publishes the row as
-- that span's child, so one order's trace goes on across the broker.
alter table outbox_message add column trace_parent text;
