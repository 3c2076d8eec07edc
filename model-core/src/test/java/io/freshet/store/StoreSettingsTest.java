package io.freshet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {
    @Test
    void defaultsAreThirtySecondsWaitAndTenMinutesLease() {
        StoreSettings defaults = StoreSettings.defaults();
        assertEquals(Duration.ofSeconds(30), defaults.lockWait());
        assertEquals(Duration.ofMinutes(10), defaults.lockLease());
    }

    @Test
    void refusesNegativeDurationsNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.defaults().withLockLease(Duration.ofSeconds(-1)));
        assertEquals("lockLease must not be negative, got: PT-1S", e.getMessage());
    }

    @Test
    void refusesAZeroPoll() {
        assertThrows(IllegalArgumentException.class, () -> StoreSettings.defaults().withLockPoll(Duration.ZERO));
    }
}
