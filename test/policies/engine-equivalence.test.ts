import { Policies } from "@pulumi/policy";
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { PlannedResource, evaluatePolicies } from "hardened-redis-gate";
import { toPlannedResource } from "hardened-redis-gate";
import { policies } from "hardened-redis-policies/policies";
import production from "hardened-redis-policies/config/production.json";
import { MockHarness } from "../support/harness";
import { fedBy, planned, secret } from "../support/policy-fixtures";

/**
 * The offline evaluator against the real thing: the built pack (`policies/`, whose `main` is
 * `bin/index.js`) is started as the Pulumi CLI starts a policy pack, through `@pulumi/pulumi`'s
 * `run-policy-pack` entry with an engine address, and driven over gRPC with the requests the engine sends (configure, analyze for each
 * resource, analyzeStack). The evaluator must report exactly what @pulumi/policy's own server reports.
 */
const POLICIES_DIR = path.dirname(require.resolve("hardened-redis-policies/package.json"));
const RUN_POLICY_PACK = path.dirname(require.resolve("@pulumi/pulumi/cmd/run-policy-pack"));
/** The engine the pack would log to; nothing listens there, and a pack that only serves analyzer calls never dials it. */
const UNUSED_ENGINE_ADDRESS = "127.0.0.1:1";
const harness = new MockHarness();
let pack: ChildProcess;
let client: AnalyzerClient;

beforeAll(async () => {
    await harness.install();
    pack = spawn(process.execPath, [RUN_POLICY_PACK, UNUSED_ENGINE_ADDRESS, POLICIES_DIR], { stdio: ["ignore", "pipe", "pipe"] });
    const port = await new Promise<string>((resolve, reject) => {
        let stderr = "";
        pack.stderr!.on("data", (chunk) => (stderr += chunk));
        pack.stdout!.once("data", (chunk) => resolve(String(chunk).trim()));
        pack.once("exit", (code) => reject(new Error(`the policy pack exited with ${code}: ${stderr}`)));
    });
    client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 60_000);

afterAll(() => {
    client?.close();
    if (pack?.pid) process.kill(pack.pid);
});

const call = <Req, Res>(method: (req: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => unknown, request: Req) =>
    new Promise<Res>((resolve, reject) => method.call(client, request, (error, response) => (error ? reject(error) : resolve(response))));

/** The config the CLI sends after reconciling `--policy-pack-config`: every policy, its level, its properties with defaults. */
async function configure(config: Record<string, any>): Promise<void> {
    const request = new analyzer.ConfigureAnalyzerRequest();
    const all = typeof config.all === "string" ? config.all : config.all?.enforcementLevel;
    for (const policy of policies as Policies) {
        const given = config[policy.name];
        const { enforcementLevel, ...properties } = typeof given === "string" ? { enforcementLevel: given } : (given ?? {});
        const defaults = Object.fromEntries(
            Object.entries(policy.configSchema?.properties ?? {}).map(([k, v]) => [k, (v as { default: unknown }).default]),
        );
        const entry = new analyzer.PolicyConfig();
        entry.setEnforcementlevel(LEVELS.indexOf(enforcementLevel ?? all ?? policy.enforcementLevel));
        entry.setProperties(Struct.fromJavaScript({ ...defaults, ...properties }));
        request.getPolicyconfigMap().set(policy.name, entry);
    }
    await call(client.configure, request);
}

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];
const SEVERITIES = [undefined, "low", "medium", "high", "critical"];

function options(resource: PlannedResource): analyzer.AnalyzerResourceOptions {
    const opts = new analyzer.AnalyzerResourceOptions();
    opts.setProtect(false);
    if (resource.parent) opts.setParent(resource.parent);
    return opts;
}

function properties(resource: PlannedResource): Struct {
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(resource.props)));
}

async function serverViolations(resources: PlannedResource[]) {
    const found = [];
    for (const resource of resources) {
        const request = new analyzer.AnalyzeRequest();
        request
            .setType(resource.type)
            .setUrn(resource.urn)
            .setName(resource.name)
            .setProperties(properties(resource))
            .setOptions(options(resource));
        const response = await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(client.analyze, request);
        found.push(...response.getDiagnosticsList().map((d) => ({ diagnostic: d, urn: d.getUrn() || resource.urn })));
    }
    const stack = new analyzer.AnalyzeStackRequest();
    stack.setResourcesList(
        resources.map((resource) => {
            const entry = new analyzer.AnalyzerResource();
            entry
                .setType(resource.type)
                .setUrn(resource.urn)
                .setName(resource.name)
                .setProperties(properties(resource))
                .setOptions(options(resource))
                .setDependenciesList(resource.dependencies);
            if (resource.parent) entry.setParent(resource.parent);
            for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
                entry.getPropertydependenciesMap().set(property, new analyzer.AnalyzerPropertyDependencies().setUrnsList(urns));
            }
            return entry;
        }),
    );
    const response = await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(client.analyzeStack, stack);
    found.push(...response.getDiagnosticsList().map((d) => ({ diagnostic: d, urn: d.getUrn() || undefined })));
    return found.map(({ diagnostic, urn }) => ({
        policyName: diagnostic.getPolicyname(),
        enforcementLevel: LEVELS[diagnostic.getEnforcementlevel()],
        severity: SEVERITIES[diagnostic.getSeverity()],
        message: diagnostic.getMessage(),
        urn,
    }));
}

