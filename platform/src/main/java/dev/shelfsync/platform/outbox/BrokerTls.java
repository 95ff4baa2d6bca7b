package dev.shelfsync.platform.outbox;

import com.rabbitmq.client.ConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * TLS to the broker for the outbox publisher, from the settings the RabbitMQ connector reads for the consumers
 * ({@code rabbitmq-ssl}, {@code rabbitmq-trust-store-path}, ...), so both sides of a service speak to the broker the
 * same way. The trust store is the JVM's unless one is named; {@code rabbitmq-trust-all} is for tests only.
 */
@ApplicationScoped
public class BrokerTls {

    private final boolean enabled;
    private final boolean trustAll;
    private final Optional<String> trustStorePath;
    private final Optional<String> trustStorePassword;
    private final boolean verifyHostname;

    public BrokerTls(
            @ConfigProperty(name = "rabbitmq-ssl", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "rabbitmq-trust-all", defaultValue = "false") boolean trustAll,
            @ConfigProperty(name = "rabbitmq-trust-store-path") Optional<String> trustStorePath,
            @ConfigProperty(name = "rabbitmq-trust-store-password") Optional<String> trustStorePassword,
            @ConfigProperty(
                            name = "mp.messaging.connector.smallrye-rabbitmq.ssl.hostname-verification-algorithm",
                            defaultValue = "NONE")
                    String hostnameVerification) {
        this.enabled = enabled;
        this.trustAll = trustAll;
        this.trustStorePath = trustStorePath;
        this.trustStorePassword = trustStorePassword;
        this.verifyHostname = "HTTPS".equalsIgnoreCase(hostnameVerification);
    }

    /** Makes the factory's connections TLS ones when TLS is on; leaves it alone otherwise. */
    void applyTo(ConnectionFactory factory) {
        if (!enabled) {
            return;
        }
        try {
            if (trustAll) {
                factory.useSslProtocol();
            } else {
                factory.useSslProtocol(context());
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS to the broker: " + e.getMessage(), e);
        }
        if (verifyHostname) {
            factory.enableHostnameVerification();
        }
    }

    private SSLContext context() throws IOException, GeneralSecurityException {
        if (trustStorePath.isEmpty()) {
            return SSLContext.getDefault();
        }
        char[] password = trustStorePassword.map(String::toCharArray).orElse(null);
        KeyStore store = KeyStore.getInstance(new File(trustStorePath.get()), password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
