package com.sourceful.commissioner.zap;

import java.util.List;

/** The Zap's 201 answer to {@code POST /api/devices}: the new serial and the DERs it detected (all disabled). */
public record AddedDevice(String sn, String message, List<Der> ders) {
}
