import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import { serializeProperties } from "@pulumi/pulumi/runtime/rpc";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

const ROOT = path.join(__dirname, "..", "..");

type Callback = (error: Error | null, response?: unknown) => void;
type MonitorMethod = (request: unknown, callback: Callback) => unknown;

/**
 * Serves, over gRPC, the resource monitor that `pulumi.runtime.setMocks` installed in this process, and
 * an engine that only takes logs: what `pulumi up` would give the plugin, with the mocks behind it.
 * Returns the address to hand the plugin.
 */
export async function serveMockEngine(): Promise<{ address: string; stop(): void }> {
    const monitor = pulumi.runtime.getMonitor() as unknown as Record<string, MonitorMethod>;
    // The mock monitor answers some calls with plain objects; gRPC needs the messages.
    const replies: Record<string, (plain: any) => unknown> = {
        supportsFeature: (plain) => new resproto.SupportsFeatureResponse().setHassupport(plain.getHassupport()),
        registerResourceOutputs: () => new Empty(),
        registerStackTransform: () => new Empty(),
        registerStackInvokeTransform: () => new Empty(),
    };
    const monitorService = Object.fromEntries(
        Object.keys(resrpc.ResourceMonitorService).map((method) => [
            method,
            (call: { request: unknown }, callback: Callback) => {
                if (!monitor[method])
                    return callback(Object.assign(new Error(`the mock monitor has no ${method}`), { code: grpc.status.UNIMPLEMENTED }));
                return monitor[method].call(monitor, call.request, (error, response) =>
                    callback(error, error ? undefined : (replies[method]?.(response) ?? response)),
                );
            },
        ]),
    );
    const server = new grpc.Server();
    server.addService(resrpc.ResourceMonitorService, monitorService);
    server.addService(enginerpc.EngineService, {
        log: (_call: unknown, callback: Callback) => callback(null, new Empty()),
        getRootResource: (_call: unknown, callback: Callback) => callback(null, new engineproto.GetRootResourceResponse()),
        setRootResource: (_call: unknown, callback: Callback) => callback(null, new engineproto.SetRootResourceResponse()),
    });
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

/** The component plugin's provider host, started as Pulumi starts it, and a gRPC client of it. */
export class PluginHost {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: provrpc.ResourceProviderClient,
        private readonly engine: string,
    ) {}

    /** Starts the plugin with the engine (and monitor) at `engine`; resolves once it listens. */
    static async start(engine: string): Promise<PluginHost> {
        const child = spawn(
            process.execPath,
            ["-r", "hardened-redis-gate/register-typescript", path.join(__dirname, "serve-plugin.ts"), engine],
            { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
        );
        let stderr = "";
        child.stderr!.on("data", (chunk) => (stderr += chunk));
        const port = await new Promise<string>((resolve, reject) => {
            readline.createInterface({ input: child.stdout! }).once("line", resolve);
            child.once("exit", (code) => reject(new Error(`the plugin exited with ${code} before listening: ${stderr}`)));
        });
        return new PluginHost(
            child,
            new provrpc.ResourceProviderClient(`127.0.0.1:${port.trim()}`, grpc.credentials.createInsecure()),
            engine,
        );
    }

    /** The schema the plugin serves, parsed. */
    getSchema(): Promise<any> {
        return new Promise((resolve, reject) =>
            this.client.getSchema(new provproto.GetSchemaRequest(), (e, response) =>
                e ? reject(e) : resolve(JSON.parse(response.getSchema())),
            ),
        );
    }

    /** Constructs a component as a Pulumi program in another language would; resolves to its URN and outputs. */
    async construct(type: string, name: string, inputs: Record<string, unknown>): Promise<{ urn: string; state: Record<string, unknown> }> {
        const request = new provproto.ConstructRequest()
            .setProject(pulumi.getProject())
            .setStack(pulumi.getStack())
            .setMonitorendpoint(this.engine)
            .setDryrun(false)
            .setParallel(16)
            .setType(type)
            .setName(name)
            .setInputs(Struct.fromJavaScript(await serializeProperties("construct", inputs)));
        return new Promise((resolve, reject) =>
            this.client.construct(request, (e, response) =>
                e ? reject(e) : resolve({ urn: response.getUrn(), state: response.getState()?.toJavaScript() ?? {} }),
            ),
        );
    }

    /** Stops the plugin process and the client. */
    stop(): void {
        this.client.close();
        this.child.kill();
    }
}
