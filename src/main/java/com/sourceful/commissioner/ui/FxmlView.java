package com.sourceful.commissioner.ui;

/** Every FXML file of the app, in one place. */
public enum FxmlView {
    WIZARD("wizard/wizard.fxml"),
    FIND("find/find.fxml"),
    ADD("add/add.fxml"),
    VERIFY("verify/verify.fxml"),
    PROVISION("provision/provision.fxml"),
    DONE("done/done.fxml");

    private final String resource;

    FxmlView(String resource) {
        this.resource = resource;
    }

    /** Path relative to this package. */
    public String resource() {
        return resource;
    }
}
