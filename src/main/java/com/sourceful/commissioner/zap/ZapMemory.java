package com.sourceful.commissioner.zap;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * {@code GET /api/system}'s {@code memory_kb}: the Zap's heap in KB. Each field is empty when the firmware does not
 * report it.
 *
 * @param min     the lowest free heap since the Zap started ({@code min}; older name {@code min_free})
 * @param largest the largest free block
 */
public record ZapMemory(OptionalLong total, OptionalLong free, OptionalLong used, OptionalDouble percentUsed,
                        OptionalLong min, OptionalLong largest) {

    public static final ZapMemory UNKNOWN = new ZapMemory(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty());
}
