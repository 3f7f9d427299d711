package dev.bulwark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rules Spring Modulith does not check (STYLE.md). */
class ArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.bulwark");

    /**
     * Time comes from the injected {@link Clock}, so tests can move it. The one bean that provides that clock reads
     * the system's; the access log measures a request's duration with the monotonic {@code System.nanoTime()}, which
     * a wall clock stepping back or forth would falsify.
     */
    @Test
    void mainCodeTakesTheTimeOnlyFromTheInjectedClock() {
        noClasses()
                .should()
                .callMethodWhere(readsTheSystemClock())
                .because("time comes from the injected Clock (STYLE.md)")
                .check(MAIN);
    }

    private static DescribedPredicate<JavaMethodCall> readsTheSystemClock() {
        List<Class<?>> dateTimes = List.of(
                Instant.class,
                LocalDate.class,
                LocalDateTime.class,
                LocalTime.class,
                OffsetDateTime.class,
                ZonedDateTime.class);
        return DescribedPredicate.describe("reads the system clock", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            String caller = call.getOriginOwner().getName();
            boolean nowWithoutClock = name.equals("now")
                    && dateTimes.stream().anyMatch(type -> type.getName().equals(owner))
                    && !call.getTarget().getRawParameterTypes().stream()
                            .anyMatch(type -> type.isEquivalentTo(Clock.class));
            boolean systemClock = owner.equals(Clock.class.getName())
                    && Set.of("systemUTC", "systemDefaultZone", "system").contains(name)
                    && !caller.equals("dev.bulwark.common.CommonConfiguration");
            boolean systemTime = owner.equals(System.class.getName())
                    && (name.equals("currentTimeMillis")
                            || name.equals("nanoTime") && !caller.equals("dev.bulwark.web.RequestTracingFilter"));
            return nowWithoutClock || systemClock || systemTime;
        });
    }
}
