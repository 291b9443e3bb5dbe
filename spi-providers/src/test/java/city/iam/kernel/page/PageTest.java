package city.iam.kernel.page;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PageTest {

    @Test
    void defaultsAndBounds() {
        assertEquals(new Page(0, Page.DEFAULT_MAX), Page.of(null, null));
        assertEquals(new Page(20, 1000), Page.of(20, 1000));
        assertEquals("invalid_paging", assertThrows(CityIamException.class, () -> Page.of(-1, 10)).error());
        assertEquals(400, assertThrows(CityIamException.class, () -> Page.of(0, 0)).status());
        assertEquals(400, assertThrows(CityIamException.class, () -> Page.of(0, 1001)).status());
    }
}
