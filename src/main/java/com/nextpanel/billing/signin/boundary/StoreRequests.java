package com.nextpanel.billing.signin.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The store's request bodies (snake_case JSON). */
public final class StoreRequests {

    static final String PASSWORD_RULE = "must be 10 to 200 characters long";

    private StoreRequests() {
    }

    public static class SignUp {
        @NotBlank @Email @Size(max = 254) public String email;
        @NotBlank @Size(max = 100) public String fullName;
        @NotNull @Size(min = 10, max = 200, message = PASSWORD_RULE) public String password;
    }

    public static class SignIn {
        @NotBlank @Size(max = 254) public String email;
        @NotNull @Size(max = 200) public String password;
    }

    public static class LinkToken {
        @NotBlank @Size(max = 100) public String token;
    }

    public static class ResetRequest {
        @NotBlank @Email @Size(max = 254) public String email;
    }

    public static class ResetCompletion {
        @NotBlank @Size(max = 100) public String token;
        @NotNull @Size(min = 10, max = 200, message = PASSWORD_RULE) public String password;
    }

    public static class ProfileChange {
        @NotBlank @Size(max = 100) public String fullName;
        @Pattern(regexp = "^\\+?[0-9 ().-]{3,31}$", message = "must be a phone number such as +1234567890") public String phone;
        @Size(max = 100) public String company;
    }

    public static class PasswordChange {
        @NotNull @Size(max = 200) public String currentPassword;
        @NotNull @Size(min = 10, max = 200, message = PASSWORD_RULE) public String newPassword;
    }
}
