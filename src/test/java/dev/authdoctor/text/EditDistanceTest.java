package dev.authdoctor.text;

import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The matcher's edit distance accepts exactly what Lucene's Levenshtein automata (with transpositions) accept. */
class EditDistanceTest {

    @Test
    void typosAndSwapsCountAsOneEdit() {
        assertTrue(EditDistance.within("activation", "activaton", 1));   // a deletion
        assertTrue(EditDistance.within("activation", "actlvation", 1));  // a substitution (OCR's l for i)
        assertTrue(EditDistance.within("activation", "acitvation", 1));  // a swap
        assertTrue(EditDistance.within("expired", "expried", 1));
        assertFalse(EditDistance.within("expired", "epxried", 1));      // two swaps
        assertTrue(EditDistance.within("expired", "epxried", 2));
        assertFalse(EditDistance.within("token", "tokenized", 2));       // too far apart in length
        assertTrue(EditDistance.within("gelöscht", "geloscht", 1));      // code points, not bytes
    }

    @Test
    void agreesWithLuceneAutomataOnNearAndFarWords() {
        Random random = new Random(12);
        String[] alphabets = {"ab", "abc", "aeiou", "abcdefghijklmnopqrstuvwxyz", "aäoöuüßé"};
        int near = 0;
        for (int k = 0; k < 60_000; k++) {
            String alphabet = alphabets[k % alphabets.length];
            String a = word(random, alphabet, 1 + random.nextInt(12));
            String b = k % 3 == 0 ? word(random, alphabet, 1 + random.nextInt(12)) : edited(random, a, alphabet, random.nextInt(4));
            int max = 1 + random.nextInt(2);
            boolean lucene = new CharacterRunAutomaton(new LevenshteinAutomata(a, true).toAutomaton(max)).run(b);
            assertEquals(lucene, EditDistance.within(a, b, max), () -> a + " / " + b + " within " + max);
            assertEquals(lucene, EditDistance.within(b, a, max), () -> b + " / " + a + " within " + max + " (reversed)");
            near += lucene ? 1 : 0;
        }
        assertTrue(near > 10_000 && near < 50_000, "both near and far pairs were tried: " + near + " near");
    }

    private static String word(Random random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String edited(Random random, String word, String alphabet, int edits) {
        StringBuilder sb = new StringBuilder(word);
        for (int e = 0; e < edits; e++) {
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> sb.insert(at, c);
                case 1 -> { if (sb.length() > 0) sb.deleteCharAt(at); }
                case 2 -> { if (sb.length() > 0) sb.setCharAt(at, c); }
                default -> {
                    if (at + 1 < sb.length()) {
                        char x = sb.charAt(at);
                        sb.setCharAt(at, sb.charAt(at + 1));
                        sb.setCharAt(at + 1, x);
                    }
                }
            }
        }
        return sb.toString();
    }
}
