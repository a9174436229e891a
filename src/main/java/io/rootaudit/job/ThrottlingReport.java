package io.rootaudit.job;

import io.rootaudit.aws.RateLimiters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * At the end of a run, one log line per AWS API family that throttled rootaudit or held it back, so an operator
 * whose monthly run took an hour instead of ten minutes can see why (and which rate limit to look at).
 */
class ThrottlingReport implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ThrottlingReport.class);

    private final RateLimiters limiters;

    ThrottlingReport(RateLimiters limiters) {
        this.limiters = limiters;
    }

    @Override
    public void afterJob(JobExecution execution) {
        for (String line : limiters.summary()) {
            log.info("AWS request rate, {}", line);
        }
    }
}
