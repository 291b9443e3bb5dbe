package city.iam.lifecycle.it;

import city.iam.testing.KeycloakServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** A lifecycle scenario that moves the server's test clock: whatever happens, the clock is put back after it. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClockedLifecycleIT {

    LifecycleRealm city;

    @AfterAll
    void resetClock() {
        if (city != null) {
            city.clock(0);
        }
    }
}
