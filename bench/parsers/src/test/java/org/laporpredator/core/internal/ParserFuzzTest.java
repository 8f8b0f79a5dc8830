package org.laporpredator.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

/** A short fuzz run in the build: no exception escapes a parser, the URL layer or the chat reader. */
public class ParserFuzzTest {

    @Test
    public void noExceptionEscapes() {
        ParserFuzz fuzz = new ParserFuzz(20261123L);
        fuzz.run(10_000_000_000L, false);
        assertTrue("ran " + fuzz.inputs(), fuzz.inputs() > 10_000);
        assertEquals(List.of(), fuzz.failures());
    }

    @Test
    public void mutationsDiffer() {
        ParserFuzz fuzz = new ParserFuzz(1L);
        String seed = ParserRegistryBenchmark.CORPUS[0];
        int changed = 0;
        for (int i = 0; i < 100; i++) {
            if (!fuzz.mutate(seed, 4).equals(seed)) {
                changed++;
            }
        }
        assertTrue(changed > 90);
    }
}