async function evaluatorViolations(resources: PlannedResource[], config: Record<string, any>) {
    return (await evaluatePolicies(resources, { config })).map(({ policyName, enforcementLevel, severity, message, urn }) => ({
        policyName,
        enforcementLevel,
        severity,
        message,
        urn,
    }));
}

/** Hand-written resources that break many rules at once, some with values unknown during preview. */
function insecureProgram(): PlannedResource[] {
    const password = planned("random:index/randomPassword:RandomPassword", "pw", { length: 32 });
    return [
        password,
        planned("aws:elasticache/replicationGroup:ReplicationGroup", "legacy", {
            replicationGroupId: "legacy",
            description: "x",
            engineVersion: "6.2",
            port: 6379,
            securityGroupIds: [unknownValue],
            authToken: secret("typed-by-hand-0123456789"),
        }),
        fedBy(
            planned("aws:elasticache/user:User", "ops", {
                userId: "ops",
                userName: "ops",
                engine: "redis",
                accessString: "on ~* +@all",
                authenticationMode: secret({ type: "password", passwords: [unknownValue] }),
            }),
            "authenticationMode",
            password,
        ),
        planned("aws:elasticache/userGroup:UserGroup", "users", { userGroupId: "users", engine: "redis", userIds: ["default", "ops"] }),
        planned("aws:ec2/securityGroup:SecurityGroup", "open", {
            vpcId: unknownValue,
            ingress: [{ protocol: "tcp", fromPort: 6379, toPort: 6379, cidrBlocks: ["0.0.0.0/0"] }],
        }),
        planned("kubernetes:core/v1:ConfigMap", "redis-config", {
            metadata: { name: "redis-config", labels: { app: "redis" } },
            data: { "redis.conf": "requirepass typed\nprotected-mode no" },
        }),
        planned("kubernetes:apps/v1:Deployment", "redis", {
            metadata: { name: "redis" },
            spec: {
                template: {
                    metadata: { labels: { app: "redis" } },
                    spec: {
                        containers: [{ name: "redis", image: "redis:7.2.5", args: ["--requirepass", unknownValue] }],
                        volumes: [{ name: "c", configMap: { name: "redis-config" } }],
                    },
                },
            },
        }),
        planned("kubernetes:core/v1:Service", "redis", {
            spec: { type: "LoadBalancer", selector: { app: "redis" }, ports: [{ port: 6379 }] },
        }),
    ];
}

describe("the evaluator reports exactly what @pulumi/policy's analyzer server reports", () => {
    it.each([
        ["a hand-written insecure program", "the default config", () => insecureProgram(), {}],
        ["a hand-written insecure program", "production.json", () => insecureProgram(), production],
        [
            "the same program",
            "every policy disabled but two",
            () => insecureProgram(),
            { all: "disabled", "redis-port-open-to-internet": "mandatory", "elasticache-literal-password": "advisory" },
        ],
    ])("%s under %s", async (_, __, resources, config) => {
        await configure(config);
        const planned = resources();
        const expected = await serverViolations(planned);
        expect(expected.length).toBeGreaterThan(1);
        expect(await evaluatorViolations(planned, config)).toEqual(expected);
    });

    it("for the ElastiCacheRedis and KubernetesRedis components as recorded under mocks", async () => {
        const components = await import("hardened-redis");
        const cache = new components.ElastiCacheRedis("cache", {
            vpcId: "vpc-1",
            subnetIds: ["subnet-a", "subnet-b"],
            allowedSecurityGroupIds: ["sg-1"],
        });
        const redis = new components.KubernetesRedis("redis", {
            namespace: "data",
            allowedClients: [{ podSelector: { matchLabels: { app: "web" } } }],
        });
        await harness.settle(cache, redis);
        const recorded = harness.resources.map(toPlannedResource);
        await configure(production);
        expect(await evaluatorViolations(recorded, production)).toEqual(await serverViolations(recorded));
    });
});
