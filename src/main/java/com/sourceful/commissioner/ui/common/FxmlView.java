package com.sourceful.commissioner.ui.common;

/** Every FXML file of the app, in one place: the steps (the window's frame is built in code, for start-up time). */
public enum FxmlView {
    FIND("/com/sourceful/commissioner/ui/find/find.fxml"),
    ADD("/com/sourceful/commissioner/ui/add/add.fxml"),
    VERIFY("/com/sourceful/commissioner/ui/verify/verify.fxml"),
    PROVISION("/com/sourceful/commissioner/ui/provision/provision.fxml"),
    DONE("/com/sourceful/commissioner/ui/done/done.fxml");

    private final String resource;

    FxmlView(String resource) {
        this.resource = resource;
    }

    /** The class-path resource (absolute). */
    public String resource() {
        return resource;
    }
}
