package com.nextpanel.billing.hosting.boundary;

import com.nextpanel.billing.hosting.control.NewAccount;
import com.nextpanel.billing.hosting.entity.AccountHolder;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The integration guide's POST /nextpanel/provision body (fields, not a record: see NewServer). */
public class ProvisionRequest {
    @Positive public Long customerId;
    @Positive public Long orderId;
    @NotNull @Pattern(regexp = "^[a-z][a-z0-9_]{2,31}$",
            message = "must start with a lowercase letter, then 2 to 31 lowercase letters, digits or underscores")
    public String username;
    @NotBlank @Email @Size(max = 254) public String email;
    @NotNull @StrongPassword public String password;
    @Size(max = 100) public String fullName;
    @Pattern(regexp = "^\\+?[0-9 ().-]{3,31}$", message = "must be a phone number such as +1234567890") public String phone;
    @Size(max = 100) public String company;
    @Positive public Long packageId;
    @Positive public Long serverId;

    NewAccount toNewAccount() {
        return new NewAccount(new AccountHolder(username, email.trim(), fullName, phone, company, packageId),
                password, customerId, orderId, serverId);
    }

    @Override
    public String toString() {
        return "ProvisionRequest[" + username + "]";
    }
}
