package com.sourceful.commissioner.novacore;

import java.util.List;

/** TEMPORARY stand-in of the issue 6 contract; replaced by the sign-in branch on merge. */
public record ProvisionedDevice(String deviceId, String hardwareId, String name, String deviceType,
                                List<ProvisionResult.ProvisionedDer> ders) {
}
