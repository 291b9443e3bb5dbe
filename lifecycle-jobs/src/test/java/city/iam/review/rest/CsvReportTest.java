package city.iam.review.rest;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvReportTest {

    @Test
    void cellsThatASpreadsheetWouldEvaluateAreDefused() {
        assertEquals("'=1+1", CsvReport.cell("=1+1"));
        assertEquals("'+31 20 000", CsvReport.cell("+31 20 000"));
        assertEquals("'-2", CsvReport.cell("-2"));
        assertEquals("'@SUM(A1)", CsvReport.cell("@SUM(A1)"));
        assertEquals("'\tx", CsvReport.cell("\tx"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CsvReport.cell("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("a=b", CsvReport.cell("a=b"));
        assertEquals("", CsvReport.cell(null));
    }

    @Test
    void rowsAreRfc4180() {
        String csv = new CsvReport().row(Arrays.asList("a", null, "b,c", "line\nbreak")).toString();
        assertEquals("a,,\"b,c\",\"line\nbreak\"\r\n", csv);
    }
}
