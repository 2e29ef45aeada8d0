package com.sourceful.commissioner.ui.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A part of the composition made the first time something asks for it, not on the way to the first frame. Made
 * once, whichever thread asks first (the wizard on the JavaFX thread, a test on its own).
 */
final class OnFirstUse<T> implements Supplier<T> {

    private final Supplier<T> make;
    private final List<Consumer<? super T>> whenMade = new ArrayList<>();
    private T made;

    OnFirstUse(Supplier<T> make) {
        this.make = make;
    }

    /** The value, made now if it was not yet. */
    @Override
    public synchronized T get() {
        if (made == null) {
            made = Objects.requireNonNull(make.get());
            whenMade.forEach(action -> action.accept(made));
            whenMade.clear();
        }
        return made;
    }

    /** The value if something has asked for it already; never makes it. */
    synchronized Optional<T> ifMade() {
        return Optional.ofNullable(made);
    }

    /** Runs {@code action} with the value once it is made (at once, if it is). */
    synchronized void whenMade(Consumer<? super T> action) {
        if (made != null) {
            action.accept(made);
        } else {
            whenMade.add(action);
        }
    }
}
