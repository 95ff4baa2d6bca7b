-- Locations seen in stock events, kept apart from the per-SKU read model: the ranking asks for them on every order,
-- and a distinct over the whole read model grows with the number of SKUs.
create table known_stock_location (
    location_id text primary key
);
insert into known_stock_location (location_id) select distinct location_id from location_stock;
