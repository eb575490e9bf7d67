package dev.authdoctor.text;

/**
 * Whether two words are within a few edits of each other, counting an insertion, a deletion, a substitution and
 * a swap of two adjacent letters as one edit each (optimal string alignment), over code points.
 *
 * <p>It accepts exactly what Lucene's {@code LevenshteinAutomata(word, true)} accepts at the same distance
 * ({@code EditDistanceTest} checks the two against each other), without building an automaton: the matcher used
 * to build one per phrase word, and on a cold run those builds, in code the JIT had not compiled yet, were the
 * biggest single cost of a batch over free-text messages (BENCHMARKS.md, "Cold batch").
 */
final class EditDistance {

    private EditDistance() {
    }

    /** True when {@code a} becomes {@code b} in at most {@code max} edits. */
    static boolean within(String a, String b, int max) {
        if (a.equals(b)) {
            return true;
        }
        int[] s = codePoints(a);
        int[] t = codePoints(b);
        int n = s.length;
        int m = t.length;
        if (Math.abs(n - m) > max) {
            return false;
        }
        // Three rows of the dynamic programme: the one before last is for swaps.
        int[] before = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= m; j++) {
                int cost = s[i - 1] == t[j - 1] ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && s[i - 1] == t[j - 2] && s[i - 2] == t[j - 1]) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > max) {
                return false; // every later row is at least this far
            }
            int[] recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }
        return previous[m] <= max;
    }

    /** As {@code s.codePoints().toArray()}, without a stream: called for every pair of words compared, often before the JIT has compiled it. */
    private static int[] codePoints(String s) {
        int[] out = new int[s.codePointCount(0, s.length())];
        for (int i = 0, j = 0; i < s.length(); j++) {
            int c = s.codePointAt(i);
            out[j] = c;
            i += Character.charCount(c);
        }
        return out;
    }
}
