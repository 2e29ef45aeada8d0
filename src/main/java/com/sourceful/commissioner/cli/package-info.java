/**
 * The command-line tools {@code discover} and {@code check}: discovery and one-address checks without a window,
 * for scripts and for a technician's terminal. No JavaFX here ({@code ArchitectureTest}).
 */
package com.sourceful.commissioner.cli;
