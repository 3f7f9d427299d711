/**
 * Small value helpers every module may use: time-ordered ids and the application clock. Nothing here knows about
 * HTTP, persistence or any capability.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package dev.bulwark.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
