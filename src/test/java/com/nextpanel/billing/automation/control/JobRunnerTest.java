package com.nextpanel.billing.automation.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.billing.automation.entity.Job;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Which jobs the runner says it is running: only their leases are renewed (ClaimRenewal). */
class JobRunnerTest {

    private final JobRunner runner = new JobRunner();

    @Test
    void aJobIsRunningDuringItsAttemptAndNoLongerOnceItsOutcomeCouldNotBeRecorded() {
        runner.jobs = new Jobs() {
            @Override
            public Job settle(long jobId, JobOutcome outcome, Consumer<Job> andThen) {
                throw new IllegalStateException("database away");
            }
        };
        Job job = jobWithId(41L);
        List<Set<Long>> duringTheAttempt = new ArrayList<>();

        assertThatThrownBy(() -> runner.run(job, attempted -> {
            duringTheAttempt.add(runner.running());
            return JobOutcome.done("suspended", null);
        })).hasMessage("database away");

        assertThat(duringTheAttempt).containsExactly(Set.of(41L));
        assertThat(runner.running()).as("its lease left to run out, for a worker to take it again").isEmpty();
    }

    private static Job jobWithId(long id) {
        Job job = new Job(Job.Kind.SUSPEND, 7, "Payment overdue", 5, "System", Instant.parse("2026-12-07T10:00:00Z"));
        try {
            Field field = Job.class.getDeclaredField("id");
            field.setAccessible(true);
            field.set(job, id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return job;
    }
}
