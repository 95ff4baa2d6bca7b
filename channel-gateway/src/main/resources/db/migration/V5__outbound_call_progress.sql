-- What a multi-step outbound call has done so far, kept between attempts so a retry continues instead of starting
-- over: an Amazon refund records its uploaded feed document, the time it asked for the feed and the feed's id, so a
-- retried row never creates a second refund feed.
alter table outbound_call add column progress jsonb;
