package dev.shelfsync.inventory.buffer;

/** An SKU's own buffer on a channel, as stored. */
public record SkuBufferView(String sku, String channelId, String bufferMode, int safetyStock) {}
