package dev.shelfsync.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.ConnectionFactory;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox publisher's TLS, against a real TLS endpoint on loopback with a certificate made for the test: the
 * handshake is what is checked (there is no broker behind it, so the AMQP connection itself then fails).
 */
class BrokerTlsTest {

    private static final String PASSWORD = "test-only";

    @TempDir
    Path dir;

    @Test
    void withTlsOnThePublisherTrustsTheNamedStoreAndChecksTheHostName() throws Exception {
        File store = certificate("loopback", "ip:127.0.0.1");
        assertTrue(handshake(store, Optional.of(store), "HTTPS"), "the TLS handshake did not complete");
    }

    @Test
    void aCertificateTheTrustStoreDoesNotHoldIsRefused() throws Exception {
        File store = certificate("unknown", "ip:127.0.0.1");
        // No store named: the JVM's, which does not hold a certificate made a moment ago.
        assertFalse(handshake(store, Optional.empty(), "NONE"), "a self-signed certificate was trusted");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedWhenHostNamesAreChecked() throws Exception {
        File store = certificate("elsewhere", "dns:broker.elsewhere.example");
        assertFalse(handshake(store, Optional.of(store), "HTTPS"), "the host name was not checked");
    }

    @Test
    void withTlsOffTheConnectionsStayPlain() {
        ConnectionFactory factory = factory(5672);
        new BrokerTls(false, false, Optional.empty(), Optional.empty(), "HTTPS").applyTo(factory);
        assertFalse(factory.isSSL());
    }

    /** Whether the publisher's settings complete a TLS handshake with an endpoint serving {@code served}. */
    private static boolean handshake(File served, Optional<File> trusted, String hostnameVerification)
            throws Exception {
        try (TlsEndpoint endpoint = new TlsEndpoint(served)) {
            ConnectionFactory factory = factory(endpoint.port());
            tls(trusted, hostnameVerification).applyTo(factory);
            assertTrue(factory.isSSL());
            // No broker behind the endpoint: the connection fails either way, at the handshake or after it.
            assertThrows(IOException.class, factory::newConnection);
            return endpoint.handshake();
        }
    }

    private static BrokerTls tls(Optional<File> store, String hostnameVerification) {
        return new BrokerTls(true, false, store.map(File::getPath), store.map(f -> PASSWORD), hostnameVerification);
    }

    private static ConnectionFactory factory(int port) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setConnectionTimeout(5_000);
        factory.setHandshakeTimeout(5_000);
        factory.setAutomaticRecoveryEnabled(false);
        return factory;
    }

    /** A PKCS12 store holding a new self-signed certificate with the given subject alternative name. */
    private File certificate(String name, String subjectAlternativeName) throws Exception {
        File store = dir.resolve(name + ".p12").toFile();
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        name,
                        "-keyalg",
                        "EC",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=" + name,
                        "-ext",
                        "SAN=" + subjectAlternativeName,
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.getPath(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), output);
        return store;
    }

    /** Accepts one connection, completes the TLS handshake if the client agrees, then hangs up. */
    private static final class TlsEndpoint implements AutoCloseable {

        private final SSLServerSocket server;
        private final CompletableFuture<Boolean> handshake = new CompletableFuture<>();

        TlsEndpoint(File store) throws Exception {
            KeyStore keys = KeyStore.getInstance(store, PASSWORD.toCharArray());
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            server = (SSLServerSocket)
                    context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::acceptOne, "tls-endpoint");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        boolean handshake() throws Exception {
            return handshake.get(10, TimeUnit.SECONDS);
        }

        private void acceptOne() {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(5_000);
                socket.startHandshake();
                handshake.complete(true);
            } catch (IOException e) {
                handshake.complete(false);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
