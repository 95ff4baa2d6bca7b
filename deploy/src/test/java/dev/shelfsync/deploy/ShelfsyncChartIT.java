package dev.shelfsync.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves the assembled shelfsync umbrella chart without a cluster: helm lint, then helm template with the small
 * and the production values, and the rendered manifests checked against what a platform review asks for.
 */
class ShelfsyncChartIT {

    private static final Path CHART = Path.of(System.getProperty("shelfsync.chart.dir", "target/helm/shelfsync"));
    private static final Path DEPLOY_DIR = Path.of(System.getProperty("shelfsync.deploy.dir", "."));
    private static final YAMLMapper YAML = new YAMLMapper();
    /** Helm's offline default (v1.20) predates the chart's kubeVersion floor; render for a supported cluster. */
    private static final String KUBE_VERSION = "v1.30.0";
    /** Names of settings whose value must never be a literal: in env, ConfigMaps or values defaults. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passwd|secret|token|credential|private[-_]?key|signing).*");

    enum Environment {
        SMALL(),
        PRODUCTION("values-production.yaml");

        final List<String> valuesFiles;

        Environment(String... valuesFiles) {
            this.valuesFiles = List.of(valuesFiles);
        }
    }

    /** The staff console: in Chart.yaml like the services, but no database, no broker, and people reach it. */
    private static final String CONSOLE = "staff-console";
    /**
     * The local run's sign-in key file: quarkus-helm keeps an env var for every ${ENV:default}; an empty value fails
     * the console's start-up, so the chart points it at no key at all.
     */
    private static final String LOCAL_SIGNING_KEY = "CONSOLE_LOCAL_SIGNING_KEY";

    private static final String NO_KEY = "/dev/null";

    private static List<String> services;

    @BeforeAll
    static void chartIsAssembled() {
        assertTrue(
                Files.isRegularFile(CHART.resolve("Chart.yaml")),
                "no assembled chart at " + CHART + ": run the services' package phase, then this module's");
        services = new ArrayList<>();
        for (JsonNode dependency : read(CHART.resolve("Chart.yaml")).path("dependencies")) {
            String name = dependency.path("name").asText();
            assertTrue(
                    Files.isRegularFile(CHART.resolve("charts").resolve(name).resolve("Chart.yaml")),
                    name + " has no generated chart: package " + name + " (quarkus-helm) before this module");
            services.add(name);
        }
        assertFalse(services.isEmpty(), "Chart.yaml lists no service");
    }

