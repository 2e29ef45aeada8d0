package com.sourceful.commissioner.architecture.planted.b;

import com.sourceful.commissioner.architecture.planted.a.PlantedA;

/** The other half of the planted cycle (see PlantedA). */
public final class PlantedB {

    public PlantedA partner() {
        return new PlantedA();
    }
}
