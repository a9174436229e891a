package io.rootaudit.remediation;

import io.rootaudit.aws.RootSession;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;

/**
 * The one place that allows a root password recovery: CreateLoginProfile without a password, in an
 * IAMCreateRootUserPassword session. The account's root can then use "Forgot password" on the sign-in page.
 */
@Component
public class RootPasswordRecovery {

    private final IamClient iam;

    RootPasswordRecovery(@Lazy IamClient iam) {
        this.iam = iam;
    }

    /** @return false when root already had a password (nothing changed) */
    public boolean allow(RootSession session) {
        try {
            iam.createLoginProfile(r -> r.overrideConfiguration(session.signing()));
            return true;
        } catch (EntityAlreadyExistsException e) {
            return false;
        }
    }
}
