package com.sourceful.commissioner.novacore;

import java.util.List;

/** Novacore's answer: {@code created} is false when the same hardware was already bound (a safe retry). */
public record ProvisionResult(boolean created, String deviceId, String hardwareId, String siteId, String state,
                              List<ProvisionedDer> ders) {

    public record ProvisionedDer(String id, String name, String type) {
    }
}
