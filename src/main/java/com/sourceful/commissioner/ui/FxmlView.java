package com.sourceful.commissioner.ui;

/** Every FXML file of the app, in one place: the steps (the window's frame is built in code, for start-up time). */
public enum FxmlView {
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
