package com.sourceful.commissioner.novacore;

import java.util.List;

/** A device Novacore already knows at a site ({@code GET /sites/{id}/devices}), with its DERs. */
public record ProvisionedDevice(String deviceId, String hardwareId, String name, String deviceType,
                                List<ProvisionResult.ProvisionedDer> ders) {

    public ProvisionedDevice {
        ders = List.copyOf(ders);
    }
}