    @Test
    void helmLintReportsNoErrors() {
        LintResult result = new Helm(CHART).lint().call();
        System.out.println("helm lint: " + result.getMessages());
        assertFalse(result.isFailed(), () -> "helm lint failed: " + result.getMessages());
        assertTrue(
                result.getMessages().stream().noneMatch(m -> m.contains("[ERROR]")),
                () -> "helm lint errors: " + result.getMessages());
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void everyServiceRendersAHardenedDeployment(Environment environment) {
        Rendered rendered = render(environment);
        assertEquals(
                Set.copyOf(services), rendered.names("Deployment"), "one Deployment per service listed in Chart.yaml");
        for (String service : services) {
            JsonNode deployment = rendered.get("Deployment", service);
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode container = onlyContainer(service, pod);
            int port = httpPort(service, container);

            assertProbe(service, container, "livenessProbe", "/q/health/live", port);
            assertProbe(service, container, "readinessProbe", "/q/health/ready", port);
            assertProbe(service, container, "startupProbe", "/q/health/started", port);

            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertFalse(
                            container
                                    .at("/resources/" + kind + "/" + resource)
                                    .asText()
                                    .isBlank(),
                            service + ": resources." + kind + "." + resource + " missing");
                }
            }

            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), service + ": runAsNonRoot");
            assertFalse(pod.at("/securityContext/runAsUser").asInt(-1) == 0, service + ": runs as uid 0");
            assertEquals(
                    "RuntimeDefault",
                    pod.at("/securityContext/seccompProfile/type").asText(),
                    service + ": pod seccomp profile");
            JsonNode securityContext = container.path("securityContext");
            assertEquals(
                    "false",
                    securityContext.path("allowPrivilegeEscalation").asText(),
                    service + ": allowPrivilegeEscalation");
            assertFalse(securityContext.path("privileged").asBoolean(false), service + ": privileged");
            assertTrue(
                    securityContext.path("readOnlyRootFilesystem").asBoolean(), service + ": readOnlyRootFilesystem");
            assertTrue(
                    texts(securityContext.at("/capabilities/drop")).contains("ALL"),
                    service + ": capabilities drop ALL");
            assertTrue(securityContext.at("/capabilities/add").isMissingNode(), service + ": adds capabilities");
            for (String hostField : List.of("hostNetwork", "hostPID", "hostIPC")) {
                assertFalse(pod.path(hostField).asBoolean(false), service + ": " + hostField);
            }
            assertTmpIsAnEmptyDir(service, pod, container);
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), service + ": API token mounted");

            assertEquals(
                    "shelfsync",
                    deployment
                            .at("/spec/template/metadata/labels/app.kubernetes.io~1part-of")
                            .asText(),
                    service + ": pods must carry the label the default-deny NetworkPolicy selects");
            assertEquals(
                    service,
                    deployment
                            .at("/spec/selector/matchLabels/app.kubernetes.io~1name")
                            .asText(),
                    service + ": selector");
            assertTrue(
                    deployment
                            .at("/spec/selector/matchLabels/app.kubernetes.io~1version")
                            .isMissingNode(),
                    service + ": the version label in the selector would break every upgrade (immutable)");

            JsonNode service_ = rendered.get("Service", service);
            assertTrue(
                    stream(service_.at("/spec/ports"))
                            .anyMatch(p -> p.path("name").asText().equals("http")),
                    service + ": Service has no port named http");
        }
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void secretsOnlyThroughSecretKeyRefsThatTheValuesContractDocuments(Environment environment) {
        Rendered rendered = render(environment);
        JsonNode values = effectiveValues(environment);
        String readme = readString(DEPLOY_DIR.resolve("README.md"));
        assertTrue(
                rendered.names("Secret").isEmpty(), "the chart must not create Secrets: " + rendered.names("Secret"));

        for (String service : services) {
            JsonNode container =
                    onlyContainer(service, rendered.get("Deployment", service).at("/spec/template/spec"));
            JsonNode contract = values.at("/" + service + "/app/secrets");
            assertTrue(contract.isObject() && !contract.isEmpty(), service + ": no app.secrets in the values");
            assertTrue(container.path("envFrom").isEmpty(), service + ": envFrom hides which keys a pod reads");
            Set<String> used = new HashSet<>();
            for (JsonNode env : container.path("env")) {
                String name = env.path("name").asText();
                JsonNode secretRef = env.at("/valueFrom/secretKeyRef");
                JsonNode configMapRef = env.at("/valueFrom/configMapKeyRef");
                if (name.equals(LOCAL_SIGNING_KEY)) {
                    assertEquals(NO_KEY, env.path("value").asText(), service + ": " + name + " is set in a cluster");
                } else if (SECRET_NAME.matcher(name).matches()) {
                    assertTrue(env.path("value").isMissingNode(), service + ": " + name + " has a literal value");
                    assertFalse(secretRef.isMissingNode(), service + ": " + name + " not from a secretKeyRef");
                }
                if (!secretRef.isMissingNode()) {
                    String entry = contractEntry(contract, secretRef);
                    assertNotNull(
                            entry,
                            service + ": " + name + " reads Secret " + secretRef + " that app.secrets does not name");
                    assertTrue(
                            readme.contains("app.secrets." + entry),
                            "deploy/README.md does not document <service>.app.secrets." + entry);
                    used.add(entry);
                }
                if (!configMapRef.isMissingNode()) {
                    JsonNode configMap =
                            rendered.find("ConfigMap", configMapRef.path("name").asText());
                    assertNotNull(configMap, service + ": " + name + " reads a ConfigMap the chart does not render");
                    assertTrue(
                            configMap.at("/data").has(configMapRef.path("key").asText()),
                            service + ": " + name + " reads a key the ConfigMap does not define");
                }
            }
            if (service.equals(CONSOLE)) {
                assertEquals(
                        Set.of("oidcClientId", "oidcClientSecret"),
                        used,
                        "the console reads only its OIDC client's id and secret from a Secret");
            } else {
                assertTrue(
                        used.containsAll(List.of("db", "rabbitmq")),
                        service + ": database and broker passwords must come from app.secrets.db/rabbitmq, used "
                                + used);
            }
            assertNoTestOrLocalDefaults(service, container);
        }

        for (JsonNode configMap : rendered.all("ConfigMap")) {
            configMap.path("data").fields().forEachRemaining(e -> {
                assertFalse(
                        SECRET_NAME.matcher(e.getKey()).matches(),
                        "ConfigMap " + name(configMap) + " holds " + e.getKey());
                assertFalse(
                        e.getValue().asText().toLowerCase().contains("password="),
                        "ConfigMap " + name(configMap) + " holds a password");
            });
        }
    }

    @Test
    void noValuesFileDefaultsAPassword() {
        JsonNode umbrella = read(CHART.resolve("values.yaml"));
        List<String> offences = new ArrayList<>();
        literalSecrets(umbrella, "", offences);
        literalSecrets(read(CHART.resolve("values-production.yaml")), "", offences);
        for (String service : services) {
            JsonNode generated = read(CHART.resolve("charts").resolve(service).resolve("values.yaml"));
            List<String> generatedOffences = new ArrayList<>();
            literalSecrets(generated, service, generatedOffences);
            for (String offence : generatedOffences) {
                // quarkus-helm 1.3.0 leaves an app.envs.<X>_PASSWORD placeholder beside the secretKeyRef; the
                // umbrella values must remove it (null), so no install ever sees a default.
                String path = offence.substring(0, offence.indexOf(' '));
                JsonNode override = umbrella.at("/" + path.replace('.', '/'));
                if (!override.isNull() && !override.asText().equals(NO_KEY)) {
                    offences.add(offence + " (not removed by values.yaml)");
                }
            }
        }
        assertTrue(offences.isEmpty(), "literal secrets in values defaults: " + offences);
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void everyServiceScalesWithAnHpaAndAPdbAndIsScraped(Environment environment) {
        Rendered rendered = render(environment);
        JsonNode values = effectiveValues(environment);
        boolean serviceMonitors = values.at("/metrics/serviceMonitor/enabled").asBoolean();
        for (String service : services) {
            JsonNode hpa = rendered.get("HorizontalPodAutoscaler", service);
            assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
            assertEquals(service, hpa.at("/spec/scaleTargetRef/name").asText());
            int min = hpa.at("/spec/minReplicas").asInt();
            int max = hpa.at("/spec/maxReplicas").asInt();
            assertTrue(min >= 1 && max >= min, service + ": HPA " + min + ".." + max);
            if (environment == Environment.PRODUCTION) {
                assertTrue(min >= 2, service + ": production runs at least two replicas");
            }
            assertTrue(
                    rendered.get("Deployment", service).at("/spec/replicas").isMissingNode(),
                    service + ": a replicas field would fight the HPA on every upgrade");

            JsonNode pdb = rendered.get("PodDisruptionBudget", service);
            assertEquals(
                    service,
                    pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
            JsonNode minAvailable = pdb.at("/spec/minAvailable");
            JsonNode maxUnavailable = pdb.at("/spec/maxUnavailable");
            assertTrue(minAvailable.isMissingNode() != maxUnavailable.isMissingNode(), service + ": PDB " + pdb);
            if (!minAvailable.isMissingNode()) {
                assertTrue(minAvailable.asInt() < min, service + ": PDB minAvailable would block every node drain");
            }

            if (!values.at("/" + service + "/scrape").asBoolean(true)) {
                // The console has no metrics extension: nothing to scrape, so nothing may claim to.
                assertEquals(
                        null, rendered.find("ServiceMonitor", service), service + ": ServiceMonitor without metrics");
                continue;
            }
            JsonNode podAnnotations = rendered.get("Deployment", service).at("/spec/template/metadata/annotations");
            boolean annotated = podAnnotations
                            .path("prometheus.io/scrape")
                            .asText()
                            .equals("true")
                    && podAnnotations.path("prometheus.io/path").asText().equals("/q/metrics");
            assertTrue(annotated || serviceMonitors, service + ": neither scrape annotations nor a ServiceMonitor");
            if (serviceMonitors) {
                JsonNode monitor = rendered.get("ServiceMonitor", service);
                assertEquals("http", monitor.at("/spec/endpoints/0/port").asText());
                assertEquals("/q/metrics", monitor.at("/spec/endpoints/0/path").asText());
            } else {
                assertTrue(rendered.all("ServiceMonitor").isEmpty(), "ServiceMonitor needs the toggle");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void networkPoliciesDenyByDefaultAndOpenOnlyWhatEachServiceNeeds(Environment environment) {
        Rendered rendered = render(environment);
        JsonNode values = effectiveValues(environment);
        String webhookService = values.at("/ingress/service").asText();

        JsonNode deny = rendered.get("NetworkPolicy", "shelfsync-default-deny");
        assertEquals(
                "shelfsync",
                deny.at("/spec/podSelector/matchLabels/app.kubernetes.io~1part-of")
                        .asText());
        assertEquals(Set.of("Ingress", "Egress"), texts(deny.at("/spec/policyTypes")));
        assertTrue(deny.at("/spec/ingress").isEmpty() && deny.at("/spec/egress").isEmpty(), "default deny has rules");

        Set<Integer> postgresPorts = ints(values.at("/networkPolicy/postgresql/ports"));
        Set<Integer> rabbitPorts = ints(values.at("/networkPolicy/rabbitmq/ports"));
        Set<Integer> identityProviderPorts = ints(values.at("/networkPolicy/identityProvider/ports"));
        assertFalse(identityProviderPorts.isEmpty(), "no egress to the identity provider configured");
        JsonNode ingressControllerPeer = values.at("/networkPolicy/ingressController");
        for (String service : services) {
            JsonNode policy = rendered.get("NetworkPolicy", service);
            assertEquals(
                    service,
                    policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name")
                            .asText());
            assertEquals(Set.of("Ingress", "Egress"), texts(policy.at("/spec/policyTypes")));
            Set<Integer> egressPorts = new HashSet<>();
            for (JsonNode rule : policy.at("/spec/egress")) {
                assertFalse(rule.path("to").isEmpty(), service + ": egress rule without peers allows everything");
                egressPorts.addAll(ints(rule.path("ports"), "port"));
            }
            if (service.equals(CONSOLE)) {
                assertTrue(
                        egressPorts.stream().noneMatch(p -> postgresPorts.contains(p) || rabbitPorts.contains(p)),
                        "the console has no database and no broker, yet may reach their ports " + egressPorts);
            } else {
                assertTrue(
                        egressPorts.containsAll(postgresPorts), service + ": no egress to PostgreSQL " + egressPorts);
                assertTrue(egressPorts.containsAll(rabbitPorts), service + ": no egress to RabbitMQ " + egressPorts);
            }
            assertTrue(egressPorts.contains(53), service + ": no DNS egress");
            assertTrue(
                    egressPorts.containsAll(identityProviderPorts),
                    service + ": cannot fetch the token signing keys " + egressPorts);

            int port = httpPort(
                    service,
                    onlyContainer(service, rendered.get("Deployment", service).at("/spec/template/spec")));
            boolean fromIngressController = false;
            for (JsonNode rule : policy.at("/spec/ingress")) {
                assertFalse(rule.path("from").isEmpty(), service + ": ingress rule without peers allows everyone");
                assertEquals(
                        Set.of(port), ints(rule.path("ports"), "port"), service + ": ingress beyond its HTTP port");
                fromIngressController |= stream(rule.path("from")).anyMatch(ingressControllerPeer::equals);
            }
            assertEquals(
                    service.equals(webhookService) || service.equals(CONSOLE),
                    fromIngressController,
                    service + ": only the webhook receiver and the console are reachable from the ingress controller");
        }
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void onlyTheGatewayWebhookPathsAndTheConsoleAreExposed(Environment environment) {
        Rendered rendered = render(environment);
        JsonNode values = effectiveValues(environment);
        String webhookService = values.at("/ingress/service").asText();
        List<JsonNode> ingresses = rendered.all("Ingress");
        if (!services.contains(webhookService)) {
            // The gateway's chart is not assembled yet: an Ingress would point at a Service that does not exist.
            assertTrue(ingresses.isEmpty(), "Ingress rendered without " + webhookService);
            return;
        }
        assertEquals(
                Set.of(webhookService + "-webhooks", CONSOLE),
                rendered.names("Ingress"),
                "the webhook paths and the console are the only ways in");
        for (JsonNode ingress : ingresses) {
            boolean console = name(ingress).equals(CONSOLE);
            String backend = console ? CONSOLE : webhookService;
            for (JsonNode rule : ingress.at("/spec/rules")) {
                if (console) {
                    assertEquals(
                            values.at("/staff-console/ingress/host").asText(),
                            rule.path("host").asText());
                }
                for (JsonNode path : rule.at("/http/paths")) {
                    String prefix = path.path("path").asText();
                    assertTrue(console || prefix.startsWith("/webhooks"), "exposes " + path);
                    assertFalse(prefix.startsWith("/q"), "exposes the management endpoints: " + path);
                    assertEquals(backend, path.at("/backend/service/name").asText());
                    assertEquals("http", path.at("/backend/service/port/name").asText());
                }
            }
            if (environment == Environment.PRODUCTION) {
                assertFalse(ingress.at("/spec/tls").isEmpty(), "production " + name(ingress) + " without TLS");
            }
        }
        // The console's Ingress sends every path to it, /q/ included: it must keep having no metrics and no OpenAPI.
        String consolePom = readString(DEPLOY_DIR.resolve("../staff-console/pom.xml"));
        for (String extension : List.of("quarkus-micrometer", "quarkus-smallrye-openapi", "quarkus-smallrye-metrics")) {
            assertFalse(consolePom.contains(extension), "the console's Ingress would expose " + extension);
        }
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void theConsoleCallsTheServicesItNeedsAndOnlyTheIngressControllerReachesIt(Environment environment) {
        Rendered rendered = render(environment);
        JsonNode values = effectiveValues(environment);
        JsonNode ingressController = values.at("/networkPolicy/ingressController");
        Set<String> callees = texts(values.at("/staff-console/networkPolicy/callsServices"));
        assertEquals(
                Set.of("inventory-service", "returns-service", "channel-gateway", "alerting-service"),
                callees,
                "the console's API clients (INVENTORY_URL, RETURNS_URL, GATEWAY_URL, ALERTING_URL)");

        JsonNode console = rendered.get("NetworkPolicy", CONSOLE);
        int consolePort = httpPort(
                CONSOLE,
                onlyContainer(CONSOLE, rendered.get("Deployment", CONSOLE).at("/spec/template/spec")));
        assertEquals(1, console.at("/spec/ingress").size(), "the console admits one peer: " + console);
        JsonNode in = console.at("/spec/ingress/0");
        assertEquals(List.of(ingressController), stream(in.path("from")).toList(), "who reaches the console");
        assertEquals(Set.of(consolePort), ints(in.path("ports"), "port"));

        Map<String, Integer> calls = new LinkedHashMap<>();
        for (JsonNode rule : console.at("/spec/egress")) {
            String callee = rule.at("/to/0/podSelector/matchLabels/app.kubernetes.io~1name")
                    .asText();
            if (!callee.isEmpty()) {
                assertEquals(1, rule.path("to").size(), "one service per rule: " + rule);
                assertTrue(rule.at("/to/0/namespaceSelector").isMissingNode(), "a service in another namespace");
                assertEquals(1, rule.path("ports").size(), rule.toString());
                calls.put(callee, rule.at("/ports/0/port").asInt());
            }
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (String callee : callees) {
            JsonNode pod = rendered.get("Deployment", callee).at("/spec/template/spec");
            expected.put(callee, httpPort(callee, onlyContainer(callee, pod)));
        }
        assertEquals(expected, calls, "the console reaches each service it calls on its HTTP port, nothing else");

        for (String service : services) {
            boolean admitsConsole = stream(
                            rendered.get("NetworkPolicy", service).at("/spec/ingress"))
                    .filter(rule -> ints(rule.path("ports"), "port").equals(Set.of(expected.getOrDefault(service, -1))))
                    .flatMap(rule -> stream(rule.path("from")))
                    .anyMatch(peer -> peer.at("/podSelector/matchLabels/app.kubernetes.io~1name")
                                    .asText()
                                    .equals(CONSOLE)
                            && peer.path("namespaceSelector").isMissingNode());
            assertEquals(callees.contains(service), admitsConsole, service + ": admits the console's calls");
        }
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void theConsoleSignsInThroughTheIdentityProviderOnly(Environment environment) {
        Rendered rendered = render(environment);
        JsonNode values = effectiveValues(environment);
        JsonNode container =
                onlyContainer(CONSOLE, rendered.get("Deployment", CONSOLE).at("/spec/template/spec"));
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));

        assertEquals("oidc", env.get("CONSOLE_SIGN_IN").path("value").asText(), "local sign-in page enabled");
        assertEquals("true", env.get("CONSOLE_OIDC_ENABLED").path("value").asText(), "OIDC tenant off");
        assertEquals(
                "authenticated",
                env.get("CONSOLE_PAGE_POLICY").path("value").asText(),
                "pages open without signing in");
        assertEquals(NO_KEY, env.get(LOCAL_SIGNING_KEY).path("value").asText(), "a local token key in a cluster");
        env.values().stream()
                .filter(e -> e.path("valueFrom").isMissingNode())
                .forEach(e -> assertFalse(
                        empty(e.path("value")),
                        e.path("name").asText() + " is empty: the console refuses to start on an empty setting"));
        assertTrue(
                env.get("OIDC_AUTH_SERVER_URL").path("value").asText().startsWith("https://"),
                "the identity provider over HTTPS");
        for (String credential : List.of("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET")) {
            JsonNode ref = env.get(credential).at("/valueFrom/secretKeyRef");
            assertFalse(ref.isMissingNode(), credential + " not from a Secret");
            assertTrue(env.get(credential).path("value").isMissingNode(), credential + " has a literal value");
            String entry = credential.equals("OIDC_CLIENT_ID") ? "oidcClientId" : "oidcClientSecret";
            JsonNode named = values.at("/staff-console/app/secrets/" + entry);
            assertEquals(named.path("name").asText(), ref.path("name").asText(), credential + ": Secret name");
            assertEquals(named.path("key").asText(), ref.path("key").asText(), credential + ": Secret key");
        }
        // The services' APIs through their in-cluster Services (port 80, named http).
        for (var url : Map.of(
                        "INVENTORY_URL", "inventory-service",
                        "RETURNS_URL", "returns-service",
                        "GATEWAY_URL", "channel-gateway",
                        "ALERTING_URL", "alerting-service")
                .entrySet()) {
            assertEquals(
                    "http://" + url.getValue(),
                    env.get(url.getKey()).path("value").asText(),
                    url.getKey());
            JsonNode service = rendered.get("Service", url.getValue());
            assertTrue(
                    stream(service.at("/spec/ports"))
                            .anyMatch(p -> p.path("port").asInt() == 80),
                    url.getKey());
        }
        String everyConfigMap = rendered.all("ConfigMap").toString();
        assertFalse(everyConfigMap.contains("OIDC_CLIENT"), "a ConfigMap carries the OIDC client");
        assertFalse(everyConfigMap.contains("client-secret"), "a ConfigMap carries the OIDC client");
    }

    @Test
    void theChartRefusesTheLocalSignIn() {
        for (var setting : Map.of(
                        "staff-console.app.envs.CONSOLE_SIGN_IN", "local",
                        "staff-console.app.envs.CONSOLE_OIDC_ENABLED", "false",
                        "staff-console.app.envs.CONSOLE_PAGE_POLICY", "permit",
                        "staff-console.app.envs.CONSOLE_LOCAL_SIGNING_KEY", "/keys/privateKey.pem",
                        "staff-console.app.envs.OIDC_AUTH_SERVER_URL", "")
                .entrySet()) {
            TemplateCommand template = new Helm(CHART)
                    .template()
                    .withName("shelfsync")
                    .withNamespace("shelfsync")
                    .withKubeVersion(KUBE_VERSION)
                    .set(setting.getKey(), setting.getValue());
            RuntimeException refused = assertThrows(RuntimeException.class, template::call, setting.toString());
            assertTrue(refused.getMessage().contains("staff-console"), setting + ": " + refused.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void alertRulesShipWhenEnabledAndEachAlertHasARunbook(Environment environment) {
        Rendered rendered = render(environment);
        JsonNode values = effectiveValues(environment);
        List<JsonNode> rules = rendered.all("PrometheusRule");
        if (!values.at("/metrics/prometheusRule/enabled").asBoolean()) {
            assertTrue(rules.isEmpty(), "PrometheusRule needs the toggle");
            return;
        }
        assertEquals(1, rules.size());
        JsonNode rule = rules.get(0);
        assertEquals("monitoring.coreos.com/v1", rule.path("apiVersion").asText());
        values.at("/metrics/prometheusRule/labels")
                .fields()
                .forEachRemaining(label -> assertEquals(
                        label.getValue().asText(),
                        rule.at("/metadata/labels").path(label.getKey()).asText(),
                        "Prometheus selects rules by " + label.getKey()));
        String runbooks = readString(DEPLOY_DIR.resolve("../docs/observability.md"));
        String runbookBase = values.at("/metrics/prometheusRule/runbookBaseUrl").asText();
        Set<String> alerts = new HashSet<>();
        for (JsonNode group : rule.at("/spec/groups")) {
            for (JsonNode alert : group.path("rules")) {
                String name = alert.path("alert").asText();
                assertTrue(alerts.add(name), "duplicate alert " + name);
                String expr = alert.path("expr").asText();
                assertFalse(expr.isBlank(), name + ": no expression");
                assertFalse(expr.contains("{{"), name + ": unrendered template in " + expr);
                assertTrue(expr.contains("namespace=\"shelfsync\""), name + ": not limited to the release's namespace");
                assertTrue(
                        Set.of("critical", "warning", "info")
                                .contains(alert.at("/labels/severity").asText()),
                        name + ": severity");
                assertFalse(alert.at("/annotations/summary").asText().isBlank(), name + ": no summary");
                assertEquals(
                        runbookBase + "#" + name.toLowerCase(),
                        alert.at("/annotations/runbook_url").asText(),
                        name + ": runbook link");
                assertTrue(runbooks.contains("\n### " + name + "\n"), name + ": no runbook in docs/observability.md");
            }
        }
        assertEquals(
                Set.of(
                        "ShelfsyncSyncLagHigh",
                        "ShelfsyncPushesFailing",
                        "ShelfsyncChannelNotSyncing",
                        "ShelfsyncOversellIncident",
                        "ShelfsyncOutboxStuck",
                        "ShelfsyncMessagesParked",
                        "ShelfsyncReadinessFlapping",
                        "ShelfsyncInspectionsOverdue"),
                alerts);
        String syncLag = stream(rule.at("/spec/groups"))
                .flatMap(group -> stream(group.path("rules")))
                .filter(alert -> alert.path("alert").asText().equals("ShelfsyncSyncLagHigh"))
                .findFirst()
                .orElseThrow()
                .path("expr")
                .asText();
        assertTrue(
                syncLag.endsWith(
                        "> " + values.at("/metrics/syncLagBoundSeconds").asText()),
                "the sync lag alert uses the bound of the values: " + syncLag);
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void theDashboardShipsForGrafanasSidecarWhenEnabled(Environment environment) throws IOException {
        Rendered rendered = render(environment);
        JsonNode values = effectiveValues(environment);
        JsonNode configMap = rendered.find("ConfigMap", "shelfsync-dashboard");
        if (!values.at("/metrics/dashboard/enabled").asBoolean()) {
            assertEquals(null, configMap, "dashboard ConfigMap needs the toggle");
            return;
        }
        assertNotNull(configMap, "no dashboard ConfigMap");
        assertEquals("1", configMap.at("/metadata/labels/grafana_dashboard").asText(), "Grafana sidecar label");
        JsonNode dashboard = YAML.readTree(configMap.at("/data/shelfsync.json").asText());
        assertEquals("shelfsync-overview", dashboard.path("uid").asText());
        List<JsonNode> panels = stream(dashboard.path("panels"))
                .filter(panel -> !panel.path("type").asText().equals("row"))
                .toList();
        assertTrue(panels.size() >= 10, "panels: " + panels.size());
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertFalse(panel.path("targets").isEmpty(), title + ": no query");
            panel.path("targets")
                    .forEach(target -> assertTrue(
                            target.path("expr").asText().contains("namespace=~\"$namespace\""),
                            title + ": query not limited to the chosen namespace"));
        }
        JsonNode slo = panels.get(0);
        assertEquals(
                values.at("/metrics/syncLagBoundSeconds").asDouble(),
                slo.at("/fieldConfig/defaults/thresholds/steps/1/value").asDouble(),
                "the SLO panel draws the bound of the values");
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void assertProbe(String service, JsonNode container, String probe, String path, int port) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        assertEquals(path, httpGet.path("path").asText(), service + ": " + probe + " path");
        assertEquals(port, httpGet.path("port").asInt(), service + ": " + probe + " port");
    }

    private static void assertTmpIsAnEmptyDir(String service, JsonNode pod, JsonNode container) {
        String volume = stream(container.path("volumeMounts"))
                .filter(m -> m.path("mountPath").asText().equals("/tmp"))
                .map(m -> m.path("name").asText())
                .findFirst()
                .orElseGet(() -> fail(service + ": no volume mounted at /tmp"));
        assertTrue(
                stream(pod.path("volumes"))
                        .anyMatch(v -> v.path("name").asText().equals(volume) && v.has("emptyDir")),
                service + ": /tmp is not an emptyDir");
        assertTrue(stream(pod.path("volumes")).noneMatch(v -> v.has("hostPath")), service + ": hostPath volume");
    }

    /** Connection settings must come from the chart's values, never from the build machine or a test profile. */
    private static void assertNoTestOrLocalDefaults(String service, JsonNode container) {
        for (JsonNode env : container.path("env")) {
            String value = env.path("value").asText();
            assertFalse(
                    value.startsWith("ss_test_") || value.startsWith("ss-test-") || value.equals("127.0.0.1"),
                    service + ": " + env.path("name").asText() + "=" + value + " leaked from a local profile");
            if (env.path("name").asText().equals("GATEWAY_ALLOW_PRIVATE_ENDPOINTS")) {
                // %dev turns it on for simulated marketplaces; in a cluster it would let a channel reach internal
                // hosts.
                assertEquals("false", value, service + ": outbound calls to private addresses enabled");
            }
        }
    }

    private static String contractEntry(JsonNode contract, JsonNode secretKeyRef) {
        var entries = contract.fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            if (entry.getValue()
                            .path("name")
                            .asText()
                            .equals(secretKeyRef.path("name").asText())
                    && entry.getValue()
                            .path("key")
                            .asText()
                            .equals(secretKeyRef.path("key").asText())) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** Scalars under secret-like names; a {@code secrets} map holds only Secret names and keys, so it is skipped. */
    private static void literalSecrets(JsonNode node, String path, List<String> offences) {
        node.fields().forEachRemaining(e -> {
            String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode value = e.getValue();
            if (value.isObject()) {
                if (!e.getKey().equals("secrets")) {
                    literalSecrets(value, childPath, offences);
                }
            } else if (SECRET_NAME.matcher(e.getKey()).matches()
                    && !value.isNull()
                    && !value.asText().isEmpty()
                    && !value.asText().equals(NO_KEY)) {
                offences.add(childPath + " = " + value.asText());
            }
        });
    }

    private static JsonNode onlyContainer(String service, JsonNode pod) {
        assertEquals(1, pod.path("containers").size(), service + ": one container");
        assertTrue(pod.path("initContainers").isEmpty(), service + ": init containers need the same hardening");
        return pod.path("containers").get(0);
    }

    private static int httpPort(String service, JsonNode container) {
        return stream(container.path("ports"))
                .filter(p -> p.path("name").asText().equals("http"))
                .map(p -> p.path("containerPort").asInt())
                .findFirst()
                .orElseGet(() -> fail(service + ": no http container port"));
    }

    /** What helm computes for a service's values: its generated defaults, then values.yaml, then the overlay. */
    private static JsonNode effectiveValues(Environment environment) {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        for (String service : services) {
            values.set(service, read(CHART.resolve("charts").resolve(service).resolve("values.yaml")));
        }
        merge(values, read(CHART.resolve("values.yaml")));
        for (String file : environment.valuesFiles) {
            merge(values, read(CHART.resolve(file)));
        }
        return values;
    }

    private static void merge(ObjectNode target, JsonNode overlay) {
        overlay.fields().forEachRemaining(e -> {
            JsonNode existing = target.get(e.getKey());
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (existing instanceof ObjectNode object && e.getValue().isObject()) {
                merge(object, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    private static final Map<Environment, Rendered> RENDERED = new LinkedHashMap<>();

    private static synchronized Rendered render(Environment environment) {
        return RENDERED.computeIfAbsent(environment, env -> {
            TemplateCommand template = new Helm(CHART)
                    .template()
                    .withName("shelfsync")
                    .withNamespace("shelfsync")
                    .withKubeVersion(KUBE_VERSION);
            for (String file : env.valuesFiles) {
                template = template.withValuesFile(CHART.resolve(file));
            }
            String manifests = template.call();
            try {
                // Kept for review: target/rendered-small.yaml, target/rendered-production.yaml.
                Files.writeString(
                        CHART.resolve("../../rendered-" + env.name().toLowerCase() + ".yaml")
                                .normalize(),
                        manifests);
                List<JsonNode> documents = new ArrayList<>();
                try (var iterator = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests)) {
                    while (iterator.hasNext()) {
                        JsonNode document = iterator.next();
                        if (document != null && document.hasNonNull("kind")) {
                            documents.add(document);
                        }
                    }
                }
                return new Rendered(documents);
            } catch (IOException e) {
                throw new UncheckedIOException("helm template produced unparsable YAML:\n" + manifests, e);
            }
        });
    }

    /** The documents one helm template run produced. */
    private record Rendered(List<JsonNode> documents) {

        List<JsonNode> all(String kind) {
            return documents.stream()
                    .filter(d -> d.path("kind").asText().equals(kind))
                    .toList();
        }

        Set<String> names(String kind) {
            Set<String> names = new HashSet<>();
            all(kind).forEach(d -> assertTrue(names.add(name(d)), "duplicate " + kind + " " + name(d)));
            return names;
        }

        JsonNode find(String kind, String name) {
            return all(kind).stream()
                    .filter(d -> name(d).equals(name))
                    .findFirst()
                    .orElse(null);
        }

        JsonNode get(String kind, String name) {
            JsonNode document = find(kind, name);
            assertNotNull(document, "no " + kind + " " + name + " rendered");
            return document;
        }
    }

    private static String name(JsonNode document) {
        return document.at("/metadata/name").asText();
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode node = YAML.readTree(file.toFile());
            return node == null || node.isMissingNode() ? JsonNodeFactory.instance.objectNode() : node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** An env var's value that sets nothing: absent, null (a removed value) or "". */
    private static boolean empty(JsonNode value) {
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty();
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new HashSet<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static Set<Integer> ints(JsonNode array) {
        Set<Integer> ints = new HashSet<>();
        array.forEach(n -> ints.add(n.asInt()));
        return ints;
    }

    private static Set<Integer> ints(JsonNode array, String field) {
        Set<Integer> ints = new HashSet<>();
        array.forEach(n -> ints.add(n.path(field).asInt()));
        return ints;
    }
}
