package com.nextpanel.billing.signin.boundary;

import com.nextpanel.billing.signin.boundary.StoreRequests.LinkToken;
import com.nextpanel.billing.signin.boundary.StoreRequests.PasswordChange;
import com.nextpanel.billing.signin.boundary.StoreRequests.ProfileChange;
import com.nextpanel.billing.signin.boundary.StoreRequests.ResetCompletion;
import com.nextpanel.billing.signin.boundary.StoreRequests.ResetRequest;
import com.nextpanel.billing.signin.boundary.StoreViews.Accepted;
import com.nextpanel.billing.signin.boundary.StoreViews.StoreCustomerView;
import com.nextpanel.billing.signin.control.CustomerProfile;
import com.nextpanel.billing.signin.control.EmailVerification;
import com.nextpanel.billing.signin.control.PasswordReset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The customer's account: verifying the email, resetting and changing the password, the profile. */
@Path("/store")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Store: customer account")
@SecurityRequirementsSet({})
public class StoreAccountResource {

    static final String RESET_REQUESTED = "If an account uses this email, a link to set a new password is on its way."
            + " It works once, for 15 minutes.";

    @Inject
    EmailVerification verification;

    @Inject
    PasswordReset reset;

    @Inject
    CustomerProfile profile;

    @Inject
    SignedInCustomer customer;

    @POST
    @Path("/email-verification")
    @Operation(operationId = "verifyStoreEmail", summary = "Verify the email address with the emailed link's token")
    public StoreCustomerView verify(@Valid @NotNull LinkToken body) {
        return StoreCustomerView.of(verification.verify(body.token.trim()));
    }

    @POST
    @Path("/email-verification/resend")
    @CustomerOnly
    @Operation(operationId = "resendStoreEmailVerification", summary = "Email a new verification link")
    public Response resendVerification() {
        verification.resend(customer.id());
        return Response.accepted().build();
    }

    @POST
    @Path("/password-reset")
    @Operation(operationId = "requestStorePasswordReset",
            summary = "Email a link to set a new password (the same answer whether or not the email is known)")
    public Response requestReset(@Valid @NotNull ResetRequest body) {
        reset.request(body.email.trim());
        return Response.accepted(new Accepted(RESET_REQUESTED)).build();
    }

    @POST
    @Path("/password-reset/complete")
    @Operation(operationId = "completeStorePasswordReset",
            summary = "Set a new password with the emailed link's token; ends all sessions")
    public Response completeReset(@Valid @NotNull ResetCompletion body) {
        reset.complete(body.token.trim(), body.password);
        return Response.noContent().build();
    }

    @PUT
    @Path("/profile")
    @CustomerOnly
    @Operation(operationId = "updateStoreProfile", summary = "Change the signed-in customer's name, phone and company")
    public StoreCustomerView changeProfile(@Valid @NotNull ProfileChange body) {
        return StoreCustomerView.of(profile.change(customer.id(), body.fullName.trim(), blankAsNull(body.phone),
                blankAsNull(body.company)));
    }

    @POST
    @Path("/password")
    @CustomerOnly
    @Operation(operationId = "changeStorePassword", summary = "Change the password; ends the customer's other sessions")
    public Response changePassword(@Valid @NotNull PasswordChange body) {
        profile.changePassword(customer.id(), customer.sessionHash(), body.currentPassword, body.newPassword);
        return Response.noContent().build();
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
