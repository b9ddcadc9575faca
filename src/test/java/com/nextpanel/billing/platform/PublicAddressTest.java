package com.nextpanel.billing.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicAddressTest {

    @Test
    void anOriginIsSchemeHostAndPortInLowerCaseWithoutTheDefaultPort() {
        assertThat(PublicAddress.originOf("https://Shop.Example.com/store/index.html")).isEqualTo("https://shop.example.com");
        assertThat(PublicAddress.originOf("https://shop.example.com:443")).isEqualTo("https://shop.example.com");
        assertThat(PublicAddress.originOf("http://shop.example.com:80/")).isEqualTo("http://shop.example.com");
        assertThat(PublicAddress.originOf("http://localhost:8080")).isEqualTo("http://localhost:8080");
    }

    @Test
    void whatNamesNoOriginIsEmpty() {
        assertThat(PublicAddress.originOf("null")).isEmpty();
        assertThat(PublicAddress.originOf("not a url")).isEmpty();
        assertThat(PublicAddress.originOf("file:///etc/passwd")).isEmpty();
    }
}
