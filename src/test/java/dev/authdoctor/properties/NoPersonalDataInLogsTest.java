package dev.authdoctor.properties;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authdoctor.TestPacks;
import dev.authdoctor.cli.BatchCommandTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything logged at INFO and above while diagnosing incidents full of addresses and ids: none of them. */
class NoPersonalDataInLogsTest {

    static final List<String> SECRETS = List.of("jane.doe@example.com", "jdoe-4711", "bob.secret@corp.example", "uid-99887766");
    static final String INCIDENTS = """
            {"id":"L1","symptom":"TOKEN_NOT_WORKING","description":"jane.doe@example.com (jdoe-4711) locked out","user":{"id":"jdoe-4711","email":"jane.doe@example.com","locked":true}}
            {"id":"L2","error":{"message":"mail bob.secret@corp.example"},"user":{"id":"uid-99887766","email":"bob.secret@corp.example","state":"ENABLED"}}
            {"id":"L3","error":{"message":"The widget is jammed."},"user":{"id":"jdoe-4711","email":"jane.doe@example.com"}}
            """;

    ListAppender<ILoggingEvent> captured;
    Level before;

    @BeforeEach
    void capture() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        before = root.getLevel();
        root.setLevel(Level.INFO);
        captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(captured);
        root.setLevel(before);
    }

    @Test
    void diagnoseAndBatchLogNoAddressOrUserId(@TempDir Path dir) throws Exception {
        // A pack whose rule fails, with the user's address in the exception: the failure is logged, the address not.
        Path pack = TestPacks.write(dir.resolve("pack"), "1");
        TestPacks.put(pack, "boom.drl", """
                package test.rules;
                import dev.authdoctor.incident.*; import dev.authdoctor.vocabulary.*;
                rule "A rule that fails on the widget"
                    @id("boom") @row("test") @problem("test-widget-jammed")
                when
                    RecognisedMessage() or ErrorText( resembles("The widget is jammed.") )
                    $u : UserFacts( email != null )
                then
                    throw new IllegalStateException("cannot handle " + $u.email() + " / " + $u.id());
                end
                """);
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, INCIDENTS);
        BatchCommandTest.Run d = BatchCommandTest.run("", "diagnose", input.toString(), "--rules", pack.toString());
        assertThat(d.exit()).isZero();
        assertThat(d.out()).as("the outputs may carry them: they are the user's own records").contains("jane.doe@example.com");
        BatchCommandTest.Run b = BatchCommandTest.run("", "batch", input.toString(), "--out", dir.resolve("out").toString(),
                "--rules", pack.toString(), "-q");
        assertThat(b.exit()).isZero();
        assertThat(captured.list).as("the failing rule was logged, so the check means something")
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("the rules failed (ConsequenceException)"));
        for (ILoggingEvent e : captured.list) {
            if (e.getLevel().isGreaterOrEqual(Level.INFO)) {
                String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage());
                for (String secret : SECRETS) {
                    assertThat(text).as("logged at %s by %s", e.getLevel(), e.getLoggerName()).doesNotContain(secret);
                }
            }
        }
    }
}
