package io.rootaudit.aws;

import io.rootaudit.config.RootAuditProperties;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * One {@link AdaptiveRateLimiter} per API family, configured by {@code rootaudit.aws.rate-limits}, and what
 * they saw, for the run's log: a user whose run was slow should be told that AWS throttled it.
 */
@Component
public class RateLimiters {

    private final Map<ApiFamily, AdaptiveRateLimiter> limiters = new EnumMap<>(ApiFamily.class);

    RateLimiters(RootAuditProperties properties) {
        RootAuditProperties.RateLimits limits = properties.aws().rateLimits();
        Map<ApiFamily, Double> rates = Map.of(ApiFamily.STS, limits.sts(), ApiFamily.IAM, limits.iam(),
                ApiFamily.ORGANIZATIONS, limits.organizations(), ApiFamily.S3, limits.s3(), ApiFamily.SQS, limits.sqs(),
                ApiFamily.KMS, limits.kms(), ApiFamily.EVENTS, limits.events(), ApiFamily.SECURITY_HUB, limits.securityHub());
        for (ApiFamily family : ApiFamily.values()) {
            limiters.put(family, new AdaptiveRateLimiter(family, rates.get(family), limits.adaptive(), System::nanoTime));
        }
    }

    AdaptiveRateLimiter of(ApiFamily family) {
        return limiters.get(family);
    }

    /**
     * One line per family that AWS throttled or that had to wait for its limit, for example
     * {@code iam: 1,204 requests, 361 throttled, rate 50.0/s now (limit 200/s, lowest 50.0/s), waited 12.3 s in total};
     * empty when no family was throttled or held back.
     */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        for (AdaptiveRateLimiter limiter : limiters.values()) {
            AdaptiveRateLimiter.Stats s = limiter.stats();
            if (s.throttled() == 0 && s.waited().toMillis() < 1000) {
                continue;
            }
            lines.add(String.format(Locale.ROOT,
                    "%s: %,d requests, %,d throttled, rate %.1f/s now (limit %s/s, lowest %.1f/s), waited %.1f s in total",
                    s.family().key(), s.requests(), s.throttled(), s.rate(), format(s.limit()), s.lowest(),
                    s.waited().toMillis() / 1000.0));
        }
        return lines;
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }
}
