package com.nextpanel.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.launch.LocalHttpServer;
import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.checkout.SessionCreateParams;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake answers stripe-java as Stripe would, and signs webhooks that Webhook.constructEvent accepts. */
class FakeStripeTest {

    private static final String KEY = "sk_test_unit";
    private static final String SECRET = "whsec_unit";

    private FakeStripe stripe;
    private HttpServer endpoint;
    private final List<String[]> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        stripe = FakeStripe.start(0, KEY);
        endpoint = LocalHttpServer.create(0, 10);
        endpoint.createContext("/hook", exchange -> {
            received.add(new String[] {new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Stripe-Signature")});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.start();
        stripe.deliverTo("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hook", SECRET);
    }

    @AfterEach
    void stop() {
        stripe.close();
        endpoint.stop(0);
    }

    private StripeClient client(String key) {
        return StripeClient.builder().setApiKey(key).setApiBase(stripe.baseUrl()).build();
    }

    private Session create() throws Exception {
        return client(KEY).checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl("http://shop/ok?session_id={CHECKOUT_SESSION_ID}").setCancelUrl("http://shop/no")
                .setClientReferenceId("42").putMetadata("invoice_id", "42").putMetadata("invoice_number", "INV-1")
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putMetadata("invoice_id", "42")
                        .build())
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd")
                                .setUnitAmount(999L).setProductData(SessionCreateParams.LineItem.PriceData.ProductData
                                        .builder().setName("Invoice INV-1").build()).build()).build())
                .build());
    }

    @Test
    void createsAndRetrievesCheckoutSessionsThroughStripeJava() throws Exception {
        Session created = create();
        assertThat(created.getId()).startsWith("cs_test_");
        assertThat(created.getUrl()).isEqualTo(stripe.baseUrl() + "/pay/" + created.getId());
        assertThat(created.getAmountTotal()).isEqualTo(999L);
        assertThat(created.getMetadata()).containsEntry("invoice_id", "42").containsEntry("invoice_number", "INV-1");
        assertThat(created.getPaymentStatus()).isEqualTo("unpaid");

        stripe.pay(created.getId(), FakeStripe.Webhooks.NONE);
        Session read = client(KEY).checkout().sessions().retrieve(created.getId());
        assertThat(read.getPaymentStatus()).isEqualTo("paid");
        assertThat(read.getPaymentIntent()).startsWith("pi_test_");
        assertThat(client(KEY).paymentIntents().retrieve(read.getPaymentIntent()).getMetadata())
                .containsEntry("invoice_id", "42");
        assertThatThrownBy(() -> client("sk_test_wrong").checkout().sessions().retrieve(created.getId()))
                .isInstanceOf(com.stripe.exception.AuthenticationException.class);
        assertThatThrownBy(() -> client(KEY).checkout().sessions().retrieve("cs_test_none"))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theCheckoutPagePaysWithTheTestCardAndDeliversASignedEvent() throws Exception {
        Session created = create();
        HttpClient http = HttpClient.newHttpClient();
        String page = http.send(HttpRequest.newBuilder(URI.create(created.getUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<label for=\"card\">Card number</label>").contains("4242 4242 4242 4242");

        HttpResponse<String> declined = http.send(form(created.getUrl(), "card=4000+0000+0000+0002"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(declined.statusCode()).isEqualTo(402);
        assertThat(declined.body()).contains("declined");
        assertThat(received).isEmpty();

        HttpResponse<String> paid = http.send(form(created.getUrl(), "card=4242+4242+4242+4242"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location")).hasValue("http://shop/ok?session_id=" + created.getId());
        assertThat(received).hasSize(1);
        Event event = Webhook.constructEvent(received.get(0)[0], received.get(0)[1], SECRET);
        assertThat(event.getType()).isEqualTo("checkout.session.completed");
        Session inEvent = (Session) event.getDataObjectDeserializer().getObject().orElseThrow();
        assertThat(inEvent.getPaymentStatus()).isEqualTo("paid");
        assertThat(inEvent.getMetadata()).containsEntry("invoice_id", "42");

        assertThat(stripe.sendWithBadSignature("{}").status()).isEqualTo(200); // our endpoint stub takes anything
        assertThatThrownBy(() -> Webhook.constructEvent(received.get(1)[0], received.get(1)[1], SECRET))
                .isInstanceOf(SignatureVerificationException.class);
        stripe.sendSignedAgo("{}", 600);
        assertThatThrownBy(() -> Webhook.constructEvent(received.get(2)[0], received.get(2)[1], SECRET))
                .isInstanceOf(SignatureVerificationException.class);
    }

    private static HttpRequest form(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
