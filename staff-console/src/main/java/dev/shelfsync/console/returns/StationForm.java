package dev.shelfsync.console.returns;

import io.quarkus.qute.TemplateData;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the person typed into one form of the RMA panel, kept when the service refuses it so nothing has to be
 * typed again, and the idempotency ids the next command goes out with. A scan id is replaced only after the
 * service took the scan: a scan re-sent after a time-out or a double Enter carries the same id and changes nothing.
 */
@TemplateData
public class StationForm {

    private final String sku;
    private final Map<String, String> values;
    private final String scanId;

    StationForm(String sku, Map<String, String> values, String scanId) {
        this.sku = sku;
        this.values = values;
        this.scanId = scanId;
    }

    static StationForm fresh() {
        return new StationForm(null, Map.of(), UUID.randomUUID().toString());
    }

    static StationForm kept(String sku, Map<String, String> values, String scanId) {
        return new StationForm(
                sku, new HashMap<>(values), scanId == null ? UUID.randomUUID().toString() : scanId);
    }

    /** The first value of each field, as a form sends one per field. */
    static Map<String, String> single(jakarta.ws.rs.core.MultivaluedMap<String, String> form) {
        Map<String, String> values = new HashMap<>();
        form.forEach((field, sent) -> {
            if (!sent.isEmpty() && sent.get(0) != null) {
                values.put(field, sent.get(0));
            }
        });
        return values;
    }

    public String scanId() {
        return scanId;
    }

    public String scanCode() {
        return sku == null ? values.getOrDefault("code", "") : "";
    }

    /** A new id per disposition button press; a press re-sent with the same id is answered and not repeated. */
    public String dispositionId() {
        return UUID.randomUUID().toString();
    }

    public String value(String lineSku, String field, String fallback) {
        return lineSku.equals(sku) ? values.getOrDefault(field, fallback) : fallback;
    }

    public boolean answered(String lineSku, String question, String answer) {
        return answer.equals(value(lineSku, "q." + question, ""));
    }
}
