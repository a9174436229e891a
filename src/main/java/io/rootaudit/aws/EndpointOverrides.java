package io.rootaudit.aws;

import java.util.Locale;

/**
 * Tells whether the SDK's endpoint settings redirect a service, using the same variables and system
 * properties the SDK reads. Only used to switch S3 to path-style addressing, which emulators and VPC
 * endpoints need while virtual-hosted style is AWS's default.
 */
final class EndpointOverrides {

    private EndpointOverrides() {}

    static boolean isOverridden(String serviceId) {
        String suffix = serviceId.toUpperCase(Locale.ROOT).replace(' ', '_');
        return isSet(System.getProperty("aws.endpointUrl"))
                || isSet(System.getProperty("aws.endpointUrl" + serviceId.replace(" ", "")))
                || isSet(System.getenv("AWS_ENDPOINT_URL"))
                || isSet(System.getenv("AWS_ENDPOINT_URL_" + suffix));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
