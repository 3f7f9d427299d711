/**
 * Small value helpers every module may use: time-ordered ids, the application clock, and which database constraint
 * refused a write ({@link dev.bulwark.common.IntegrityViolations}). Nothing here knows about HTTP or any capability.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.bulwark.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
