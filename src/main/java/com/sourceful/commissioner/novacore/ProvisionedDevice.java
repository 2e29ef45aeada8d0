package com.sourceful.commissioner.novacore;

import java.util.List;

/**
 * A device Novacore already knows at a site ({@code GET /sites/{id}/devices}), with its DERs.
 *
 * @param state Novacore's state of it ("pending" until Novacore has done with it); empty when the answer names none
 */
public record ProvisionedDevice(String deviceId, String hardwareId, String name, String deviceType,
                                List<ProvisionResult.ProvisionedDer> ders, String state) {

    public ProvisionedDevice {
        ders = List.copyOf(ders);
    }

    /** A device whose state the answer did not name. */
    public ProvisionedDevice(String deviceId, String hardwareId, String name, String deviceType,
                             List<ProvisionResult.ProvisionedDer> ders) {
        this(deviceId, hardwareId, name, deviceType, ders, "");
    }
}
