package io.rootaudit.cli;

import io.rootaudit.application.StartupChecks.Needs;
import io.rootaudit.application.StartupChecks.Store;
import io.rootaudit.application.VerifyPack;
import io.rootaudit.compliance.QuotedValue;
import io.rootaudit.report.EvidenceVerifier;
import io.rootaudit.report.VerifyOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Option;

/** {@code verify --path}: checks an evidence pack against its manifest, and its signature with the key given. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        header = "Check an evidence pack against its manifest.",
        description = "Recomputes the size and SHA-256 of every file listed in the pack's manifest.json and names each "
                + "file that is missing or differs. Trusts nothing it reads: the manifest must list every file of a pack "
                + "by its plain name, and the run id, organization and results.json digest must agree between "
                + "manifest.json, results.json and the cover and attachment of report.pdf. A signed pack's signature "
                + "(manifest.sig.json) is checked with --public-key or --kms; without either, or for an unsigned pack, "
                + "verify says: integrity only, origin not proven.",
        footer = "Exit codes: 0 intact; 7 a file is missing, altered or unlisted, the files disagree, the manifest "
                + "cannot be read, the signature does not verify, or --require-signature and origin is not proven.")
final class VerifyCommand implements Callable<Integer> {

    private final Launch launch;

    @Option(names = "--path", required = true, paramLabel = "FOLDER|s3://BUCKET/PREFIX/",
            description = "The pack's folder, or its S3 location.")
    String location;

    @Option(names = "--public-key", paramLabel = "FILE.pem",
            description = "Check the signature offline with this public key (PEM), obtained from the pack's owner.")
    Path publicKey;

    @Option(names = "--kms", description = "Check the signature with kms:Verify and the key of "
            + "rootaudit.report.signing.kms-key-id (needs AWS credentials allowed kms:Verify).")
    boolean kms;

    @Option(names = "--trust-pack-public-key", description = "Check the signature with the pack's own "
            + "signing-public-key.pem. It proves origin only if you know that key to be the signer's.")
    boolean trustPackPublicKey;

    @Option(names = "--require-signature", description = "Fail (exit 7) when the pack is not signed or its "
            + "signature was not checked.")
    boolean requireSignature;

    @Mixin
    SpringArguments spring;

    @Unmatched
    List<String> properties = new ArrayList<>();

    VerifyCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() {
        if ((publicKey != null ? 1 : 0) + (kms ? 1 : 0) + (trustPackPublicKey ? 1 : 0) > 1) {
            launch.err().println("rootaudit: give one key to check the signature with: --public-key, --kms or "
                    + "--trust-pack-public-key");
            return ExitCode.USAGE.code();
        }
        Needs needs = new Needs(location.startsWith("s3://") || kms, false, Store.NONE);
        VerifyOptions options = new VerifyOptions(publicKey, kms, trustPackPublicKey, requireSignature);
        return SpringLauncher.run(launch, spring, properties, needs, context -> {
            EvidenceVerifier.Result result = context.getBean(VerifyPack.class).verify(location, options);
            if (result.ok()) {
                launch.out().println("OK: " + result.manifest().artifacts().size() + " files of run "
                        + QuotedValue.of(result.manifest().runId()) + " match manifest.json (" + location + ")");
                launch.out().println("Origin: " + result.origin());
                return ExitCode.OK;
            }
            launch.err().println("rootaudit: verification of " + location + " failed:");
            result.problems().forEach(p -> launch.err().println("  - " + p));
            if (result.origin() != null) {
                launch.err().println("Origin: " + result.origin());
            }
            return ExitCode.VERIFICATION_FAILED;
        });
    }
}
