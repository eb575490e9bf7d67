package dev.authdoctor.bench;

/** Heap in use once garbage collection has settled: for the retained-heap measurements. */
final class Heap {

    private Heap() {
    }

    static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
