package com.nextpanel.billing.billing.boundary;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;

/** An ISO 4217 currency code the JDK knows (USD, EUR): three capitals alone let "ABC" through. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CurrencyCode.Check.class)
public @interface CurrencyCode {

    String message() default "must be an ISO 4217 code such as USD";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule itself. */
    class Check implements ConstraintValidator<CurrencyCode, String> {
        @Override
        public boolean isValid(String code, ConstraintValidatorContext context) {
            if (code == null) {
                return true; // @NotNull says that where the field is required
            }
            if (!code.matches("[A-Z]{3}")) {
                return false;
            }
            try {
                Currency.getInstance(code);
                return true;
            } catch (IllegalArgumentException notIso4217) {
                return false;
            }
        }
    }
}
