package com.sourceful.commissioner.ui.add;

import java.util.List;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import com.sourceful.commissioner.commissioning.FieldRules;
import com.sourceful.commissioner.ui.common.Messages;
import com.sourceful.commissioner.zap.ConnectionTypeSpec;
import com.sourceful.commissioner.zap.DeviceConfig;

/** One input of a device form, built from a schema parameter; {@link #problemProperty()} is empty when valid. */
public final class FormField {

    private final String connectionType;
    private final ConnectionTypeSpec.Parameter parameter;
    private final StringProperty text = new SimpleStringProperty("");
    private final StringBinding problem;

    public FormField(String connectionType, ConnectionTypeSpec.Parameter parameter) {
        this.connectionType = connectionType;
        this.parameter = parameter;
        this.text.set(FieldRules.defaultText(parameter.defaultValue()));
        this.problem = Bindings.createStringBinding(() -> FieldRules
                .check(connectionType, parameter.name(), parameter.type(), parameter.required(), text.get())
                .map(p -> Messages.get(p.key(), p.args()))
                .orElse(""), text);
    }

    public String name() {
        return parameter.name();
    }

    public String label() {
        // A parameter a newer firmware added: its own name and description are better than nothing.
        return Messages.getOr("field." + parameter.name(), parameter.name());
    }

    public String description() {
        return parameter.description();
    }

    public boolean required() {
        return parameter.required();
    }

    public boolean secret() {
        return DeviceConfig.isSecret(parameter.name());
    }

    public List<String> choices() {
        return FieldRules.choices(connectionType, parameter.name());
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringBinding problemProperty() {
        return problem;
    }

    public boolean valid() {
        return problem.get().isEmpty();
    }

    /** The JSON value, or empty for a blank optional field. */
    public Optional<Object> value() {
        String t = text.get() == null ? "" : text.get().strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(FieldRules.toValue(parameter.type(), parameter.name(), t));
    }
}
