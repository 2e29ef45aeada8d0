package com.sourceful.commissioner.commissioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import com.sourceful.commissioner.http.StubServer;
import com.sourceful.commissioner.zap.ConnectionTypeSpec;
import com.sourceful.commissioner.zap.SupportedProfile;
import com.sourceful.commissioner.zap.ZapClient;
import com.sourceful.commissioner.zap.ZapException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a Zap offers for a new device: its profiles are needed, its connection types are not. */
class ZapOfferTest {

    private static final String SUPPORTED = "{\"inverters\":[{\"display_name\":\"Sungrow\",\"profile\":\"sungrow\","
            + "\"connection_types\":[\"modbus_tcp\"]}]}";
    private static final String TYPES = "{\"connection_types\":[{\"type\":\"modbus_tcp\",\"parameters\":["
            + "{\"name\":\"ip\",\"type\":\"string\",\"required\":true}]}]}";

    private StubServer stub;

    @AfterEach
    void close() {
        stub.close();
    }

    private ZapOffer ask() throws ZapException {
        return ZapOffer.ask(new ZapClient(stub.baseUri()));
    }

    @Test
    void aZapThatDescribesItsTypes_offersItsOwnSchema() throws Exception {
        stub = StubServer.start().json("/api/devices/supported", 200, SUPPORTED).json("/api/devices/types", 200, TYPES);
        ZapOffer offer = ask();
        assertThat(offer.supported()).extracting(SupportedProfile::profile).containsExactly("sungrow");
        assertThat(offer.typesProblem()).isEmpty();
        assertThat(offer.schema()).isEqualTo(offer.types());
        assertThat(offer.schema()).singleElement().extracting(ConnectionTypeSpec::type).isEqualTo("modbus_tcp");
    }

    @Test
    void aZapThatCannotDescribeItsTypes_stillOffersItsProfiles_withTheDocumentedSchemaAndWhy() throws Exception {
        stub = StubServer.start().json("/api/devices/supported", 200, SUPPORTED)
                .json("/api/devices/types", 500, "{\"error\":\"internal\"}");
        ZapOffer offer = ask();
        assertThat(offer.supported()).extracting(SupportedProfile::profile).containsExactly("sungrow");
        assertThat(offer.types()).isEmpty();
        assertThat(offer.typesProblem()).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(500));
        assertThat(offer.schema()).isEqualTo(ConnectionSchemas.builtIn());
    }

    @Test
    void aZapThatCannotListItsProfiles_offersNothing() throws IOException {
        stub = StubServer.start().json("/api/devices/supported", 503, "{\"error\":\"busy\"}")
                .json("/api/devices/types", 200, TYPES);
        assertThatThrownBy(this::ask).isInstanceOfSatisfying(ZapException.class,
                e -> assertThat(e.status()).isEqualTo(503));
    }
}
