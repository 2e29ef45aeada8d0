package com.sourceful.commissioner.zap;

import java.util.List;

/**
 * One entry of {@code GET /api/devices/supported}.
 *
 * @param group the array it came from ({@code inverters}, {@code meters}, {@code ev_chargers}, or any other the firmware adds)
 */
public record SupportedProfile(String group, String displayName, String profile, List<String> connectionTypes) {
}
