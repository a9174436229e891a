package io.rootaudit.aws;

import java.util.Locale;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS partitions where AWS documents centralized root access: the commercial regions, the China regions and
 * AWS GovCloud (US). The partition follows from the configured region and decides what is not regional: the ARNs of
 * the task policies ({@code arn:aws-cn:iam::aws:policy/root-task/...} in China) and where the global services IAM and
 * Organizations live. Their clients get the region that serves them in the partition, the one the SDK's endpoint
 * rules resolve each partition's global pseudo-region ({@code aws-cn-global} for example) to: with it the SDK finds
 * the same global endpoint, and a request sent to an endpoint override (a VPC endpoint, an emulator) is still signed
 * for that region, not for the pseudo-region, which AWS would refuse. Any other partition is refused at startup,
 * rather than sending its requests to the commercial partition's endpoints.
 */
public enum AwsPartition {
    /** Commercial regions: IAM at iam.amazonaws.com and Organizations, both in us-east-1. */
    AWS(Region.US_EAST_1, Region.US_EAST_1),
    /** China regions: IAM in cn-north-1, Organizations in cn-northwest-1. */
    AWS_CN(Region.CN_NORTH_1, Region.CN_NORTHWEST_1),
    /** AWS GovCloud (US): IAM at iam.us-gov.amazonaws.com and Organizations, both in us-gov-west-1. */
    AWS_US_GOV(Region.US_GOV_WEST_1, Region.US_GOV_WEST_1);

    private static final Pattern ROOT_USER_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:root");
    private static final Pattern ARN_PARTITION = Pattern.compile("arn:(aws(?:-[a-z]+)*):.*", Pattern.DOTALL);

    private final Region iamRegion;
    private final Region organizationsRegion;

    AwsPartition(Region iamRegion, Region organizationsRegion) {
        this.iamRegion = iamRegion;
        this.organizationsRegion = organizationsRegion;
    }

    /**
     * The partition of {@code region}, from the SDK's partition metadata (which also knows regions newer than the SDK
     * by their name pattern).
     *
     * @throws AwsRegion.MissingRegionException for a region outside the three supported partitions
     */
    static AwsPartition of(Region region) {
        String partition = PartitionMetadata.of(region).id();
        for (AwsPartition p : values()) {
            if (p.id().equals(partition)) {
                return p;
            }
        }
        throw new AwsRegion.MissingRegionException("region " + region.id() + " is in partition " + partition
                + "; rootaudit supports the partitions where AWS documents centralized root access (aws, aws-cn, "
                + "aws-us-gov): set rootaudit.aws.region to a region of one of them");
    }

    /** {@code aws}, {@code aws-cn} or {@code aws-us-gov}: the second field of every ARN in the partition. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The region of the partition's IAM endpoint. */
    Region iamRegion() {
        return iamRegion;
    }

    /** The region of the partition's Organizations endpoint. */
    Region organizationsRegion() {
        return organizationsRegion;
    }

    /** The ARN of an AWS managed policy in this partition, for example {@code arn:aws-cn:iam::aws:policy/root-task/X}. */
    String managedPolicyArn(String path) {
        return "arn:" + id() + ":iam::aws:policy/" + path;
    }

    /** Whether {@code arn} is a root user's ARN ({@code arn:<partition>:iam::<account>:root}) in any partition. */
    public static boolean isRootUserArn(String arn) {
        return arn != null && ROOT_USER_ARN.matcher(arn).matches();
    }

    /**
     * The partition id of {@code arn} (its second field: {@code aws}, {@code aws-cn}, {@code aws-us-gov}), so that ARNs
     * built for a stored run (a root user's, in a report) are in the partition the run's caller was in; {@code aws}
     * when {@code arn} is no ARN.
     */
    public static String idOfArn(String arn) {
        var m = arn == null ? null : ARN_PARTITION.matcher(arn);
        return m != null && m.matches() ? m.group(1) : AWS.id();
    }

    /** The ARN of the root user of {@code accountId} in partition {@code partitionId}: {@code arn:<partition>:iam::<account>:root}. */
    public static String rootUserArn(String partitionId, String accountId) {
        return "arn:" + partitionId + ":iam::" + accountId + ":root";
    }
}
