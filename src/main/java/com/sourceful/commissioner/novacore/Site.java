package com.sourceful.commissioner.novacore;

/** A site as {@code GET /sites} lists it. */
public record Site(String id, String name, String address) {
    @Override
    public String toString() {
        return name.isBlank() ? id : name + " (" + id + ")";
    }
}
