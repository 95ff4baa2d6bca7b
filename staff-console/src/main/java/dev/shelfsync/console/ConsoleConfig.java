package dev.shelfsync.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.nio.file.Path;

/** How the console signs people in and where it finds the flash-sale reports. */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** {@code local} (sign-in page, local token) or {@code oidc} (the provider's authorization-code flow). */
    @WithName("sign-in")
    String signIn();

    LocalToken localToken();

    Path reportsDirectory();

    default boolean localSignIn() {
        return "local".equals(signIn());
    }

    interface LocalToken {
        Path privateKey();

        String issuer();
    }
}
