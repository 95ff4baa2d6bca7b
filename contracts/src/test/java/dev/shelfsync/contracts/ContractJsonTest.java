package dev.shelfsync.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shelfsync.contracts.alerts.AlertRaised;
import dev.shelfsync.contracts.channels.AvailabilityAcknowledged;
import dev.shelfsync.contracts.channels.ChannelDriftDetected;
import dev.shelfsync.contracts.channels.ChannelSyncFailed;
import dev.shelfsync.contracts.channels.ChannelSyncLagMeasured;
import dev.shelfsync.contracts.channels.OrderCancelled;
import dev.shelfsync.contracts.channels.OrderLine;
import dev.shelfsync.contracts.channels.OrderReceived;
import dev.shelfsync.contracts.channels.ReturnRequested;
import dev.shelfsync.contracts.channels.ShipTo;
import dev.shelfsync.contracts.channels.UnknownListingReceived;
import dev.shelfsync.contracts.inventory.Allocation;
import dev.shelfsync.contracts.inventory.AvailabilityChanged;
import dev.shelfsync.contracts.inventory.ReservationConfirmed;
import dev.shelfsync.contracts.inventory.ReservationRefused;
import dev.shelfsync.contracts.inventory.SaleRef;
import dev.shelfsync.contracts.inventory.StockChanged;
import dev.shelfsync.contracts.orders.OrderRouted;
import dev.shelfsync.contracts.orders.OrderShipped;
import dev.shelfsync.contracts.orders.OrderUnfulfillable;
import dev.shelfsync.contracts.orders.ReservationLine;
import dev.shelfsync.contracts.orders.StockCommitRequested;
import dev.shelfsync.contracts.orders.StockReleaseRequested;
import dev.shelfsync.contracts.orders.StockReservationRequested;
import dev.shelfsync.contracts.returns.InspectionOverdue;
import dev.shelfsync.contracts.returns.RefundDue;
import dev.shelfsync.contracts.returns.ReturnUnitsDispositioned;
import dev.shelfsync.contracts.returns.ReturnUnitsReceived;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the JSON each contract produces, so a rename or a removed field breaks this build before it breaks a
 * consumer. A change must be additive (extend the fixture) or get a new type name.
 */
class ContractJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Stream<Arguments> contracts() {
        return Stream.of(
                Arguments.of(
                        "envelope.json",
                        new Envelope<>(
                                "6f1c2a9e-0000-4000-8000-000000000001",
                                RoutingKeys.ORDER_CANCELLED,
                                Instant.parse("2026-11-24T08:00:00Z"),
                                "shopify-main:1001",
                                null,
                                new OrderCancelled("shopify-main", "1001", "customer"))),
                Arguments.of(
                        "order-received.json",
                        new OrderReceived(
                                "shopify-main",
                                "shopify",
                                "1001",
                                List.of(new OrderLine("l-1", "MUG-01", 6)),
                                new ShipTo("DE", "10115", new BigDecimal("52.53"), new BigDecimal("13.38")))),
                Arguments.of(
                        "stock-reservation-requested.json",
                        new StockReservationRequested(
                                "ord-1",
                                "shopify-main",
                                "1001",
                                List.of(new ReservationLine("l-1", "MUG-01", 2, List.of("berlin", "hamburg"))))),
                Arguments.of("stock-release-requested.json", new StockReleaseRequested("ord-1", "cancelled")),
                Arguments.of("stock-commit-requested.json", new StockCommitRequested("ord-1", "DHL", "JD0123")),
                Arguments.of(
                        "reservation-confirmed.json",
                        new ReservationConfirmed(
                                "ord-1", List.of(new Allocation("l-1", "MUG-01", "berlin", 2)), Map.of("MUG-01", 8L))),
                Arguments.of(
                        "reservation-refused.json",
                        new ReservationRefused("ord-1", "insufficient-stock", List.of("l-1"))),
                Arguments.of(
                        "availability-changed.json",
                        new AvailabilityChanged(
                                "MUG-01",
                                7,
                                4,
                                new TreeMap<>(Map.of("amazon-eu", 2)),
                                Map.of("amazon-eu", 3),
                                List.of(new SaleRef("shopify-main", "1001")))),
                Arguments.of(
                        "order-shipped.json",
                        new OrderShipped(
                                "ord-1",
                                "shopify-main",
                                "1001",
                                "berlin",
                                "DHL",
                                "JD0123",
                                List.of(new OrderShipped.ShippedLine("l-1", "MUG-01", 2)))),
                Arguments.of(
                        "order-unfulfillable.json",
                        new OrderUnfulfillable("ord-1", "shopify-main", "1001", List.of("MUG-01"), "backordered")),
                Arguments.of(
                        "order-routed.json",
                        new OrderRouted(
                                "ord-1",
                                "shopify-main",
                                "1001",
                                List.of(new Allocation("l-1", "MUG-01", "berlin", 2)),
                                Map.of("MUG-01", 8L))),
                Arguments.of(
                        "return-requested.json",
                        new ReturnRequested(
                                "shopify-main",
                                "1001",
                                "r-9",
                                List.of(new ReturnRequested.ReturnLine("MUG-01", 1, "damaged")))),
                Arguments.of(
                        "sync-failed.json",
                        new ChannelSyncFailed("amazon-eu", "HTTP 503", Instant.parse("2026-11-24T08:00:00Z"), 12)),
                Arguments.of("drift-detected.json", new ChannelDriftDetected("amazon-eu", "MUG-01-A", "MUG-01", 4, 7)),
                Arguments.of("unknown-listing.json", new UnknownListingReceived("shopify-main", "4711", "1001")),
                Arguments.of("availability-acknowledged.json", new AvailabilityAcknowledged("amazon-eu", "MUG-01", 42)),
                Arguments.of(
                        "sync-lag-measured.json",
                        new ChannelSyncLagMeasured("amazon-eu", 1800, 42, 60, Instant.parse("2026-12-07T08:00:00Z"))),
                Arguments.of("return-units-received.json", new ReturnUnitsReceived("rma-1", "MUG-01", "berlin", 1)),
                Arguments.of(
                        "return-units-dispositioned.json",
                        new ReturnUnitsDispositioned("rma-1", "MUG-01", "berlin", 1, "restock")),
                Arguments.of(
                        "refund-due.json",
                        new RefundDue("rma-1", "shopify-main", "1001", List.of(new RefundDue.RefundLine("MUG-01", 1)))),
                Arguments.of(
                        "inspection-overdue.json",
                        new InspectionOverdue(
                                "rma-1",
                                "berlin",
                                Instant.parse("2026-11-23T08:00:00Z"),
                                Instant.parse("2026-11-24T08:00:00Z"))),
                Arguments.of(
                        "alert-raised.json",
                        new AlertRaised("al-1", "low-stock", "warning", "sku:MUG-01", "MUG-01 is below 5 units")),
                Arguments.of(
                        "stock-changed.json", new StockChanged("MUG-01", "berlin", 10, 2, 1, 1, 5, 6, "reservation")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void producesPinnedJson(String fixture, Object contract) throws IOException {
        JsonNode expected = readFixture(fixture);
        // Both sides parsed from text, so numbers compare by value, not by the node type a record field produces.
        assertEquals(expected, MAPPER.readTree(MAPPER.writeValueAsString(contract)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void readsPinnedJsonBack(String fixture, Object contract) throws IOException {
        if (contract instanceof Envelope) {
            return; // generic payload: its round trip is each payload's own case
        }
        assertEquals(contract, MAPPER.treeToValue(readFixture(fixture), contract.getClass()));
    }

    private static JsonNode readFixture(String name) throws IOException {
        try (InputStream in = ContractJsonTest.class.getResourceAsStream("/contracts/" + name)) {
            return MAPPER.readTree(in);
        }
    }
}
