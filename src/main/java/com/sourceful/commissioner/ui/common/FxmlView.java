package com.sourceful.commissioner.ui.common;

/** The steps' FXML files, in one place (the window's frame is built in code, for start-up time; panels are included). */
public enum FxmlView {
    FIND("/com/sourceful/commissioner/ui/find/find.fxml"),
    PREPARE("/com/sourceful/commissioner/ui/prepare/prepare.fxml"),
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
