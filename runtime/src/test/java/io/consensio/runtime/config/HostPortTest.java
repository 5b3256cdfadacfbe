package io.consensio.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void parsesNamesIpv4AndBracketedIpv6() {
    assertThat(HostPort.parse("127.0.0.1:7001")).isEqualTo(new HostPort("127.0.0.1", 7001));
    assertThat(HostPort.parse("node-1.example.org:65535"))
        .isEqualTo(new HostPort("node-1.example.org", 65535));
    assertThat(HostPort.parse("[::1]:0")).isEqualTo(new HostPort("::1", 0));
  }

  @Test
  void printsAsItParses() {
    for (String text : new String[] {"127.0.0.1:7001", "localhost:80", "[fe80::1]:9000"}) {
      assertThat(HostPort.parse(text).toString()).isEqualTo(text);
    }
  }

  @Test
  void rejectsMalformedAddressesSayingWhy() {
    assertThatThrownBy(() -> HostPort.parse("localhost")).hasMessageContaining("no port");
    assertThatThrownBy(() -> HostPort.parse("::1:7001")).hasMessageContaining("brackets");
    assertThatThrownBy(() -> HostPort.parse(":7001")).hasMessageContaining("':7001'");
    assertThatThrownBy(() -> HostPort.parse("host:http")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> HostPort.parse("host:-1")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> HostPort.parse("host:65536")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> HostPort.parse("bad_host:1")).hasMessageContaining("'bad_host'");
    assertThatThrownBy(() -> HostPort.parse("[not-ipv6]:1")).hasMessageContaining("IPv6");
    assertThatThrownBy(() -> HostPort.parse("")).hasMessageContaining("empty");
  }
}
