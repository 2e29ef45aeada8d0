package com.sourceful.commissioner.novacore;

/** A site as {@code GET /sites} lists it; {@code orgId} is empty when Novacore does not say. */
public record Site(String id, String name, String address, String orgId) {

    public Site(String id, String name, String address) {
        this(id, name, address, "");
    }

    @Override
    public String toString() {
        return name.isBlank() ? id : name + " (" + id + ")";
    }
}
