-- The W3C traceparent of the span that wrote the row (null while tracing is off). The relay publishes an outbox row
-- as that span's child; a push that subtracts a sale in flight is traced as a child of the sale's webhook, so one
-- order's trace reaches every channel it lowered.
alter table outbox_message add column trace_parent text;
alter table sale_in_flight add column trace_parent text;
