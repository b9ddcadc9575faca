package com.nextpanel.billing.store.boundary;

import com.nextpanel.billing.billing.control.Plans;
import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.payment.control.BankTransfer;
import com.nextpanel.billing.payment.control.StripeConfig;
import com.nextpanel.billing.store.boundary.StoreViews.PlanItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The store's shop window: the plans for sale, for anyone. */
@Path("/store/plans")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Store")
@SecurityRequirementsSet({})
public class StoreCatalogResource {

    @Inject
    Plans plans;

    @Inject
    StripeConfig stripe;

    @Inject
    BankTransfer bankTransfer;

    /** The shop window: the plans, and the ways to pay this store takes ("stripe", "bank_transfer"). */
    public record Catalog(List<PlanItem> items, List<String> paymentMethods) {
    }

    @GET
    @Operation(operationId = "storePlans", summary = "The plans for sale and the ways to pay (public)")
    public Catalog plans() {
        List<String> methods = new ArrayList<>();
        if (stripe.cardPayments()) {
            methods.add("stripe");
        }
        bankTransfer.bankTransferInstructions().ifPresent(text -> methods.add("bank_transfer"));
        return new Catalog(plans.all().stream().filter(Plan::active).map(PlanItem::of).toList(), methods);
    }
}
