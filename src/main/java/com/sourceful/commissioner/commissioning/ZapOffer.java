package com.sourceful.commissioner.commissioning;

import java.util.List;
import java.util.Optional;

import com.sourceful.commissioner.zap.ConnectionTypeSpec;
import com.sourceful.commissioner.zap.SupportedProfile;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;

/**
 * What a Zap offers for a new device: its profiles ({@code GET /api/devices/supported}) and connection types
 * ({@code GET /api/devices/types}). A Zap that lists its profiles but cannot describe its connection types still
 * offers them; the form then follows the documented schema.
 *
 * @param types        empty when the Zap sent none
 * @param typesProblem why the Zap could not describe its connection types, when it could not
 */
public record ZapOffer(List<SupportedProfile> supported, List<ConnectionTypeSpec> types,
                       Optional<ZapException> typesProblem) {

    /** Asks the Zap; fails only when it cannot list its profiles. */
    public static ZapOffer ask(ZapClient zap) throws ZapException {
        List<SupportedProfile> supported = zap.supportedProfiles();
        try {
            return new ZapOffer(supported, zap.connectionTypes(), Optional.empty());
        } catch (ZapException e) {
            return new ZapOffer(supported, List.of(), Optional.of(e));
        }
    }

    /** The schema the form is built from: the Zap's own, or the documented one where the Zap sent none. */
    public List<ConnectionTypeSpec> schema() {
        return types.isEmpty() ? ConnectionSchemas.builtIn() : types;
    }
}
