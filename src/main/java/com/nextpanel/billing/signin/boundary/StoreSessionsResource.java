package com.nextpanel.billing.signin.boundary;

import com.nextpanel.billing.security.TokenHash;
import com.nextpanel.billing.signin.boundary.StoreRequests.SignIn;
import com.nextpanel.billing.signin.boundary.StoreRequests.SignUp;
import com.nextpanel.billing.signin.boundary.StoreViews.SessionView;
import com.nextpanel.billing.signin.control.CustomerProfile;
import com.nextpanel.billing.signin.control.CustomerSessions;
import com.nextpanel.billing.signin.control.CustomerSignIn;
import com.nextpanel.billing.signin.control.SignedIn;
import com.nextpanel.billing.signin.control.SigninConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signing up, in and out of the store: the session lives in the np_session cookie. */
@Path("/store")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Store: sign-in")
@SecurityRequirementsSet({})
public class StoreSessionsResource {

    @Inject
    CustomerSignIn signIn;

    @Inject
    CustomerProfile profile;

    @Inject
    CustomerSessions sessions;

    @Inject
    SigninConfig config;

    @Inject
    SignedInCustomer customer;

    @POST
    @Path("/signup")
    @Operation(operationId = "storeSignUp", summary = "Create a customer account with a password, and sign in")
    public Response signUp(@Valid @NotNull SignUp body, @Context HttpHeaders headers, @Context UriInfo uri) {
        SignedIn signedIn = signIn.signUp(body.email.trim(), body.fullName.trim(), body.password, previousSession(headers));
        return startedSession(Response.status(Response.Status.CREATED), signedIn, headers, uri);
    }

    @GET
    @Path("/session")
    @CustomerOnly
    @Operation(operationId = "getStoreSession", summary = "The signed-in customer and the session's CSRF token")
    public Response session() {
        SessionView view = SessionView.of(profile.of(customer.id()), profile.csrfToken(customer.sessionHash()));
        return Response.ok(view).header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/session")
    @Operation(operationId = "storeSignIn", summary = "Sign in with email and password (a new session id)")
    public Response signIn(@Valid @NotNull SignIn body, @Context HttpServletRequest request,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        SignedIn signedIn = signIn.signIn(body.email.trim(), body.password,
                ClientAddress.of(request, config.trustForwardedFor()), previousSession(headers));
        return startedSession(Response.ok(), signedIn, headers, uri);
    }

    @DELETE
    @Path("/session")
    @CustomerOnly
    @Operation(operationId = "storeSignOut", summary = "Sign out: end the session the request came with")
    public Response signOut(@Context HttpHeaders headers, @Context UriInfo uri) {
        sessions.end(customer.sessionHash());
        return ended(headers, uri);
    }

    @DELETE
    @Path("/sessions")
    @CustomerOnly
    @Operation(operationId = "storeSignOutEverywhere", summary = "Sign out everywhere: end all the customer's sessions")
    public Response signOutEverywhere(@Context HttpHeaders headers, @Context UriInfo uri) {
        sessions.endAll(customer.id());
        return ended(headers, uri);
    }

    /** The session the browser had before signing in: it ends, so the id changes. */
    private static String previousSession(HttpHeaders headers) {
        String id = SessionCookie.of(headers);
        return id == null ? null : TokenHash.of(id);
    }

    private Response startedSession(Response.ResponseBuilder answer, SignedIn signedIn, HttpHeaders headers,
            UriInfo uri) {
        boolean secure = SessionCookie.overHttps(headers, uri.getRequestUri().getScheme());
        return answer.entity(SessionView.of(signedIn.customer(), signedIn.session().csrfToken()))
                .header("Set-Cookie", SessionCookie.set(signedIn.session().id(), config.sessionLifetime().maximum(), secure))
                .header("Cache-Control", "no-store")
                .build();
    }

    private static Response ended(HttpHeaders headers, UriInfo uri) {
        boolean secure = SessionCookie.overHttps(headers, uri.getRequestUri().getScheme());
        return Response.noContent().header("Set-Cookie", SessionCookie.cleared(secure)).build();
    }
}
