package com.sourceful.commissioner.architecture.planted.a;

import com.sourceful.commissioner.architecture.planted.b.PlantedB;

/** Half of a package cycle planted for PackageCyclesTest: a uses b, and b uses a. */
public final class PlantedA {

    public PlantedB partner() {
        return new PlantedB();
    }
}
