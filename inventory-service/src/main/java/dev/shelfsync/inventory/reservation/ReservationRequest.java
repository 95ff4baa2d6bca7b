package dev.shelfsync.inventory.reservation;

import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Reserve every line of an order at the first candidate location that can hold it, or nothing. */
public record ReservationRequest(
        @NotBlank @Size(max = 128) String orderId,
        @Size(max = 64) String channelId,
        @NotEmpty @Size(max = 200) List<@Valid @NotNull Line> lines) {

    /** One line; candidates are tried in the given order. */
    public record Line(
            @NotBlank @Size(max = 128) String lineId,
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Min(1) @Max(100_000) Integer quantity,
            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 64) String> candidateLocationIds) {}

    StockReservationRequested toCommand() {
        return new StockReservationRequested(
                orderId,
                channelId,
                lines.stream()
                        .map(line -> new ReservationLine(
                                line.lineId(), line.sku(), line.quantity(), line.candidateLocationIds()))
                        .toList());
    }
}
