package dev.shelfsync.returns.rma;

/** Optional criteria of a return list; null means any. */
public record RmaFilter(String status, String locationId, String channelId, String externalReturnId) {}
