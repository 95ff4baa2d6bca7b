-- Delivery, capacity in units held from the reservation request on, and delayed re-ranking after a refusal.

alter table customer_order drop constraint customer_order_state_check;
alter table customer_order add constraint customer_order_state_check
    check (state in ('received', 'routed', 'partially_shipped', 'shipped', 'delivered', 'cancelled', 'backordered',
                     'unfulfillable'));
-- When a refused order is asked for again (re-rank from fresh stock); null when no retry is waiting.
alter table customer_order add column retry_at timestamptz;
create index customer_order_retry_idx on customer_order (retry_at) where retry_at is not null;

alter table shipment add column delivered_at timestamptz;

alter table location add column daily_capacity_units integer check (daily_capacity_units >= 0);

alter table capacity_usage add column units integer not null default 0;

-- Capacity an order holds at a location from the moment routing asks inventory for it: released on refusal,
-- cancellation or when inventory reserved elsewhere, so in-flight orders count against the daily limits.
create table capacity_hold (
    order_id    text    not null references customer_order (id),
    location_id text    not null,
    day         date    not null,
    units       integer not null check (units >= 0),
    primary key (order_id, location_id)
);
