-- Per SKU, the availability version a confirmed reservation first shows in, so a repeated request answers the same.
alter table reservation_request add column availability_versions jsonb;

-- Every availability change looks up the bundles containing the changed SKUs; the primary key leads with the bundle.
create index bundle_component_component_idx on bundle_component (component_sku);
