package com.nextpanel.billing.store.boundary;

import com.nextpanel.billing.billing.control.Plans;
import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.store.boundary.StoreViews.Items;
import com.nextpanel.billing.store.boundary.StoreViews.PlanItem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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

    @GET
    @Operation(operationId = "storePlans", summary = "The plans for sale (public)")
    public Items<PlanItem> plans() {
        return new Items<>(plans.all().stream().filter(Plan::active).map(PlanItem::of).toList());
    }
}
