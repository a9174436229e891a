package io.rootaudit.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client that records each request the real SDK client would send (endpoint, signature scope, body) and
 * fails it as if the connection had been refused, so no request leaves the machine.
 */
final class RecordingHttpClient implements SdkHttpClient {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");

    /** One request as it would have gone out. */
    record Sent(URI uri, String signingRegion, String signingService, String body) {}

    private final List<Sent> sent = new ArrayList<>();

    List<Sent> sent() {
        return sent;
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                String authorization = request.httpRequest().firstMatchingHeader("Authorization").orElse("");
                Matcher scope = SCOPE.matcher(authorization);
                boolean signed = scope.find();
                String body = request.contentStreamProvider().map(p -> read(p.newStream())).orElse("");
                synchronized (sent) {
                    sent.add(new Sent(request.httpRequest().getUri(), signed ? scope.group(1) : null,
                            signed ? scope.group(2) : null, URLDecoder.decode(body, StandardCharsets.UTF_8)));
                }
                throw new java.net.ConnectException("Connection refused (recorded, not sent)");
            }

            @Override
            public void abort() {}
        };
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {}
}
