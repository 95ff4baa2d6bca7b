package dev.shelfsync.console.report;

import dev.shelfsync.console.ConsoleConfig;
import dev.shelfsync.console.signin.CurrentStaff;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The latest flash-sale report of scripts/run.sh (run/reports/&lt;timestamp&gt;/) as a page, with its SVG plots. Only
 * files of the newest report directory are served, by plain names, so no path leaves it.
 */
@jakarta.ws.rs.Path("/reports")
public class FlashSaleReports {

    private final ConsoleConfig config;
    private final CurrentStaff staff;
    private final Template page;

    public FlashSaleReports(ConsoleConfig config, CurrentStaff staff, @Location("report/page.html") Template page) {
        this.config = config;
        this.staff = staff;
        this.page = page;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() throws IOException {
        Optional<Path> latest = latest();
        String text = null;
        List<String> plots = List.of();
        if (latest.isPresent()) {
            Path markdown = latest.get().resolve("flash-sale.md");
            text = Files.exists(markdown) ? Files.readString(markdown) : null;
            try (Stream<Path> files = Files.list(latest.get())) {
                plots = files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(".svg"))
                        .sorted()
                        .toList();
            }
        }
        return page.data("me", staff.member().orElseThrow())
                .data("name", latest.map(dir -> dir.getFileName().toString()).orElse(null))
                .data("text", text)
                .data("plots", plots);
    }

    @GET
    @jakarta.ws.rs.Path("plots/{name}")
    @Produces("image/svg+xml")
    public Response plot(@PathParam("name") String name) throws IOException {
        Path dir = latest().orElseThrow(NotFoundException::new);
        if (!name.matches("[A-Za-z0-9._-]+\\.svg") || !Files.exists(dir.resolve(name))) {
            throw new NotFoundException();
        }
        return Response.ok(Files.readAllBytes(dir.resolve(name))).build();
    }

    private Optional<Path> latest() throws IOException {
        Path reports = config.reportsDirectory();
        if (!Files.isDirectory(reports)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(reports)) {
            return dirs.filter(Files::isDirectory)
                    .filter(dir -> Files.exists(dir.resolve("flash-sale.md")))
                    .max(Comparator.comparing(dir -> dir.getFileName().toString()));
        }
    }
}
