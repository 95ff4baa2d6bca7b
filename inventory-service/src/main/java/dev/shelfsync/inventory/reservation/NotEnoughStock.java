package dev.shelfsync.inventory.reservation;

import java.util.List;

/** Thrown inside the reservation transaction to roll back every line when one line fits nowhere. */
class NotEnoughStock extends RuntimeException {

    final List<String> shortLines;

    NotEnoughStock(List<String> shortLines) {
        super("lines without stock: " + shortLines, null, false, false);
        this.shortLines = shortLines;
    }
}
