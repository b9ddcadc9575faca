package com.nextpanel.billing.hosting.boundary;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** At least 10 characters from at least three of: lower case, upper case, digits, symbols. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StrongPassword.Check.class)
public @interface StrongPassword {

    String message() default "must be at least 10 characters and mix at least three of: lower case, upper case,"
            + " digits, symbols";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The rule itself; never echoes the password. */
    class Check implements ConstraintValidator<StrongPassword, String> {
        @Override
        public boolean isValid(String password, ConstraintValidatorContext context) {
            if (password == null) {
                return true; // @NotNull says that
            }
            if (password.length() < 10 || password.length() > 128) {
                return false;
            }
            int classes = (password.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
                    + (password.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                    + (password.chars().anyMatch(Character::isDigit) ? 1 : 0)
                    + (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
            return classes >= 3;
        }
    }
}
