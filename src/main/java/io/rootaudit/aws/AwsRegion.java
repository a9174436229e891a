package io.rootaudit.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The region of the STS endpoint that serves AssumeRoot (and of S3): the configured one, else the SDK's
 * region chain. AssumeRoot is only served by regional endpoints, so the global pseudo-region is refused.
 * The region also decides the {@link AwsPartition}: the global endpoints of IAM and Organizations and the ARNs of
 * the task policies. Resolved once, on first use.
 */
public final class AwsRegion {

    private final String configured;
    private volatile Region resolved;

    AwsRegion(String configured) {
        this.configured = configured == null || configured.isBlank() ? null : configured;
    }

    /** Resolves the region or explains how to set one. */
    public Region resolve() {
        Region region = resolved;
        if (region == null) {
            region = lookUp();
            AwsPartition.of(region); // an unsupported partition is a configuration error too
            resolved = region;
        }
        return region;
    }

    /** The partition of the region. */
    public AwsPartition partition() {
        return AwsPartition.of(resolve());
    }

    private Region lookUp() {
        Region region;
        if (configured != null) {
            region = Region.of(configured);
        } else {
            try {
                region = new DefaultAwsRegionProviderChain().getRegion();
            } catch (SdkClientException e) {
                throw new MissingRegionException("no AWS region is configured: set rootaudit.aws.region, "
                        + "AWS_REGION, or a region in your AWS profile");
            }
        }
        if (region.isGlobalRegion()) {
            throw new MissingRegionException("region " + region.id() + " is global; AssumeRoot needs a regional "
                    + "STS endpoint: set rootaudit.aws.region to a region such as us-east-1");
        }
        return region;
    }

    /** The region is missing or unusable: a configuration error, reported as such. */
    public static final class MissingRegionException extends RuntimeException {
        MissingRegionException(String message) {
            super(message);
        }
    }
}
