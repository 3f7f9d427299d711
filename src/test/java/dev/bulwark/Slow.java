package dev.bulwark;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that takes seconds on its own: timing comparisons, floods, outages, graceful shutdown, extra instances or
 * application contexts, bulk data. {@code ./bulwark test --fast} leaves these out (surefire's {@code excludedGroups});
 * {@code ./bulwark test} and CI run them.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Slow.TAG)
public @interface Slow {

    String TAG = "slow";
}
