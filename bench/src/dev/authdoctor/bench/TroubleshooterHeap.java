package dev.authdoctor.bench;

import dev.authdoctor.api.Troubleshooter;

import java.util.ArrayList;
import java.util.List;

/**
 * Heap one more Troubleshooter (built-in pack) keeps alive: used heap after GC with N more held, minus before,
 * divided by N. The first one is built before measuring: the classes it loads are not an instance's cost.
 */
public final class TroubleshooterHeap {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Troubleshooter first = Troubleshooter.create();
        long before = Heap.usedAfterGc();
        List<Troubleshooter> held = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            held.add(Troubleshooter.create());
        }
        long after = Heap.usedAfterGc();
        System.out.printf("retained heap per Troubleshooter: %,d KiB (%d held)%n", (after - before) / 1024 / n, held.size());
        if (first.rulePacks().isEmpty()) {
            System.out.println();
        }
    }
}
