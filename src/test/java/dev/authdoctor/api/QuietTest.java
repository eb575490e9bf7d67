package dev.authdoctor.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authdoctor.TestPacks;
import dev.authdoctor.incident.Incident;
import dev.authdoctor.io.IncidentReader;
import dev.authdoctor.incident.ReadResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The library's own operations leave Drools silent at INFO and above, whatever level the application logs at:
 * building, diagnosing, explaining, reloading, and a broken pack (reported by the exception alone).
 */
class QuietTest {

    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();
    private final Map<Logger, Level> levels = new HashMap<>();

    @BeforeEach
    void listenAtInfo() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        // As an application that logs INFO would: the test configuration turns some Drools loggers off.
        for (Logger l : context.getLoggerList()) {
            levels.put(l, l.getLevel());
            if (l.getLevel() != null) {
                l.setLevel(Level.INFO);
            }
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        seen.setContext(context);
        seen.start();
        root.addAppender(seen);
    }

    @AfterEach
    void restore() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(seen);
        levels.forEach(Logger::setLevel);
    }

    @Test
    void buildingDiagnosingExplainingAndReloadingLogNothingFromDrools(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        Incident incident = ((ReadResult.Accepted) new IncidentReader().read(Files.readAllLines(Path.of("examples/incidents.jsonl")).get(0))).incident();
        try (Troubleshooter builtIn = Troubleshooter.create();
             Troubleshooter withPack = Troubleshooter.builder().addPack(dir).build()) {
            assertThat(builtIn.diagnose(incident).outcome()).isEqualTo(Diagnosis.Outcome.DIAGNOSED);
            assertThat(builtIn.explain(incident).problems()).isNotEmpty();
            withPack.diagnose(incident);
            TestPacks.write(dir, "2");
            assertThat(withPack.reload()).isTrue();
        }
        assertThat(fromOthers()).as("log events at INFO and above not from authdoctor").isEmpty();
        assertThat(seen.list).as("some logging was captured at all (the listener works)").isNotEmpty();
    }

    @Test
    void aBrokenPackIsReportedByTheExceptionAlone(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        TestPacks.put(dir, "widget.drl", "package test.rules;\n\nrule \"oops\"\nwhen\n    NoSuchFact( x == 1 )\nthen\nend\n");
        assertThatThrownBy(() -> Troubleshooter.builder().addPack(dir).build())
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).problems()).anySatisfy(p -> assertThat(p).startsWith("test-pack/widget.drl:5:")));
        assertThat(seen.list).as("nothing logged: the exception is the report").isEmpty();
    }

    private List<String> fromOthers() {
        return seen.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO) && !e.getLoggerName().startsWith("dev.authdoctor"))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage())
                .toList();
    }
}
