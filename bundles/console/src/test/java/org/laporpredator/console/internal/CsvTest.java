package org.laporpredator.console.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class CsvTest {

    @Test
    public void formulasAreDefusedAndSeparatorsQuoted() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+60123", Csv.cell("+60123"));
        assertEquals("'-1", Csv.cell("-1"));
        assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
        assertEquals("'\tx", Csv.cell("\tx"));
        assertEquals("\"a,b\"", Csv.cell("a,b"));
        assertEquals("\"line\nbreak\"", Csv.cell("line\nbreak"));
        assertEquals("https://bad.example/a?x=1", Csv.cell("https://bad.example/a?x=1"));
        assertEquals("", Csv.cell(null));
        assertEquals("a,\"b,c\",'=1\r\n", Csv.row("a", "b,c", "=1"));
    }
}
