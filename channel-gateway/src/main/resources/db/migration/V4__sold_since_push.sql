-- Listing units the channel itself reported sold since the last accepted push: what the store shows now is
-- pushed_quantity - sold_since_push. Shopify pushes compare against that number, so a push computed before a sale
-- whose webhook is still on the way fails instead of putting the sold units back on the shelf.
alter table listing_mapping add column sold_since_push integer not null default 0;
