/** Stability annotations for public types: {@link Stable}, {@link Experimental}, {@link Internal}. */
package dev.loupe.core.stability;
