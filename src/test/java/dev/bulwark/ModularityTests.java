package dev.bulwark;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Modules depend on each other only through their public surfaces, without cycles (STYLE.md). */
class ModularityTests {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(BulwarkApplication.class).verify();
    }
}
