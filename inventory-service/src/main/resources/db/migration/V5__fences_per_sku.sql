-- A ring-fence belongs to an SKU on a channel. A row says that the channel sells the SKU and keeps units of it
-- for itself: its own ring_fenced, or (null) the channel's default, channel_policy.ring_fenced. Without a row the
-- channel keeps nothing of the SKU, whatever its default.
create table sku_channel_fence (
    sku         text    not null references sku (sku),
    channel_id  text    not null,
    ring_fenced integer check (ring_fenced >= 0),
    primary key (sku, channel_id)
);

create index sku_channel_fence_channel_idx on sku_channel_fence (channel_id);

-- The units each fence keeps; the one formula availability, reservations and explanations read.
create view effective_fence as
select f.sku, f.channel_id, coalesce(f.ring_fenced, p.ring_fenced, 0) as ring_fenced,
       f.ring_fenced is null as channel_default
  from sku_channel_fence f left join channel_policy p on p.channel_id = f.channel_id;

-- Channel-wide fences kept every SKU until now: keep exactly that on upgrade (a row per stocked SKU taking the
-- channel's default), so no fenced store shows more than before; merchants delete the rows of SKUs a channel does
-- not sell.
insert into sku_channel_fence (sku, channel_id)
select s.sku, p.channel_id
  from sku s cross join channel_policy p
 where p.ring_fenced > 0
   and not exists (select 1 from bundle_component b where b.bundle_sku = s.sku);
