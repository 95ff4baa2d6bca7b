-- Whether the pushers' selection reads listing_mapping_dirty_idx or the whole table depends on how many listings
-- the statistics say are behind. With the default (analyze after 10 % of the rows changed), the count from a
-- catch-up (every listing behind after an import) stayed in force long after the pushes were done, and every
-- selection scanned the table meanwhile (benchmark of 2026-12-08 01:37: the first minute of the measured phase,
-- 7 ms a query on average instead of about 1).
alter table listing_mapping set (autovacuum_analyze_scale_factor = 0.002, autovacuum_analyze_threshold = 200);
