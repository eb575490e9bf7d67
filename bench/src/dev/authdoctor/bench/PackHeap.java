package dev.authdoctor.bench;

import dev.authdoctor.engine.RuleBase;
import dev.authdoctor.engine.RulePack;

import java.util.List;

/** Heap a compiled rule pack keeps alive: used heap after GC, with the pack held, minus before. Run by bench/pack-heap.sh. */
public final class PackHeap {

    public static void main(String[] args) throws Exception {
        RulePack builtIn = RulePack.builtIn();
        RulePack thousand = PackBuildBenchmark.generated(1_000);
        RuleBase.compile(List.of(builtIn)); // load the compiler's classes first: they are not the pack's cost
        for (String name : List.of("built-in", "1,000 rules")) {
            long before = Heap.usedAfterGc();
            Object held = RuleBase.compile(List.of(name.equals("built-in") ? builtIn : thousand));
            long after = Heap.usedAfterGc();
            System.out.printf("%-12s retained heap: %,d KiB%n", name, (after - before) / 1024);
            if (held.hashCode() == 42) {
                System.out.println();
            }
        }
    }
}
