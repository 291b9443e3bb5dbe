package city.iam.review.campaign;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemRowsTest {

    @Test
    void aStatementCarriesOneValuesGroupPerRowWithinEveryDatabasesParameterLimit() {
        String one = ItemRows.statement(1);
        String fifty = ItemRows.statement(ItemRows.ROWS_PER_STATEMENT);
        assertEquals(18, one.chars().filter(c -> c == '?').count());
        assertEquals(18L * ItemRows.ROWS_PER_STATEMENT, fifty.chars().filter(c -> c == '?').count());
        assertEquals(ItemRows.ROWS_PER_STATEMENT, fifty.split("\\), \\(", -1).length);
        assertTrue(18L * ItemRows.ROWS_PER_STATEMENT < 2_100, "SQL Server's limit, the smallest of the supported databases");
    }
}
