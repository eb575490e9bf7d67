package dev.authdoctor.cli;

import dev.authdoctor.api.Troubleshooter;
import picocli.CommandLine.Option;

/** The options every command shares about the rules it runs, and the troubleshooter they make. */
final class RuleOptions {

    @Option(names = "--support-contact", paramLabel = "ADDRESS",
            description = "Where escalations go: your help desk instead of ${DEFAULT-VALUE}.",
            defaultValue = Troubleshooter.DEFAULT_SUPPORT_CONTACT)
    String supportContact;

    Troubleshooter troubleshooter() {
        return Troubleshooter.builder().supportContact(supportContact).build();
    }
}
