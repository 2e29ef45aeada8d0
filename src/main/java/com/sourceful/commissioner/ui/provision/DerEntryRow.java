package com.sourceful.commissioner.ui.provision;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import com.sourceful.commissioner.commissioning.DerNaming;

/** A DER to register: the Zap's type, Novacore's type, and a name the technician may edit. */
public final class DerEntryRow {

    private final String zapType;
    private final StringProperty name;

    public DerEntryRow(String zapType) {
        this.zapType = zapType;
        this.name = new SimpleStringProperty(DerNaming.defaultName(zapType));
    }

    public String zapType() {
        return zapType;
    }

    public String novacoreType() {
        return DerNaming.novacoreType(zapType);
    }

    public StringProperty nameProperty() {
        return name;
    }
}
