package io.rootaudit.remediation;

import io.rootaudit.aws.AwsClients;
import java.util.function.Supplier;
import io.rootaudit.aws.RootSession;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;

/**
 * The one place that allows a root password recovery: CreateLoginProfile without a password, in an
 * IAMCreateRootUserPassword session. The account's root can then use "Forgot password" on the sign-in page.
 */
@Component
public class RootPasswordRecovery {

    private final Supplier<IamClient> iam;

    RootPasswordRecovery(AwsClients clients) {
        this.iam = clients::iam;
    }

    /** @return false when root already had a password (nothing changed) */
    public boolean allow(RootSession session) {
        try {
            iam.get().createLoginProfile(r -> r.overrideConfiguration(session.signing()));
            return true;
        } catch (EntityAlreadyExistsException e) {
            return false;
        }
    }
}
