package com.nextpanel.billing.billing.boundary;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** The billing calls' bodies (classes with fields: see fleet.boundary.NewServer for why not records). */
final class BillingRequests {

    private BillingRequests() {
    }

    public static class NewCustomer {
        @NotBlank @Email @Size(max = 254) public String email;
        @NotBlank @Size(max = 100) public String fullName;
        @Pattern(regexp = "^\\+?[0-9 ().-]{3,31}$", message = "must be a phone number such as +1234567890") public String phone;
        @Size(max = 100) public String company;
    }

    public static class NewPlan {
        @NotBlank @Size(max = 100) public String name;
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) public BigDecimal price;
        @NotNull @CurrencyCode public String currency;
        @NotNull @Pattern(regexp = "^(monthly|quarterly|semiannual|annual)$",
                message = "must be monthly, quarterly, semiannual or annual") public String billingCycle;
        @NotNull @Positive public Long packageId;
        @Size(max = 100) public String preferredLocation;
        @Size(max = 50) public String preferredTag;
        public Boolean isActive;
    }

    public static class PlanChange {
        @NotNull public Boolean isActive;
    }

    public static class NewOrder {
        @NotNull @Positive public Long customerId;
        @NotNull @Positive public Long planId;
        @NotNull @Pattern(regexp = "^[a-z][a-z0-9_]{2,31}$",
                message = "must start with a lowercase letter, then 2 to 31 lowercase letters, digits or underscores")
        public String username;
    }

    public static class OrderPayment {
        @Size(max = 30) public String method;
        @Size(max = 100) public String reference;
    }

    public static class NewPayment {
        @NotNull @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) public BigDecimal amount;
        @CurrencyCode public String currency;
        @NotBlank @Size(max = 30) public String method;
        @NotBlank @Size(max = 100) public String externalReference;
    }

    public static class Cancellation {
        @NotNull @Pattern(regexp = "^(immediate|end_of_period)$", message = "must be immediate or end_of_period")
        public String when;
    }
}
