package com.nextpanel.billing.hosting.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void generatedPasswordsMixEveryClassAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String password = Passwords.generate();
            assertThat(password).hasSize(16).matches(".*[a-z].*").matches(".*[A-Z].*").matches(".*[0-9].*")
                    .matches(".*[^A-Za-z0-9].*");
            assertThat(seen.add(password)).isTrue();
        }
    }
}
