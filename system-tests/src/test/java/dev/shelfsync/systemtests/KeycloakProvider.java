package dev.shelfsync.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OIDC provider for the production sign-in: Keycloak's distribution (unpacked by the build into
 * {@code target/keycloak}) in dev mode on a free loopback port, with an in-memory database and the realm of
 * {@code src/test/resources/keycloak/shelfsync-realm.json} imported, configured as deploy/README.md asks of a
 * production provider.
 */
final class KeycloakProvider implements AutoCloseable {

    static final String CONSOLE_CLIENT = "staff-console";
    /** TEST-ONLY secrets of the test realm; at least 32 characters, as the console's PKCE state encryption wants. */
    static final String CONSOLE_SECRET = "staff-console-test-only-secret-0123456789";

    private static final String HARNESS_CLIENT = "shelfsync-harness";
    private static final String HARNESS_SECRET = "shelfsync-harness-test-only-secret-0123456789";
    /** The first start of a fresh distribution also builds it (about a minute on two busy cores). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Process process;
    private final int port;
    private final Path log;

    private KeycloakProvider(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Keycloak and returns at once: the services can start meanwhile; {@link #awaitReady} waits for it. */
    static KeycloakProvider launch(Path logs) {
        Path home = Path.of(property("keycloak.home"));
        Path java = javaHome().resolve("bin/java");
        if (!Files.exists(home.resolve("bin/kc.sh")) || !Files.isExecutable(java)) {
            throw new IllegalStateException("Keycloak needs its distribution at " + home
                    + " (unpacked by system-tests' build) and a Java 21+ runtime at " + java);
        }
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            try (InputStream realm = KeycloakProvider.class.getResourceAsStream("/keycloak/shelfsync-realm.json")) {
                Files.copy(realm, imports.resolve("shelfsync-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            int port = freePort();
            Path log = Files.createDirectories(logs).resolve("keycloak.log");
            // Through bash: an unpacked archive need not keep the script's executable bit.
            ProcessBuilder builder = new ProcessBuilder(
                    "bash",
                    home.resolve("bin/kc.sh").toString(),
                    "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    "--db=dev-mem",
                    "--import-realm");
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", java.getParent().getParent().toString());
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // A test provider lives for minutes: the quick compiler starts it sooner.
            env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            return new KeycloakProvider(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak", e);
        }
    }

    /** The realm's URL: the issuer of its tokens and where its discovery document is. */
    String issuer() {
        return "http://127.0.0.1:" + port + "/realms/shelfsync";
    }

    /** Waits until the realm answers its discovery document; fails with Keycloak's log when it does not. */
    void awaitReady() {
        HttpClient client = HttpClient.newHttpClient();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try {
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                try {
                    HttpResponse<Void> answer = client.send(
                            HttpRequest.newBuilder(discovery)
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("Keycloak's realm was not ready within " + START_TIMEOUT
                + (process.isAlive() ? "" : " (it exited)") + "; its log:\n" + logText());
    }

    /** What every service verifies bearer tokens with, as the chart's values set it in production. */
    Map<String, String> serviceSettings() {
        return Map.of("JWT_PUBLIC_KEY_LOCATION", issuer() + "/protocol/openid-connect/certs", "JWT_ISSUER", issuer());
    }

    /** The console's production sign-in, as the chart's values and its Secret set it. */
    Map<String, String> consoleSettings() {
        return Map.of(
                "CONSOLE_SIGN_IN",
                "oidc",
                "CONSOLE_OIDC_ENABLED",
                "true",
                "CONSOLE_PAGE_POLICY",
                "authenticated",
                "OIDC_AUTH_SERVER_URL",
                issuer(),
                "OIDC_CLIENT_ID",
                CONSOLE_CLIENT,
                "OIDC_CLIENT_SECRET",
                CONSOLE_SECRET,
                "JWT_ISSUER",
                issuer());
    }

    /** An access token of the realm's harness client (client credentials, role admin), to set a test's scene. */
    String harnessToken() {
        String form = String.join(
                "&",
                List.of(
                        "grant_type=client_credentials",
                        "client_id=" + HARNESS_CLIENT,
                        "client_secret=" + URLEncoder.encode(HARNESS_SECRET, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused the harness token: " + answer.body());
            }
            return new ObjectMapper()
                    .readTree(answer.body())
                    .path("access_token")
                    .asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log at " + log + ")";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops Keycloak and the build step kc.sh may still be running. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Keycloak 26 needs Java 21+; the services and tests run on 17. The build names a JDK ({@code keycloak.java.home});
     * where that one is missing, any JDK 21+ under /usr/lib/jvm (the machine's second JDK) will do.
     */
    private static Path javaHome() {
        Path named = Path.of(property("keycloak.java.home"));
        if (Files.isExecutable(named.resolve("bin/java"))) {
            return named;
        }
        try (var jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")) && featureVersion(jdk) >= 21)
                    .findFirst()
                    .orElse(named);
        } catch (IOException e) {
            return named;
        }
    }

    /** The JDK's feature version from its {@code release} file ({@code JAVA_VERSION="25.0.1"}), 0 when unknown. */
    private static int featureVersion(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return Integer.parseInt(line.replaceAll("JAVA_VERSION=\"?(\\d+).*", "$1"));
                }
            }
        } catch (IOException | NumberFormatException unknown) {
            // not a JDK we can tell
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name, "");
        if (value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run ConsoleOidcIT through system-tests' build");
        }
        return value;
    }
}
