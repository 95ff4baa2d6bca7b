package dev.shelfsync.alerting.notify;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends an alert as a plain-text e-mail through the configured SMTP server. */
@ApplicationScoped
public class EmailSender {

    private final ReactiveMailer mailer;

    public EmailSender(ReactiveMailer mailer) {
        this.mailer = mailer;
    }

    Uni<Outcome> send(Delivery delivery) {
        Mail mail = Mail.withText(
                delivery.email(),
                "[Shelfsync] " + Messages.headline(delivery.alert()),
                Messages.text(delivery.alert()));
        return mailer.send(mail).replaceWith(Outcome.ok(null)).onFailure().recoverWithItem(Outcome::failed);
    }
}
