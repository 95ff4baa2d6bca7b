package dev.shelfsync.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/**
 * Drives a service's endpoints with the callers that must be refused: no token, each hostile token (401 with a
 * {@code WWW-Authenticate: Bearer} challenge) and a valid token whose role does not allow the call (403). Every
 * answer must be a problem document without internals; the test then checks that nothing changed.
 */
public final class AuthMatrix {

    /** One call to an endpoint; {@code body} is sent as JSON when not null. */
    public record Call(String method, String path, Object body) {

        public static Call get(String path) {
            return new Call("GET", path, null);
        }

        public static Call put(String path, Object body) {
            return new Call("PUT", path, body);
        }

        public static Call post(String path, Object body) {
            return new Call("POST", path, body);
        }

        public static Call delete(String path) {
            return new Call("DELETE", path, null);
        }
    }

    private AuthMatrix() {}

    /** Without a token and with every hostile token, each call is answered 401 problem+json. */
    public static void refusesUnauthenticated(List<Call> calls) {
        try {
            SignedIn.nobody();
            for (Call call : calls) {
                send(given(), call)
                        .then()
                        .statusCode(401)
                        .header("WWW-Authenticate", "Bearer")
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://shelfsync.dev/problems/unauthenticated"));
                for (Map.Entry<String, String> hostile : Tokens.hostile().entrySet()) {
                    send(given().header("Authorization", "Bearer " + hostile.getValue()), call)
                            .then()
                            .statusCode(401)
                            .contentType("application/problem+json")
                            .body(not(containsString("Exception")));
                }
            }
        } finally {
            SignedIn.signInAsAdmin();
        }
    }

    /** With this valid token each call is answered 403 problem+json. */
    public static void refuses(String token, List<Call> calls) {
        for (Call call : calls) {
            send(given().header("Authorization", "Bearer " + token), call)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("status", equalTo(403));
        }
    }

    private static io.restassured.response.Response send(RequestSpecification request, Call call) {
        if (call.body() != null) {
            request = request.contentType("application/json").body(call.body());
        }
        return request.request(call.method(), call.path());
    }
}
