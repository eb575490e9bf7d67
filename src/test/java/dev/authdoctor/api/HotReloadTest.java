package dev.authdoctor.api;

import dev.authdoctor.TestPacks;
import dev.authdoctor.incident.Incident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.authdoctor.Doctor.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reloading packs while diagnoses run: none lost, none mixing two versions, a broken version never used. */
class HotReloadTest {

    static final Incident WIDGET = incident("{\"id\":\"w\",\"error\":{\"message\":\"The widget is jammed.\"}}");

    @Test
    void aChangeIsReloadedOnlyOnceItHasSettledNotHalfWritten(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        List<String> heard = new ArrayList<>();
        // an hour between automatic looks: this test looks by hand
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(dir).watch(Duration.ofHours(1))
                .onReload(new Troubleshooter.ReloadListener() {
                    @Override
                    public void reloaded(List<String> rulePacks) {
                        heard.add("reloaded " + rulePacks);
                    }

                    @Override
                    public void failed(RulePackException error) {
                        heard.add("failed");
                    }
                }).build()) {
            doctor.poll(); // the first look only learns what is there
            // a save that writes the manifest first and the rules after: the first look sees it half-way
            TestPacks.put(dir, "pack.properties", "name=test-pack\nversion=2\nproblem.test-widget-jammed.title=The widget is jammed\n");
            doctor.poll();
            assertThat(heard).as("a change seen once is not yet settled").isEmpty();
            TestPacks.write(dir, "2");
            doctor.poll();
            assertThat(heard).as("still moving: the rules changed since the last look").isEmpty();
            doctor.poll();
            assertThat(heard).singleElement().asString().startsWith("reloaded").contains("test-pack 2");
            assertThat(doctor.diagnose(WIDGET).steps().get(0).text()).contains("version 2");
            doctor.poll();
            assertThat(heard).as("nothing new, nothing heard").hasSize(1);
        }
    }

    @Test
    void reloadsUnderConcurrentDiagnosesLoseNoneAndMixNoVersions(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        Troubleshooter doctor = Troubleshooter.builder().addPack(dir).build();
        AtomicBoolean stop = new AtomicBoolean();
        // The workers stop once one of them has diagnosed with the last version, not after a guessed pause: on a
        // loaded machine 30 ms was not always enough for a worker to get the CPU after the last reload.
        java.util.concurrent.CountDownLatch last = new java.util.concurrent.CountDownLatch(1);
        // Four busy workers and three reloads: enough to interleave, and each compile is not starved of CPU.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Diagnosis>>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                List<Diagnosis> seen = new ArrayList<>();
                while (!stop.get()) {
                    Diagnosis d = doctor.diagnose(WIDGET);
                    seen.add(d);
                    if (d.rulePacks().contains("test-pack 4")) {
                        last.countDown();
                    }
                }
                return seen;
            }));
        }
        for (int v = 2; v <= 4; v++) {
            TestPacks.write(dir, Integer.toString(v));
            assertThat(doctor.reload()).isTrue();
            Thread.sleep(30);
        }
        assertThat(last.await(60, TimeUnit.SECONDS)).as("a worker diagnosed with the last version").isTrue();
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<Diagnosis> all = new ArrayList<>();
        for (Future<List<Diagnosis>> f : workers) {
            all.addAll(f.get());
        }
        assertThat(all).isNotEmpty().allSatisfy(d -> {
            assertThat(d.outcome()).isEqualTo(Diagnosis.Outcome.DIAGNOSED);
            String version = d.rulePacks().stream().filter(p -> p.startsWith("test-pack ")).findFirst().orElseThrow().substring(10);
            // the step was written by the same version the diagnosis names: nothing mixed
            assertThat(d.steps().get(0).text()).isEqualTo("Unjam the widget (version " + version + ").");
        });
        assertThat(all).extracting(d -> d.rulePacks().get(1)).contains("test-pack 1", "test-pack 4");
        assertThat(doctor.rulePacks()).containsExactly("authdoctor-builtin 1.0.0", "test-pack 4");
        assertThat(doctor.openSessions()).isZero();
    }

    @Test
    void aVersionThatDoesNotCompileIsReportedAndTheRunningOneStays(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        Troubleshooter doctor = Troubleshooter.builder().addPack(dir).build();
        TestPacks.put(dir, "widget.drl", "package test.rules;\nrule \"broken\" @id(\"b\")\nwhen\n  NoSuchFact()\nthen\nend\n");
        assertThatThrownBy(doctor::reload).isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).problems()).anySatisfy(p -> assertThat(p).startsWith("test-pack/widget.drl:4:")));
        assertThat(doctor.rulePacks()).contains("test-pack 1");
        assertThat(doctor.diagnose(WIDGET).steps().get(0).text()).isEqualTo("Unjam the widget (version 1).");
        assertThat(doctor.reload()).as("the same broken version is not compiled and reported again").isFalse();
        TestPacks.write(dir, "2");
        assertThat(doctor.reload()).as("a fixed version is").isTrue();
    }

    /** Event-driven: the test waits on what the listener hears, and wakes the moment it hears it (the bound only stops a hang). */
    @Test
    void aWatchedFolderIsReloadedByItselfAndListenersHearOfIt(@TempDir Path dir) throws Exception {
        TestPacks.write(dir, "1");
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        try (Troubleshooter doctor = Troubleshooter.builder().addPack(dir).watch(Duration.ofMillis(50))
                .onReload(new Troubleshooter.ReloadListener() {
                    @Override
                    public void reloaded(List<String> rulePacks) {
                        heard.add("reloaded " + rulePacks);
                    }

                    @Override
                    public void failed(RulePackException error) {
                        heard.add("failed " + error.problems());
                    }
                }).build()) {
            TestPacks.write(dir, "2");
            assertThat(heard.poll(60, TimeUnit.SECONDS)).startsWith("reloaded").contains("test-pack 2");
            assertThat(doctor.diagnose(WIDGET).steps().get(0).text()).contains("version 2");
            TestPacks.put(dir, "widget.drl", "package test.rules;\nrule \"broken\" @id(\"b\")\nwhen\n  NoSuchFact()\nthen\nend\n");
            assertThat(heard.poll(60, TimeUnit.SECONDS)).startsWith("failed").contains("widget.drl:4");
            assertThat(doctor.diagnose(WIDGET).steps().get(0).text()).contains("version 2");
            assertThat(heard).as("one event per change, none repeated").isEmpty();
        }
    }
}
