package dev.authdoctor.examples.embedding;

import dev.authdoctor.api.Diagnosis;
import dev.authdoctor.api.Troubleshooter;
import dev.authdoctor.incident.Incident;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One {@link Troubleshooter} shared by many request threads, as a login service would share it: every
 * thread diagnoses the same incidents at the same time, and every thread's answers must be the same.
 */
public final class ConcurrentDiagnoses {

    private ConcurrentDiagnoses() {
    }

    /**
     * Diagnoses {@code incidents} {@code rounds} times on each of {@code threads} threads, all started at once.
     *
     * @param doctor    the one shared troubleshooter
     * @param incidents what each thread diagnoses, in order
     * @param threads   how many threads
     * @param rounds    how many times each thread goes through the incidents
     * @return a one-line summary, {@code ... identical across 16 threads}
     * @throws IllegalStateException when two threads' answers differ, or a session was left open
     * @throws InterruptedException  when interrupted while waiting for the threads
     */
    public static String run(Troubleshooter doctor, List<Incident> incidents, int threads, int rounds)
            throws InterruptedException {
        List<Diagnosis> expected = incidents.stream().map(doctor::diagnose).toList();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Diagnosis>>> answers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                answers.add(pool.submit(() -> {
                    start.await(); // all threads enter the rules together
                    List<Diagnosis> mine = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        for (Incident incident : incidents) {
                            mine.add(doctor.diagnose(incident));
                        }
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                List<Diagnosis> got = answers.get(t).get();
                for (int i = 0; i < got.size(); i++) {
                    if (!got.get(i).equals(expected.get(i % incidents.size()))) {
                        throw new IllegalStateException("thread " + t + " answered differently for "
                                + got.get(i).incidentId() + ": " + got.get(i) + " instead of " + expected.get(i % incidents.size()));
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a diagnosing thread failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (doctor.openSessions() != 0) {
            throw new IllegalStateException(doctor.openSessions() + " rule sessions left open");
        }
        return threads * rounds * incidents.size() + " diagnoses of " + incidents.size()
                + " incidents, identical across " + threads + " threads";
    }

    /**
     * Runs 16 threads over a few failed logins.
     *
     * @param args none
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        try (Troubleshooter doctor = Troubleshooter.create()) {
            List<Incident> logins = List.of(
                    FailedLoginHook.incident("LOGIN-1", "Your account is locked"),
                    FailedLoginHook.incident("LOGIN-2", "Invalid credentials"));
            System.out.println(run(doctor, logins, 16, 20));
        }
    }
}
