package com.supportdesk.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    private static final WebhookTargets STRICT = new WebhookTargets(List.of());

    @Test
    void internalAddressesAreRefusedInEveryForm() {
        for (String url : List.of(
                "https://169.254.169.254/latest/meta-data/", // cloud metadata (link-local)
                "https://127.0.0.1/",
                "https://127.8.9.10/",
                "https://0.0.0.0/",
                "https://10.1.2.3/",
                "https://172.16.0.1/",
                "https://172.31.255.255/",
                "https://192.168.1.1/",
                "https://100.64.0.1/",
                "https://100.100.100.200/", // shared space (another metadata address)
                "https://192.0.0.8/",
                "https://192.0.2.1/",
                "https://198.18.0.1/",
                "https://224.0.0.1/",
                "https://240.0.0.1/",
                "https://255.255.255.255/",
                "https://[::1]/",
                "https://[::]/",
                "https://[fe80::1]/",
                "https://[fc00::1]/",
                "https://[fd00:ec2::254]/",
                "https://[ff02::1]/",
                "https://[::ffff:10.0.0.1]/",
                "https://[::ffff:169.254.169.254]/",
                "https://[::10.0.0.1]/",
                "https://[64:ff9b::a9fe:a9fe]/",
                "https://[2002:a9fe:a9fe::1]/",
                "https://[2001::1]/",
                "https://[2001:db8::1]/",
                "https://[fec0::1]/",
                "https://2130706433/",
                "https://0x7f000001/",
                "https://localhost/")) {
            assertThatThrownBy(() -> STRICT.check(url)).as(url).isInstanceOf(WebhookTargets.Refused.class);
        }
    }

    @Test
    void publicHttpsTargetsPassAndTheCheckedAddressIsKept() throws Exception {
        for (String url : List.of(
                "https://93.184.215.14/hook",
                "https://8.8.8.8:8443/x?y=1",
                "https://[2606:4700:4700::1111]/hook",
                "https://[::ffff:93.184.215.14]/",
                "https://[2002:5db8:d70e::1]/")) {
            assertThat(STRICT.check(url).address()).as(url).isNotNull();
        }
        WebhookTargets.Target t = STRICT.check("https://93.184.215.14/hook");
        assertThat(t.address().getHostAddress()).isEqualTo("93.184.215.14");
        assertThat(t.url().getPath()).isEqualTo("/hook");
    }

    @Test
    void theReasonIsForThePartner() {
        assertThatThrownBy(() -> STRICT.check("http://93.184.215.14/hook")).hasMessage("must use https");
        assertThatThrownBy(() -> STRICT.check("ftp://93.184.215.14/")).hasMessage("must be an absolute https URL");
        assertThatThrownBy(() -> STRICT.check("https://user:pw@93.184.215.14/"))
                .hasMessageContaining("user name or password");
        assertThatThrownBy(() -> STRICT.check("https://169.254.169.254/latest"))
                .hasMessageContaining("link-local (cloud metadata) address 169.254.169.254");
        assertThatThrownBy(() -> STRICT.check("https://no-such-host.invalid/"))
                .hasMessageContaining("does not resolve");
    }

    @Test
    void aNameIsJudgedByEveryAddressItResolvesToEachTimeItIsChecked() throws Exception {
        AtomicReference<InetAddress[]> answer =
                new AtomicReference<>(new InetAddress[] {InetAddress.getByName("93.184.215.14")});
        WebhookTargets targets = new WebhookTargets(List.of(), host -> {
            if (!host.equals("hooks.partner.test")) {
                throw new UnknownHostException(host);
            }
            return answer.get();
        });
        assertThat(targets.check("https://hooks.partner.test/in").address().getHostAddress())
                .isEqualTo("93.184.215.14");
        // the partner's DNS now answers an internal address too (a rebinding attempt): refused at the next check
        answer.set(new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.7")});
        assertThatThrownBy(() -> targets.check("https://hooks.partner.test/in"))
                .hasMessageContaining("private address 10.0.0.7");
    }

    @Test
    void onlyTheExplicitAllowListOpensInternalHostsAndPlainHttp() throws Exception {
        WebhookTargets stack = new WebhookTargets(List.of("localhost", "127.0.0.1", " [::1] "));
        assertThat(stack.check("http://127.0.0.1:9000/hook").address().isLoopbackAddress())
                .isTrue();
        assertThat(stack.check("http://localhost:9000/hook").address().isLoopbackAddress())
                .isTrue();
        assertThat(stack.check("http://[::1]:9000/hook").address().isLoopbackAddress())
                .isTrue();
        assertThatThrownBy(() -> stack.check("http://127.0.0.2:9000/hook")).isInstanceOf(WebhookTargets.Refused.class);
        assertThatThrownBy(() -> stack.check("https://10.0.0.1/")).isInstanceOf(WebhookTargets.Refused.class);
    }
}
